//! QuoteLens: who said what in a news article, and where the statements
//! conflict.
//!
//! The pipeline runs in stages, one module each, in this order:
//! [`text`] → [`segment`] → [`lexicon`] → [`quote`] → [`mention`] →
//! [`attribution`] → [`claim`] → [`conflict`], driven by [`analysis`].
//! Every stage is a pure function of the text and earlier stages' outputs,
//! linear in the input; no stage rewrites the text; every detection carries a
//! rule id. See `DESIGN.md` for the rules and the data model.
//!
//! ```
//! let analyzer = quotelens::Analyzer::new();
//! let a = analyzer.analyze("“We are ready,” the coach said.").unwrap();
//! assert_eq!(a.attributions.len(), 1);
//! ```
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod analysis;
pub mod annotated;
pub mod attribution;
pub mod batch;
pub mod claim;
pub mod conflict;
pub mod doc;
pub mod error;
pub mod lexicon;
pub mod mention;
pub mod pattern;
pub mod quote;
pub mod segment;
mod sort;
pub mod tape;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analysis::{Analysis, Analyzer, Options, DEFAULT_LIMIT};
pub use error::Error;
pub use text::Span;
