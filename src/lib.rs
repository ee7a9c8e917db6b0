//! copydesk: a language server and command-line checker for journalistic drafts.
//!
//! Layout and invariants:
//! - `text` and `analysis` are pure and synchronous: no tower-lsp, tokio, serde_json, file,
//!   network, process or environment access, no global mutable state (tests/architecture.rs
//!   checks the imports).
//! - `analysis::analyze` never fails and never panics; findings are sorted by (start, rule).
//! - Core ranges are byte ranges on char boundaries; only `text::position` makes lines and
//!   columns.
//! - `lsp` and `cli` are thin edges that own their wire formats; `settings` turns the shared
//!   settings shape (TOML or JSON) into an `analysis::Config`.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::string_slice
    )
)]

pub mod analysis;
pub mod cli;
pub mod lsp;
pub mod settings;
pub mod text;
