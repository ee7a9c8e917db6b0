//! Immutable text snapshots and byte ranges.
//!
//! Owns `Source` (a draft's text plus its line starts) and `TextRange`.
//! Line and column arithmetic lives only in `position`.

pub mod position;

pub use position::{Encoding, LineCol};

/// A half-open byte range `[start, end)` into a `Source`, always on char boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    /// A range from `start` to `end`; an inverted pair is collapsed to `start..start`.
    pub fn new(start: usize, end: usize) -> Self {
        TextRange {
            start,
            end: end.max(start),
        }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `offset` lies inside the range (the end is excluded).
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when `other` lies wholly inside this range.
    pub fn covers(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The items of `sorted` (ordered by start, none inside another) lying wholly inside
    /// `self`, as a sub-slice found by binary search; `range_of` gives an item's range.
    pub fn covered<T>(self, sorted: &[T], range_of: impl Fn(&T) -> TextRange) -> &[T] {
        let from = sorted.partition_point(|item| range_of(item).start < self.start);
        let to = sorted
            .partition_point(|item| range_of(item).end <= self.end)
            .max(from);
        sorted.get(from..to).unwrap_or(&[])
    }

    /// The ranges of `sorted` (non-overlapping, ordered by start) that overlap `self`, as a
    /// sub-slice found by binary search.
    pub fn within(self, sorted: &[TextRange]) -> &[TextRange] {
        let from = sorted.partition_point(|r| r.end <= self.start);
        let to = sorted.partition_point(|r| r.start < self.end).max(from);
        sorted.get(from..to).unwrap_or(&[])
    }
}

fn checkpoints(text: &str, line_starts: &[usize]) -> Vec<(usize, u32, u32)> {
    let mut out = Vec::new();
    for (idx, &start) in line_starts.iter().enumerate() {
        let end = line_starts.get(idx + 1).copied().unwrap_or(text.len());
        if end - start <= CHECKPOINT_STRIDE {
            continue;
        }
        let Some(line) = text.get(start..end) else {
            continue;
        };
        let (mut utf16, mut utf32) = (0u32, 0u32);
        let mut next = CHECKPOINT_STRIDE;
        for (at, ch) in line.char_indices() {
            if at >= next {
                out.push((start + at, utf16, utf32));
                next = at + CHECKPOINT_STRIDE;
            }
            utf16 = utf16.saturating_add(ch.len_utf16() as u32);
            utf32 = utf32.saturating_add(1);
        }
    }
    out
}

/// A draft's text with its line starts, built once per document version.
#[derive(Clone, Debug)]
pub struct Source {
    text: String,
    line_starts: Vec<usize>,
    /// Every `CHECKPOINT_STRIDE` bytes inside very long lines: (byte offset, UTF-16 and
    /// UTF-32 columns there), so a column is counted from nearby, not from the line start.
    checkpoints: Vec<(usize, u32, u32)>,
}

/// Lines longer than this get column checkpoints (a draft pasted as one line).
const CHECKPOINT_STRIDE: usize = 4096;

impl Source {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as LSP defines them.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // memchr finds line breaks a vector register at a time: this runs on every keystroke.
        for idx in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let crlf = bytes.get(idx) == Some(&b'\r') && bytes.get(idx + 1) == Some(&b'\n');
            // The line of a \r\n ends after the \n, which comes next.
            if !crlf {
                line_starts.push(idx + 1);
            }
        }
        let checkpoints = checkpoints(&text, &line_starts);
        Source {
            text,
            line_starts,
            checkpoints,
        }
    }

    /// The checkpoints of `line_start`'s line at or before `offset`.
    pub(crate) fn checkpoint_before(
        &self,
        line_start: usize,
        offset: usize,
    ) -> Option<(usize, u32, u32)> {
        let idx = self.checkpoints.partition_point(|&(at, _, _)| at <= offset);
        idx.checked_sub(1)
            .and_then(|i| self.checkpoints.get(i))
            .copied()
            .filter(|&(at, _, _)| at >= line_start)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text of `range`, or "" when the range is out of bounds or splits a char.
    pub fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.start..range.end).unwrap_or("")
    }

    /// Byte offsets at which each line starts; the first is always 0.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }
}
