//! The one place that converts between byte offsets and editor line/column positions.
//!
//! Columns are counted in the client's negotiated encoding (UTF-8 bytes, UTF-16 code units or
//! chars). Every conversion clamps: a line past the end maps to the end of the text, a column
//! past the end of a line maps to the end of that line's content, a column inside a character
//! maps to that character's start. Nothing here panics.

use super::Source;
use ropey::Rope;

/// How columns are counted, as negotiated with the client (LSP `positionEncoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    fn width(self, ch: char) -> usize {
        match self {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A zero-based line and a zero-based column in some `Encoding`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Byte length of the content of `line` (its text without the line break).
fn content_len(line: &str) -> usize {
    line.trim_end_matches(['\n', '\r']).len()
}

/// Columns in `encoding` of the characters of `line` that start in its first `byte_len`
/// bytes. Counted over bytes rather than decoded characters (every conversion of a finding
/// runs this over its line, and a paragraph is one line): each character has one leading
/// byte, and one of four bytes is two UTF-16 units.
fn columns_of(line: &str, byte_len: usize, encoding: Encoding) -> u32 {
    let bytes = line.as_bytes();
    let prefix = bytes.get(..byte_len).unwrap_or(bytes);
    let leading = |byte: &u8| (*byte & 0xC0) != 0x80;
    let cols = match encoding {
        Encoding::Utf8 => {
            let mut end = prefix.len();
            while bytes.get(end).is_some_and(|byte| !leading(byte)) {
                end += 1;
            }
            end
        }
        Encoding::Utf16 => count_bytes(prefix, |byte| {
            u8::from(leading(&byte)) + u8::from(byte >= 0xF0)
        }),
        Encoding::Utf32 => count_bytes(prefix, |byte| u8::from(leading(&byte))),
    };
    u32::try_from(cols).unwrap_or(u32::MAX)
}

/// The sum of `weight` (at most 2) over `bytes`, summed in bytes a chunk at a time, which
/// the compiler turns into vector instructions: a paragraph is one line, and every finding's
/// position is counted over its line.
fn count_bytes(bytes: &[u8], weight: impl Fn(u8) -> u8) -> usize {
    bytes
        .chunks(127)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |sum, &byte| sum + weight(byte))))
        .sum()
}

/// Byte length of the prefix of `line` that spans `col` columns, clamped to the line's content.
fn bytes_of(line: &str, col: u32, encoding: Encoding) -> usize {
    let content = line.get(..content_len(line)).unwrap_or(line);
    let mut cols = 0usize;
    for (idx, ch) in content.char_indices() {
        let width = encoding.width(ch);
        if cols + width > col as usize {
            return idx;
        }
        cols += width;
    }
    content.len()
}

impl Source {
    fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let start = starts.get(line).copied().unwrap_or(self.len());
        let end = starts.get(line + 1).copied().unwrap_or(self.len());
        self.text().get(start..end).unwrap_or("")
    }

    /// The position of byte `offset`; offsets past the end clamp to the end of the text.
    pub fn line_col(&self, offset: usize, encoding: Encoding) -> LineCol {
        let offset = offset.min(self.len());
        let line = self
            .line_starts()
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts().get(line).copied().unwrap_or(0);
        // In a very long line, count from the nearest checkpoint before the offset.
        let (from, base) = match self.checkpoint_before(line_start, offset) {
            Some((at, utf16, utf32)) => {
                let base = match encoding {
                    Encoding::Utf8 => u32::try_from(at - line_start).unwrap_or(u32::MAX),
                    Encoding::Utf16 => utf16,
                    Encoding::Utf32 => utf32,
                };
                (at, base)
            }
            None => (line_start, 0),
        };
        let rest = self.line_text(line).get(from - line_start..).unwrap_or("");
        let col = base.saturating_add(columns_of(rest, offset - from, encoding));
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col,
        }
    }

    /// The byte offset of `position`, clamped to the text (see the module doc).
    pub fn offset(&self, position: LineCol, encoding: Encoding) -> usize {
        let line = position.line as usize;
        match self.line_starts().get(line) {
            None => self.len(),
            Some(&start) => start + bytes_of(self.line_text(line), position.col, encoding),
        }
    }
}

/// The byte offset of `position` in an open document held as a rope, clamped like
/// `Source::offset`. Ropey must be built with `cr_lines` only, so that its lines match LSP's.
pub fn rope_offset(rope: &Rope, position: LineCol, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let line_slice = rope.line(line);
    let mut cols = 0usize;
    let mut bytes = 0usize;
    for ch in line_slice.chars() {
        if ch == '\n' || ch == '\r' {
            break;
        }
        let width = encoding.width(ch);
        if cols + width > position.col as usize {
            break;
        }
        cols += width;
        bytes += ch.len_utf8();
    }
    line_start + bytes
}

/// Replaces the text between two client positions of an open document, clamping positions
/// that lie past the end of a line or of the document. Returns true when a position had to be
/// clamped (the caller logs it). The rope must be built with `cr_lines` only.
pub fn apply_edit(
    rope: &mut Rope,
    start: LineCol,
    end: LineCol,
    text: &str,
    encoding: Encoding,
) -> bool {
    let start_byte = rope_offset(rope, start, encoding);
    let end_byte = rope_offset(rope, end, encoding);
    let clamped = !names_exactly(rope, start, start_byte, encoding)
        || !names_exactly(rope, end, end_byte, encoding);
    let (from, to) = (start_byte.min(end_byte), start_byte.max(end_byte));
    let from_char = rope.byte_to_char(from);
    let to_char = rope.byte_to_char(to);
    rope.remove(from_char..to_char);
    rope.insert(from_char, text);
    clamped
}

/// True when `position` names `offset` exactly rather than being clamped to it. One line
/// past the last, column 0, is how several clients address the end of the document.
fn names_exactly(rope: &Rope, position: LineCol, offset: usize, encoding: Encoding) -> bool {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return line == rope.len_lines() && position.col == 0 && offset == rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let width: usize = rope
        .byte_slice(line_start..offset)
        .chars()
        .map(|ch| encoding.width(ch))
        .sum();
    width == position.col as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_a_very_long_line_match_counting_from_its_start() {
        let line = "Aid “rose” 4% 😀 é; ".repeat(2_000);
        let text = format!("Title\n{line}\nEnd");
        let source = Source::new(text.as_str());
        let line_start = "Title\n".len();
        for (at, _) in text.char_indices().step_by(97) {
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let found = source.line_col(at, encoding);
                let line_no = text[..at].matches('\n').count() as u32;
                let from = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let expected: usize = text[from..at].chars().map(|c| encoding.width(c)).sum();
                assert_eq!(
                    (found.line, found.col as usize),
                    (line_no, expected),
                    "offset {at}, {encoding:?}, line starts at {line_start}"
                );
            }
        }
    }

    fn round_trip(text: &str, encoding: Encoding) {
        let source = Source::new(text);
        let rope = Rope::from_str(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let position = source.line_col(offset, encoding);
            let back = source.offset(position, encoding);
            // Only an offset between the \r and \n of a CRLF maps back to the \r.
            let inside_crlf = back + 1 == offset && text.get(back..offset) == Some("\r");
            assert!(
                back == offset || inside_crlf,
                "{text:?} at {offset}: {position:?} -> {back}"
            );
            assert_eq!(
                rope_offset(&rope, position, encoding),
                back,
                "rope disagrees on {text:?} at {offset}"
            );
        }
    }

    #[test]
    fn round_trips_in_every_encoding() {
        for text in [
            "",
            "plain",
            "é and 漢字\nnext",
            "astronaut 👩‍🚀 here\r\nsecond line\rthird",
            "e\u{301} combining\n\n",
            "trailing\n",
        ] {
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                round_trip(text, encoding);
            }
        }
    }

    #[test]
    fn columns_counted_over_bytes_equal_columns_counted_over_characters() {
        let reference = |line: &str, byte_len: usize, encoding: Encoding| -> u32 {
            let widths = line.char_indices().take_while(|&(idx, _)| idx < byte_len);
            widths.map(|(_, ch)| encoding.width(ch) as u32).sum()
        };
        let line = "Zoë said “4 €” 😀 at 9\u{301}am";
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for byte_len in 0..=line.len() + 2 {
                assert_eq!(
                    columns_of(line, byte_len, encoding),
                    reference(line, byte_len, encoding),
                    "{encoding:?} {byte_len}"
                );
            }
        }
    }

    #[test]
    fn utf16_counts_astral_characters_as_two_units() {
        let source = Source::new("a👩b");
        assert_eq!(
            source.line_col(5, Encoding::Utf16),
            LineCol { line: 0, col: 3 }
        );
        assert_eq!(
            source.line_col(5, Encoding::Utf8),
            LineCol { line: 0, col: 5 }
        );
        assert_eq!(
            source.line_col(5, Encoding::Utf32),
            LineCol { line: 0, col: 2 }
        );
        // A column inside the surrogate pair maps to the character's start.
        assert_eq!(
            source.offset(LineCol { line: 0, col: 2 }, Encoding::Utf16),
            1
        );
    }

    #[test]
    fn clamps_positions_past_the_end() {
        let source = Source::new("one\r\ntwo");
        assert_eq!(
            source.offset(LineCol { line: 0, col: 99 }, Encoding::Utf16),
            3
        );
        assert_eq!(
            source.offset(LineCol { line: 7, col: 0 }, Encoding::Utf16),
            8
        );
        assert_eq!(
            source.line_col(99, Encoding::Utf16),
            LineCol { line: 1, col: 3 }
        );
    }

    #[test]
    fn all_three_line_breaks_start_lines() {
        let source = Source::new("a\nb\r\nc\rd");
        assert_eq!(source.line_starts(), &[0, 2, 5, 7]);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn draft_text() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    Just("a"),
                    Just("é"),
                    Just("漢"),
                    Just("👩‍🚀"),
                    Just("e\u{301}"),
                    Just("\n"),
                    Just("\r\n"),
                    Just("\r"),
                    Just(" "),
                    Just("“"),
                ],
                0..40,
            )
            .prop_map(|parts| parts.concat())
        }

        fn encoding() -> impl Strategy<Value = Encoding> {
            prop_oneof![
                Just(Encoding::Utf8),
                Just(Encoding::Utf16),
                Just(Encoding::Utf32)
            ]
        }

        /// The reference: the same edit on a plain String, positions through `Source`.
        fn reference_edit(
            text: &str,
            start: LineCol,
            end: LineCol,
            insert: &str,
            encoding: Encoding,
        ) -> String {
            let source = Source::new(text);
            let a = source.offset(start, encoding);
            let b = source.offset(end, encoding);
            let (from, to) = (a.min(b), a.max(b));
            format!("{}{}{}", &text[..from], insert, &text[to..])
        }

        proptest! {
            #[test]
            fn rope_edits_match_the_reference(
                text in draft_text(),
                edits in proptest::collection::vec((0u32..8, 0u32..12, 0u32..8, 0u32..12, draft_text()), 1..12),
                encoding in encoding(),
            ) {
                let mut rope = Rope::from_str(&text);
                let mut expected = text.clone();
                for (l1, c1, l2, c2, insert) in edits {
                    let start = LineCol { line: l1, col: c1 };
                    let end = LineCol { line: l2, col: c2 };
                    apply_edit(&mut rope, start, end, &insert, encoding);
                    expected = reference_edit(&expected, start, end, &insert, encoding);
                    prop_assert_eq!(rope.to_string(), expected.clone());
                }
            }

            #[test]
            fn positions_round_trip_and_stay_in_bounds(
                text in draft_text(),
                line in 0u32..10,
                col in 0u32..20,
                encoding in encoding(),
            ) {
                let source = Source::new(text.clone());
                let offset = source.offset(LineCol { line, col }, encoding);
                prop_assert!(offset <= text.len());
                prop_assert!(text.is_char_boundary(offset));
                let back = source.line_col(offset, encoding);
                prop_assert_eq!(source.offset(back, encoding), offset);
            }
        }
    }
}
