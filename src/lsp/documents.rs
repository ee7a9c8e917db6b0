//! Open drafts: uri -> version, rope, format, and the latest analysis with the snapshot it
//! was made from. Edits are applied here, synchronously, in the order they arrive.

use super::stdio::DiagnosticsJson;
use crate::analysis::{Analysis, Config, Format, Memo};
use crate::text::position::apply_edit;
use crate::text::{Encoding, LineCol, Source};
use ropey::Rope;
use std::sync::Arc;
use tower_lsp::lsp_types::{Position, TextDocumentContentChangeEvent};

/// An analysis and the exact text it was made from.
#[derive(Clone)]
pub struct Analyzed {
    pub source: Arc<Source>,
    pub analysis: Arc<Analysis>,
}

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub format: Format,
    /// Resolved when the draft opens and when settings change, never per keystroke.
    pub config: Arc<Config>,
    pub analyzed: Option<Analyzed>,
    /// Paragraph results from earlier versions; out with the worker while it analyses.
    pub memo: Option<Box<Memo>>,
    /// The JSON of the last diagnostics sent; out with the worker too.
    pub published: Option<DiagnosticsJson>,
}

fn line_col(position: Position) -> LineCol {
    LineCol {
        line: position.line,
        col: position.character,
    }
}

impl Document {
    pub fn new(text: &str, version: i32, format: Format) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            format,
            config: Arc::new(Config::default()),
            analyzed: None,
            memo: None,
            published: None,
        }
    }

    /// Applies content changes in order. Ranges are clamped to the document; returns true
    /// when one had to be (a position past the end of a line or the document).
    pub fn apply(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> bool {
        let mut clamped = false;
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    clamped |= apply_edit(
                        &mut self.rope,
                        line_col(range.start),
                        line_col(range.end),
                        &change.text,
                        encoding,
                    );
                }
            }
        }
        clamped
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}
