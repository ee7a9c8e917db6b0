//! Results of paragraph-local work, kept between analyses of one draft, so that a keystroke
//! recomputes only the paragraph it touched.
//!
//! A stage asks a `Table` for the result of a pure function of one paragraph's inputs: the
//! paragraph's text and ranges inside it, all relative to the paragraph's start. Results are
//! stored relative too, so a paragraph that only moved (text typed above it) is a hit. The
//! cross-paragraph passes (linking names, attribution, the rules) always run in full, so an
//! analysis with a warm memo equals one from scratch; tests check that.
//!
//! Each analysis is one round: entries not used in a round are dropped at its end, so the
//! memo never holds more than about one draft's worth of results.

use super::hash::Fx;
use crate::text::TextRange;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// What a paragraph-local result depends on: the paragraph's text, ranges inside it
/// (sentences, quotations, links) and flags.
pub struct Key<'a> {
    pub text: &'a str,
    /// `digest(text)`, computed once per paragraph and shared by every table.
    pub digest: u64,
    /// Where the paragraph starts; the ranges are stored relative to it.
    pub base: usize,
    pub ranges: &'a [&'a [TextRange]],
    pub flags: u64,
}

/// A key as stored: owned, with relative ranges (signed, since a quotation may begin in an
/// earlier paragraph) and a separator after each list, so [a, b] + [] and [a] + [b] differ.
#[derive(PartialEq, Eq)]
struct StoredKey {
    text: Box<str>,
    ranges: Vec<(i64, i64)>,
    flags: u64,
}

impl Key<'_> {
    fn relative_ranges(&self, out: &mut Vec<(i64, i64)>) {
        let relative = |offset: usize| offset as i64 - self.base as i64;
        out.clear();
        for list in self.ranges {
            out.extend(list.iter().map(|r| (relative(r.start), relative(r.end))));
            out.push((-1, -1));
        }
    }
}

/// The digest of a paragraph's text that `Key::digest` holds.
pub fn digest(text: &str) -> u64 {
    let mut fx = Fx(0);
    fx.write(text.as_bytes());
    fx.finish()
}

/// The tables are keyed by `Fx` digests already: hash them as they are.
#[derive(Default)]
struct Digest(u64);

impl Hasher for Digest {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, digest: u64) {
        self.0 = digest;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type ByDigest<V> = HashMap<u64, (StoredKey, V), BuildHasherDefault<Digest>>;

/// A content-addressed table of one stage's results, aged by rounds.
pub struct Table<V> {
    current: ByDigest<V>,
    previous: ByDigest<V>,
    scratch: Vec<(i64, i64)>,
    /// False for a one-off analysis, where storing would only cost time.
    keep: bool,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            current: ByDigest::default(),
            previous: ByDigest::default(),
            scratch: Vec::new(),
            keep: true,
        }
    }
}

impl<V> Table<V> {
    /// A table that stores nothing: every lookup computes.
    pub fn one_shot() -> Self {
        Table {
            keep: false,
            ..Table::default()
        }
    }
}

impl<V: Clone> Table<V> {
    /// The stored result for `key`, or `compute()` stored under it. Allocates keys only on a
    /// miss.
    pub fn get_or(&mut self, key: &Key<'_>, compute: impl FnOnce() -> V) -> V {
        if !self.keep {
            return compute();
        }
        key.relative_ranges(&mut self.scratch);
        let mut fx = Fx(key.flags);
        fx.add(key.digest);
        for &(start, end) in &self.scratch {
            fx.add(start as u64);
            fx.add(end as u64);
        }
        let digest = fx.finish();
        let matches = |stored: &StoredKey| {
            stored.flags == key.flags && *stored.text == *key.text && stored.ranges == self.scratch
        };
        if let Some((stored, value)) = self.current.get(&digest) {
            if matches(stored) {
                return value.clone();
            }
        }
        let (stored, value) = match self.previous.remove(&digest) {
            Some((stored, value)) if matches(&stored) => (stored, value),
            _ => (
                StoredKey {
                    text: key.text.into(),
                    ranges: self.scratch.clone(),
                    flags: key.flags,
                },
                compute(),
            ),
        };
        // On a digest collision the newer paragraph wins; the other is recomputed next time.
        self.current.insert(digest, (stored, value.clone()));
        value
    }

    /// Ends a round: what this round did not use is dropped.
    pub fn end_round(&mut self) {
        // Swap rather than replace, so both maps keep their capacity from round to round.
        std::mem::swap(&mut self.current, &mut self.previous);
        self.current.clear();
    }

    pub fn len(&self) -> usize {
        self.current.len() + self.previous.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Moves a range stored relative to a paragraph to the paragraph's place in the draft.
pub fn place(range: TextRange, base: usize) -> TextRange {
    TextRange::new(range.start + base, range.end + base)
}

/// The range relative to a paragraph starting at `base`.
pub fn relative(range: TextRange, base: usize) -> TextRange {
    TextRange::new(
        range.start.saturating_sub(base),
        range.end.saturating_sub(base),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(text: &'a str, base: usize, ranges: &'a [&'a [TextRange]], flags: u64) -> Key<'a> {
        Key {
            text,
            digest: digest(text),
            base,
            ranges,
            flags,
        }
    }

    #[test]
    fn a_moved_paragraph_is_a_hit_and_unused_entries_age_out() {
        let mut table: Table<usize> = Table::default();
        let mut computed = 0;
        let mut lookup = |table: &mut Table<usize>, base: usize| {
            let quotes = [TextRange::new(12 + base, 20 + base)];
            table.get_or(&key("Police said.", base, &[&quotes], 0), || {
                computed += 1;
                computed
            })
        };
        assert_eq!(lookup(&mut table, 0), 1);
        table.end_round();
        assert_eq!(lookup(&mut table, 40), 1, "same text and relative ranges");
        table.end_round();
        table.end_round();
        assert!(table.is_empty(), "a round without use drops the entry");
    }

    #[test]
    fn keys_differ_by_text_ranges_and_flags() {
        let a = [TextRange::new(1, 2)];
        let b = [TextRange::new(1, 3)];
        let mut table: Table<u32> = Table::default();
        let mut next = 0;
        let mut lookup = |k: Key<'_>| {
            table.get_or(&k, || {
                next += 1;
                next
            })
        };
        assert_eq!(lookup(key("x", 0, &[&a], 0)), 1);
        assert_eq!(lookup(key("x", 0, &[&a], 0)), 1);
        assert_eq!(lookup(key("y", 0, &[&a], 0)), 2);
        assert_eq!(lookup(key("x", 0, &[&b], 0)), 3);
        assert_eq!(lookup(key("x", 0, &[&a], 1)), 4);
        assert_eq!(lookup(key("x", 0, &[&a, &[]], 0)), 5);
        assert_eq!(lookup(key("x", 0, &[&[], &a], 0)), 6);
    }
}
