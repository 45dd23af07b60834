//! Merge rules: how two writes to one field, made on two devices without seeing each other, become
//! one value — without silently dropping either.
//!
//! A change carries, for each field, the new value, its HLC, the writing client, and the value the
//! writer saw before editing (`base`). Merging it into the current state:
//!
//! - If `base` equals the current value, the writer edited what is there now: the change applies.
//! - Otherwise the two writes were concurrent:
//!   - a last-writer-wins field takes the write with the greater (HLC, client id); the other value
//!     goes to the conflict log, where members can see it;
//!   - a long text is merged three-way against `base`, word by word. A clean merge is applied. When
//!     the edits overlap, the later write is kept as the value, the other is kept in the conflict
//!     log, and the field is flagged as conflicted until someone resolves it.
//!
//! Deletes are not fields: a deleted record stays deleted (see ARCHITECTURE.md).

use crate::entity::{Field, MergeRule};
use crate::hlc::Hlc;
use crate::id::ClientId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A field value with the write that set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Versioned {
    pub value: Value,
    pub hlc: Hlc,
    pub client: ClientId,
}

impl Versioned {
    /// Whether this write is ordered after `other`: greater HLC, ties broken by client id.
    pub fn beats(&self, other: &Versioned) -> bool {
        (self.hlc, self.client) > (other.hlc, other.client)
    }
}

/// What merging an incoming write into a field gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The incoming write becomes the value. `overwritten` is the concurrent value it replaced,
    /// for the conflict log (none when the writer had seen the current value).
    Applied { overwritten: Option<Versioned> },
    /// The current value stays: it was written later. The incoming value goes to the conflict log.
    Kept { rejected: Versioned },
    /// A text merged cleanly from both writes.
    Merged { value: Value, hlc: Hlc },
    /// Overlapping text edits: `winner` is the value now, `loser` goes to the conflict log, and the
    /// field is flagged as conflicted.
    Conflicted { winner: Versioned, loser: Versioned },
}

/// Merges `incoming` (written on top of `base`) into `current`.
pub fn merge_field(
    field: &Field,
    current: Option<&Versioned>,
    base: Option<&Value>,
    incoming: &Versioned,
) -> Outcome {
    let Some(current) = current else {
        return Outcome::Applied { overwritten: None };
    };
    if current.value == incoming.value {
        // Both sides agree: keep the later stamp so every replica ends on the same one.
        return if incoming.beats(current) {
            Outcome::Applied { overwritten: None }
        } else {
            Outcome::Kept {
                rejected: incoming.clone(),
            }
        };
    }
    if base == Some(&current.value) {
        return Outcome::Applied { overwritten: None };
    }
    let (winner, loser) = if incoming.beats(current) {
        (incoming, current)
    } else {
        (current, incoming)
    };
    if field.merge_rule() == MergeRule::ThreeWayText
        && let (Some(Value::String(b)), Value::String(c), Value::String(i)) =
            (base, &current.value, &incoming.value)
    {
        return match merge_text(b, c, i) {
            TextMerge::Clean(merged) => Outcome::Merged {
                value: Value::String(merged),
                hlc: winner.hlc,
            },
            TextMerge::Overlap => Outcome::Conflicted {
                winner: winner.clone(),
                loser: loser.clone(),
            },
        };
    }
    if winner == incoming {
        Outcome::Applied {
            overwritten: Some(current.clone()),
        }
    } else {
        Outcome::Kept {
            rejected: incoming.clone(),
        }
    }
}

/// The result of a three-way text merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextMerge {
    Clean(String),
    /// The two edits changed the same words differently.
    Overlap,
}

/// Stands for a line break inside a token line (a private-use character).
const BREAK: char = '\u{E000}';

/// Splits a text into words, runs of spaces, and line breaks, each a token of its own: an edit
/// that only adds words after the last one does not touch that word.
fn tokens(s: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut class = Class::Word;
    for c in s.chars() {
        if c == '\n' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(BREAK.to_string());
            continue;
        }
        let this = if c.is_whitespace() {
            Class::Space
        } else {
            Class::Word
        };
        if this != class && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        class = this;
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One token per line, so a line-based merge works word by word.
fn encode(s: &str) -> String {
    tokens(s).into_iter().map(|t| t + "\n").collect()
}

fn decode(s: &str) -> String {
    s.split('\n')
        .collect::<String>()
        .chars()
        .map(|c| if c == BREAK { '\n' } else { c })
        .collect()
}

/// Merges two edits of `base` word by word (lines, if a text already holds the private-use
/// character this uses to mark line breaks).
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> TextMerge {
    if ours == theirs || theirs == base {
        return TextMerge::Clean(ours.to_owned());
    }
    if ours == base {
        return TextMerge::Clean(theirs.to_owned());
    }
    if [base, ours, theirs].iter().any(|s| s.contains(BREAK)) {
        return match diffy::merge(base, ours, theirs) {
            Ok(merged) => TextMerge::Clean(merged),
            Err(_) => TextMerge::Overlap,
        };
    }
    match diffy::merge(&encode(base), &encode(ours), &encode(theirs)) {
        Ok(merged) => TextMerge::Clean(decode(&merged)),
        Err(_) => TextMerge::Overlap,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{EntityKind, FieldType};
    use proptest::prelude::*;
    use uuid::Uuid;

    fn v(value: &str, hlc: u64, client: u128) -> Versioned {
        Versioned {
            value: Value::String(value.into()),
            hlc: Hlc(hlc),
            client: ClientId(Uuid::from_u128(client)),
        }
    }

    fn field(kind: EntityKind, name: &str) -> &'static Field {
        kind.field(name).unwrap()
    }

    #[test]
    fn a_write_on_top_of_the_current_value_applies_even_with_an_older_clock() {
        let place = field(EntityKind::Meeting, "place");
        let current = v("Nhà văn hóa", 20, 1);
        let incoming = v("Hội trường xã", 10, 2);
        let base = Value::String("Nhà văn hóa".into());
        assert_eq!(
            merge_field(place, Some(&current), Some(&base), &incoming),
            Outcome::Applied { overwritten: None }
        );
    }

    #[test]
    fn concurrent_short_fields_go_to_the_later_write_and_log_the_other() {
        let place = field(EntityKind::Meeting, "place");
        assert_eq!(place.ty, FieldType::Text);
        let base = Value::String("Nhà văn hóa".into());
        let current = v("Hội trường xã", 10, 1);
        let later = v("Trường tiểu học", 11, 2);
        assert_eq!(
            merge_field(place, Some(&current), Some(&base), &later),
            Outcome::Applied {
                overwritten: Some(current.clone())
            }
        );
        let earlier = v("Trường tiểu học", 9, 2);
        assert_eq!(
            merge_field(place, Some(&current), Some(&base), &earlier),
            Outcome::Kept { rejected: earlier }
        );
        // Same clock: the greater client id wins, on every replica alike.
        let tie = v("Trường tiểu học", 10, 0);
        assert!(matches!(
            merge_field(place, Some(&current), Some(&base), &tie),
            Outcome::Kept { .. }
        ));
    }

    #[test]
    fn concurrent_edits_to_different_sentences_of_a_draft_both_survive() {
        let draft = field(EntityKind::Resolution, "draft");
        let base = "1. Tiếp tục đẩy mạnh công tác vệ sinh môi trường. 2. Vận động nhân dân hiến đất làm đường.";
        let ours = "1. Tiếp tục đẩy mạnh công tác vệ sinh môi trường, phân loại rác tại nguồn. 2. Vận động nhân dân hiến đất làm đường.";
        let theirs = "1. Tiếp tục đẩy mạnh công tác vệ sinh môi trường. 2. Vận động 62 hộ dân hiến đất làm đường.";
        let out = merge_field(
            draft,
            Some(&v(ours, 10, 1)),
            Some(&Value::String(base.into())),
            &v(theirs, 11, 2),
        );
        assert_eq!(
            out,
            Outcome::Merged {
                value: Value::String(
                    "1. Tiếp tục đẩy mạnh công tác vệ sinh môi trường, phân loại rác tại nguồn. 2. Vận động 62 hộ dân hiến đất làm đường."
                        .into()
                ),
                hlc: Hlc(11),
            }
        );
    }

    #[test]
    fn overlapping_edits_keep_both_versions() {
        let draft = field(EntityKind::Resolution, "draft");
        let base = Value::String("Chỉ tiêu: 90% hộ tham gia.".into());
        let current = v("Chỉ tiêu: 95% hộ tham gia.", 10, 1);
        let incoming = v("Chỉ tiêu: 100% hộ tham gia.", 11, 2);
        assert_eq!(
            merge_field(draft, Some(&current), Some(&base), &incoming),
            Outcome::Conflicted {
                winner: incoming.clone(),
                loser: current
            }
        );
    }

    #[test]
    fn line_breaks_survive_a_word_merge() {
        let base = "I. Đánh giá\nKết quả tốt.\n\nII. Phương hướng\nTiếp tục.";
        let ours = "I. Đánh giá\nKết quả rất tốt.\n\nII. Phương hướng\nTiếp tục.";
        let theirs = "I. Đánh giá\nKết quả tốt.\n\nII. Phương hướng\nTiếp tục phát huy.";
        assert_eq!(
            merge_text(base, ours, theirs),
            TextMerge::Clean(
                "I. Đánh giá\nKết quả rất tốt.\n\nII. Phương hướng\nTiếp tục phát huy.".into()
            )
        );
    }

    #[test]
    fn a_new_record_or_an_agreeing_write_applies() {
        let topic = field(EntityKind::Meeting, "topic");
        assert_eq!(
            merge_field(topic, None, None, &v("Họp tháng 3", 1, 1)),
            Outcome::Applied { overwritten: None }
        );
        let same = v("Họp tháng 3", 5, 2);
        assert_eq!(
            merge_field(topic, Some(&v("Họp tháng 3", 4, 1)), None, &same),
            Outcome::Applied { overwritten: None }
        );
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("chi"),
                Just("bộ"),
                Just("đảng"),
                Just("viên"),
                Just("nghị"),
                Just("quyết"),
                Just(" "),
                Just("\n"),
                Just(", "),
                Just(".")
            ],
            0..30,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn merging_an_unchanged_side_gives_the_other(base in text(), edit in text()) {
            prop_assert_eq!(merge_text(&base, &base, &edit), TextMerge::Clean(edit.clone()));
            prop_assert_eq!(merge_text(&base, &edit, &base), TextMerge::Clean(edit));
        }

        #[test]
        fn a_clean_merge_never_drops_either_edit(base in text(), a in text(), b in text()) {
            // One side prepends, the other appends. With repeated words the diff may align them
            // so they touch, and then it is an overlap — safe, both versions are kept. What must
            // never happen is a clean merge that lost one of them.
            let ours = format!("{a}\n{base}");
            let theirs = format!("{base}\n{b}");
            if let TextMerge::Clean(m) = merge_text(&base, &ours, &theirs) {
                prop_assert!(m.contains(&a), "lost {a:?} in {m:?}");
                prop_assert!(m.contains(&b), "lost {b:?} in {m:?}");
            }
        }

        #[test]
        fn distinct_words_prepended_and_appended_merge_cleanly(
            base in text(),
            a in proptest::collection::vec(prop_oneof![Just("một"), Just("hai")], 1..5),
            b in proptest::collection::vec(prop_oneof![Just("ba"), Just("bốn")], 1..5),
        ) {
            prop_assume!(!base.trim().is_empty());
            let (a, b) = (a.join(" "), b.join(" "));
            let ours = format!("{a} {base}");
            let theirs = format!("{base} {b}");
            prop_assert_eq!(merge_text(&base, &ours, &theirs), TextMerge::Clean(format!("{a} {base} {b}")));
        }

        #[test]
        fn last_writer_wins_is_the_same_in_either_order(
            x in 0u64..5, y in 0u64..5, cx in 0u128..3, cy in 0u128..3
        ) {
            let place = field(EntityKind::Meeting, "place");
            let a = v("A", x, cx);
            let b = v("B", y, cy);
            let base = Value::String("O".into());
            let final_value = |first: &Versioned, second: &Versioned| {
                match merge_field(place, Some(first), Some(&base), second) {
                    Outcome::Applied { .. } => second.value.clone(),
                    Outcome::Kept { .. } => first.value.clone(),
                    other => panic!("{other:?}"),
                }
            };
            if (x, cx) != (y, cy) {
                prop_assert_eq!(final_value(&a, &b), final_value(&b, &a));
            }
        }
    }
}
