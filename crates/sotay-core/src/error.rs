//! Validation errors: what is wrong with a value a person typed, said precisely enough for the UI
//! to translate it and point at the field.

use std::fmt;

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct ValidationError {
    /// The field's name as the entity table spells it (`starts_at`, `number`, …).
    pub field: &'static str,
    pub problem: Invalid,
}

/// What is wrong, independent of the field. Stable: the UI keys its translations on these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Empty,
    TooLong { max: usize },
    OutOfRange { min: i64, max: i64 },
    BadFormat { expected: &'static str },
    BadDate { input: String },
    Inconsistent { reason: &'static str },
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::Empty => f.write_str("must not be empty"),
            Invalid::TooLong { max } => write!(f, "must be at most {max} characters"),
            Invalid::OutOfRange { min, max } => write!(f, "must be between {min} and {max}"),
            Invalid::BadFormat { expected } => write!(f, "expected {expected}"),
            Invalid::BadDate { input } => {
                write!(f, "`{input}` is not a date (use dd/mm/yyyy or yyyy-mm-dd)")
            }
            Invalid::Inconsistent { reason } => f.write_str(reason),
        }
    }
}

impl Invalid {
    /// A stable machine-readable code for the problem (`empty`, `too_long`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Invalid::Empty => "empty",
            Invalid::TooLong { .. } => "too_long",
            Invalid::OutOfRange { .. } => "out_of_range",
            Invalid::BadFormat { .. } => "bad_format",
            Invalid::BadDate { .. } => "bad_date",
            Invalid::Inconsistent { .. } => "inconsistent",
        }
    }
}

pub(crate) fn invalid(field: &'static str, problem: Invalid) -> ValidationError {
    ValidationError { field, problem }
}

/// Checks a required short text: not blank, at most `max` characters.
pub(crate) fn required_text(
    field: &'static str,
    value: &str,
    max: usize,
) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(invalid(field, Invalid::Empty));
    }
    optional_text(field, Some(value), max)
}

/// Checks an optional text's length.
pub(crate) fn optional_text(
    field: &'static str,
    value: Option<&str>,
    max: usize,
) -> Result<(), ValidationError> {
    match value {
        Some(v) if v.chars().count() > max => Err(invalid(field, Invalid::TooLong { max })),
        _ => Ok(()),
    }
}

/// Checks an integer lies in `min..=max`.
pub(crate) fn in_range(
    field: &'static str,
    value: i64,
    min: i64,
    max: i64,
) -> Result<(), ValidationError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(invalid(field, Invalid::OutOfRange { min, max }))
    }
}
