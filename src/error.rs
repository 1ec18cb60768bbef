//! Errors: only for caller mistakes (input too large, invalid options).
//! Strange text never errors — it yields warnings.

use std::fmt;

/// An error with a stable code (`INPUT_TOO_LARGE`, `INVALID_OPTIONS`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorKind {
    InputTooLarge,
    InvalidOptions,
}

impl Error {
    pub(crate) fn too_large(len: usize, limit: usize) -> Error {
        Error {
            kind: ErrorKind::InputTooLarge,
            message: format!("input is {len} bytes; the limit is {limit} bytes"),
        }
    }

    pub(crate) fn invalid_options(msg: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::InvalidOptions,
            message: msg.into(),
        }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::InputTooLarge => "INPUT_TOO_LARGE",
            ErrorKind::InvalidOptions => "INVALID_OPTIONS",
        }
    }

    /// The human-readable message (without the code).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message)
    }
}

impl std::error::Error for Error {}
