//! Open drafts: uri -> version, rope, format, and the latest analysis with the snapshot it
//! was made from. Edits are applied here, synchronously, in the order they arrive.

use crate::analysis::{Analysis, Format};
use crate::text::position::rope_offset;
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
    pub analyzed: Option<Analyzed>,
}

/// Whether a change had to be clamped (a position past the end of a line or the document).
pub struct ApplyReport {
    pub clamped: bool,
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
            analyzed: None,
        }
    }

    /// Applies content changes in order. Ranges are clamped to the document.
    pub fn apply(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> ApplyReport {
        let mut clamped = false;
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = rope_offset(&self.rope, line_col(range.start), encoding);
                    let end = rope_offset(&self.rope, line_col(range.end), encoding);
                    clamped |= !self.is_exact(range.start, start, encoding)
                        || !self.is_exact(range.end, end, encoding);
                    let (start, end) = (start.min(end), start.max(end));
                    let start_char = self.rope.byte_to_char(start);
                    let end_char = self.rope.byte_to_char(end);
                    self.rope.remove(start_char..end_char);
                    self.rope.insert(start_char, &change.text);
                }
            }
        }
        ApplyReport { clamped }
    }

    /// True when `position` names `offset` exactly rather than being clamped to it.
    fn is_exact(&self, position: Position, offset: usize, encoding: Encoding) -> bool {
        let line = position.line as usize;
        if line >= self.rope.len_lines() {
            // One line past the last is how some clients address the end of the document.
            return line == self.rope.len_lines()
                && position.character == 0
                && offset == self.rope.len_bytes();
        }
        let line_start = self.rope.line_to_byte(line);
        let prefix = self.rope.byte_slice(line_start..offset);
        let width: usize = prefix
            .chars()
            .map(|ch| match encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
                Encoding::Utf32 => 1,
            })
            .sum();
        width == position.character as usize
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}
