//! Writing results: JSON for programs, aligned text for people. Errors writing (a closed pipe)
//! are returned, never panicked on.

use serde::Serialize;
use std::io::{self, Write};

pub struct Out {
    w: Box<dyn Write>,
}

impl Out {
    pub fn stdout() -> Out {
        Out {
            w: Box::new(io::BufWriter::new(io::stdout().lock())),
        }
    }

    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut self.w, value).map_err(io::Error::other)?;
        writeln!(self.w)?;
        self.w.flush()
    }

    pub fn line(&mut self, s: impl AsRef<str>) -> io::Result<()> {
        writeln!(self.w, "{}", s.as_ref())
    }

    /// Rows as columns padded to the widest cell (in characters: stored text is NFC, so a
    /// Vietnamese letter is one character).
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cell.chars().count());
                }
            }
        }
        let fmt_row = |cells: Vec<&str>| -> String {
            let last = cells.len().saturating_sub(1);
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == last {
                        (*c).to_owned()
                    } else {
                        let pad = widths[i].saturating_sub(c.chars().count());
                        format!("{c}{}", " ".repeat(pad))
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
        };
        self.line(fmt_row(header.to_vec()))?;
        for row in rows {
            self.line(fmt_row(row.iter().map(String::as_str).collect()))?;
        }
        if rows.is_empty() {
            self.line("(none)")?;
        }
        Ok(())
    }

    /// A table with one row per item.
    pub fn table_of<T>(
        &mut self,
        header: &[&str],
        items: &[T],
        row: impl Fn(&T) -> Vec<String>,
    ) -> io::Result<()> {
        let rows: Vec<Vec<String>> = items.iter().map(row).collect();
        self.table(header, &rows)
    }

    pub fn finish(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}
