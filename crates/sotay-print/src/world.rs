//! The world a template is compiled in: one main source, one JSON data file, the embedded fonts,
//! and nothing else (no packages, no system fonts, no clock).

use crate::PrintError;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The path the template reads its data from: `json("/data.json")`.
const DATA_PATH: &str = "/data.json";

static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
    let files: [&'static [u8]; 4] = [
        include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
        include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
        include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
        include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    ];
    files
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect()
});

static BOOK: LazyLock<LazyHash<FontBook>> =
    LazyLock::new(|| LazyHash::new(FontBook::from_fonts(FONTS.iter())));

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(path: &str) -> FileResult<FileId> {
    let vpath = VirtualPath::new(path).map_err(|e| FileError::Other(Some(e.to_string().into())))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

struct Sheet {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl World for Sheet {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &BOOK
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Documents are dated from their data, never from the machine's clock.
        None
    }
}

fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Compiles `template` with `data` (serialised as JSON) to PDF bytes.
pub(crate) fn render(
    template: &'static str,
    data: &impl serde::Serialize,
) -> Result<Vec<u8>, PrintError> {
    let json = serde_json::to_vec(data).map_err(|e| PrintError::Typeset(e.to_string()))?;
    let main_id = file_id("/main.typ").map_err(|e| PrintError::Typeset(format!("{e:?}")))?;
    let data_id = file_id(DATA_PATH).map_err(|e| PrintError::Typeset(format!("{e:?}")))?;
    let sheet = Sheet {
        main: Source::new(main_id, template.to_owned()),
        data_id,
        data: Bytes::new(json),
    };
    let document: PagedDocument = typst::compile(&sheet)
        .output
        .map_err(|e| PrintError::Typeset(messages(&e)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|e| PrintError::Pdf(messages(&e)))
}
