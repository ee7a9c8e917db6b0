//! Results of paragraph-local work, kept between analyses of one draft, so that a keystroke
//! recomputes only the paragraph it touched.
//!
//! A stage asks a `Table` for the result of a pure function of one paragraph's inputs: the
//! paragraph's text and ranges inside it, all relative to the paragraph's start. Results are
//! stored relative too, so a paragraph that only moved (text typed above it) is a hit. The
//! cross-paragraph passes (attribution, the rules) run in full; linking names is moved by the
//! `Edit` instead when no name and nothing it read changed. An analysis with a warm memo
//! equals one from scratch; tests check that.
//!
//! Each analysis is one round: entries not used in a round are dropped at its end, so the
//! memo never holds more than about one draft's worth of results.

use super::hash::Fx;
use crate::text::TextRange;
use std::collections::hash_map::Entry as Entry_;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// What a paragraph-local result depends on: the paragraph's text (by its `Texts` id),
/// ranges inside it (sentences, quotations, links) and flags.
pub struct Key<'a> {
    pub text: TextId,
    /// Where the paragraph starts; the ranges are stored relative to it.
    pub base: usize,
    pub ranges: &'a [&'a [TextRange]],
    pub flags: u64,
}

/// A key as stored: owned, with relative ranges (signed, since a quotation may begin in an
/// earlier paragraph) flattened to offsets, and `LIST_END` after each list, so [a, b] + []
/// and [a] + [b] differ.
#[derive(PartialEq, Eq)]
struct StoredKey {
    text: TextId,
    offsets: Box<[i64]>,
    flags: u64,
}

/// Ends a list of ranges in a flattened key; no relative offset is this far back.
const LIST_END: i64 = i64::MIN;

impl Key<'_> {
    /// The ranges relative to the paragraph, flattened into `out` (cleared first).
    fn flatten_into(&self, out: &mut Vec<i64>) {
        out.clear();
        let relative = |offset: usize| offset as i64 - self.base as i64;
        for list in self.ranges {
            for range in *list {
                out.extend([relative(range.start), relative(range.end)]);
            }
            out.push(LIST_END);
        }
    }
}

/// A paragraph text's name in a `Texts`: two paragraphs have the same id only if their
/// texts are equal, so tables compare ids instead of texts.
pub type TextId = u64;

/// Names the paragraph texts of a draft, checking each text against the stored one once per
/// analysis rather than once per table. Aged by rounds like a `Table`; an id is never given
/// to another text.
pub struct Texts {
    by_digest: HashMap<u64, (Box<str>, TextId, u32), BuildHasherDefault<Digest>>,
    next: TextId,
    round: u32,
    keep: bool,
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            by_digest: HashMap::default(),
            next: 1,
            round: 0,
            keep: true,
        }
    }
}

impl Texts {
    /// For a one-off analysis, whose tables store nothing: every paragraph gets a new id,
    /// unchecked, so nothing can be answered from an earlier one.
    pub fn one_shot() -> Self {
        Texts {
            keep: false,
            ..Texts::default()
        }
    }

    pub fn id(&mut self, text: &str) -> TextId {
        if !self.keep {
            self.next += 1;
            return self.next;
        }
        let mut fx = Fx(0);
        fx.write(text.as_bytes());
        let (round, next) = (self.round, self.next);
        let (stored, id, used) = self
            .by_digest
            .entry(fx.finish())
            .or_insert_with(|| (text.into(), next, round));
        if **stored != *text {
            // A digest collision: the newer text takes the slot, under a new id.
            (*stored, *id) = (text.into(), next);
        }
        *used = round;
        if *id == next {
            self.next += 1;
        }
        *id
    }

    /// Ends a round: texts this round did not see are forgotten.
    pub fn end_round(&mut self) {
        let round = self.round;
        self.by_digest.retain(|_, (_, _, used)| *used == round);
        self.round = round.wrapping_add(1);
    }
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

struct Entry<V> {
    key: StoredKey,
    value: V,
    /// The last round that used it.
    round: u32,
}

/// A content-addressed table of one stage's results, aged by rounds.
pub struct Table<V> {
    entries: HashMap<u64, Entry<V>, BuildHasherDefault<Digest>>,
    round: u32,
    /// False for a one-off analysis, where storing would only cost time: the last result
    /// computed is held here instead.
    keep: bool,
    last: Option<V>,
    /// The key being looked up, flattened (see `StoredKey`).
    offsets: Vec<i64>,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            entries: HashMap::default(),
            round: 0,
            keep: true,
            last: None,
            offsets: Vec::new(),
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

    /// The stored result for `key`, or `compute()` stored under it. Allocates a key only on
    /// a miss.
    pub fn get_or(&mut self, key: &Key<'_>, compute: impl FnOnce() -> V) -> &V {
        if !self.keep {
            return self.last.insert(compute());
        }
        // Flattened once into a reused buffer: hashed, then compared as one slice.
        key.flatten_into(&mut self.offsets);
        let offsets = self.offsets.as_slice();
        let mut fx = Fx(key.flags);
        fx.add(key.text);
        for &offset in offsets {
            fx.add(offset as u64);
        }
        let round = self.round;
        let stored = |value: V| Entry {
            key: StoredKey {
                text: key.text,
                offsets: offsets.into(),
                flags: key.flags,
            },
            value,
            round,
        };
        match self.entries.entry(fx.finish()) {
            Entry_::Occupied(occupied) => {
                let entry = occupied.into_mut();
                let matches = entry.key.flags == key.flags
                    && entry.key.text == key.text
                    && *entry.key.offsets == *offsets;
                if matches {
                    entry.round = round;
                } else {
                    // A digest collision: the newer paragraph wins; the other is recomputed
                    // next time.
                    *entry = stored(compute());
                }
                &entry.value
            }
            Entry_::Vacant(vacant) => &vacant.insert(stored(compute())).value,
        }
    }

    /// `get_or`, owned: a one-off table hands over what it computed without a copy.
    pub fn cloned_or(&mut self, key: &Key<'_>, compute: impl FnOnce() -> V) -> V
    where
        V: Clone,
    {
        if self.keep {
            self.get_or(key, compute).clone()
        } else {
            compute()
        }
    }

    /// Appends the items stored for `key` (or `compute()`'s) to `out`, each passed through
    /// `place`: cloned one by one out of a table that keeps them, with no copy of the list,
    /// and moved out of a one-shot table.
    pub fn extend_or<T: Clone>(
        &mut self,
        key: &Key<'_>,
        compute: impl FnOnce() -> Vec<T>,
        out: &mut Vec<T>,
        place: impl FnMut(T) -> T,
    ) where
        V: std::ops::Deref<Target = [T]> + From<Vec<T>>,
    {
        if self.keep {
            let stored = self.get_or(key, || V::from(compute()));
            out.extend(stored.iter().cloned().map(place));
        } else {
            out.extend(compute().into_iter().map(place));
        }
    }

    /// Ends a round: what this round did not use is dropped.
    pub fn end_round(&mut self) {
        let round = self.round;
        self.entries.retain(|_, entry| entry.round == round);
        self.round = round.wrapping_add(1);
    }

    /// False for a one-shot table, which stores nothing.
    pub fn keeps(&self) -> bool {
        self.keep
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where the previous version of a draft and the new one differ: a single window, between
/// their common beginning and common end. A stage whose inputs outside the window are the
/// same, and moved as the window says, can move its previous result instead of redoing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The texts agree on every byte before this.
    pub start: usize,
    /// Where the window ends in the old text and in the new; the texts agree after it.
    pub old_end: usize,
    pub new_end: usize,
}

impl Edit {
    pub fn between(old: &str, new: &str) -> Edit {
        let (old, new) = (old.as_bytes(), new.as_bytes());
        let prefix = common_length(old.iter(), new.iter(), old.chunks(64), new.chunks(64));
        let (old_rest, new_rest) = (&old[prefix..], &new[prefix..]);
        let suffix = common_length(
            old_rest.iter().rev(),
            new_rest.iter().rev(),
            old_rest.rchunks(64),
            new_rest.rchunks(64),
        );
        Edit {
            start: prefix,
            old_end: old.len() - suffix,
            new_end: new.len() - suffix,
        }
    }

    /// The new place of a position where something began in the old text; `None` inside
    /// the window. Text inserted right at the position goes before it.
    pub fn start(&self, position: usize) -> Option<usize> {
        if position < self.start {
            Some(position)
        } else {
            self.after(position)
        }
    }

    /// The new place of a position where something ended; text inserted right at it goes
    /// after it.
    pub fn end(&self, position: usize) -> Option<usize> {
        if position <= self.start {
            Some(position)
        } else {
            self.after(position)
        }
    }

    fn after(&self, position: usize) -> Option<usize> {
        (position >= self.old_end).then(|| position - self.old_end + self.new_end)
    }

    /// The new place of an old range, when neither end lies inside the window.
    pub fn range(&self, range: TextRange) -> Option<TextRange> {
        Some(TextRange::new(
            self.start(range.start)?,
            self.end(range.end)?,
        ))
    }

    /// Whether the edit changed the bytes of an old range or the text against its ends.
    pub fn touches(&self, range: TextRange) -> bool {
        range.start <= self.old_end && self.start <= range.end
    }
}

/// How many items two sequences share from their start: whole chunks compared first (a
/// `memcmp`), then item by item inside the first chunk that differs.
fn common_length<'a>(
    old: impl Iterator<Item = &'a u8>,
    new: impl Iterator<Item = &'a u8>,
    old_chunks: impl Iterator<Item = &'a [u8]>,
    new_chunks: impl Iterator<Item = &'a [u8]>,
) -> usize {
    let whole: usize = old_chunks
        .zip(new_chunks)
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len())
        .sum();
    whole
        + old
            .skip(whole)
            .zip(new.skip(whole))
            .take_while(|(a, b)| a == b)
            .count()
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

    thread_local! {
        static TEXTS: std::cell::RefCell<Texts> = std::cell::RefCell::new(Texts::default());
    }

    fn key<'a>(text: &str, base: usize, ranges: &'a [&'a [TextRange]], flags: u64) -> Key<'a> {
        Key {
            text: TEXTS.with(|texts| texts.borrow_mut().id(text)),
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
            *table.get_or(&key("Police said.", base, &[&quotes], 0), || {
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
    fn extend_or_appends_placed_items_from_either_kind_of_table() {
        for mut table in [Table::<Vec<usize>>::default(), Table::one_shot()] {
            let mut computed = 0;
            let mut out = vec![100];
            for base in [0, 10] {
                let compute = || {
                    computed += 1;
                    vec![1, 2]
                };
                table.extend_or(
                    &key("Police said.", base, &[], 0),
                    compute,
                    &mut out,
                    |item| item + base,
                );
                table.end_round();
            }
            assert_eq!(out, vec![100, 1, 2, 11, 12]);
            let expected = if table.keeps() { 1 } else { 2 };
            assert_eq!(computed, expected, "a keeping table computes once");
        }
    }

    #[test]
    fn keys_differ_by_text_ranges_and_flags() {
        let a = [TextRange::new(1, 2)];
        let b = [TextRange::new(1, 3)];
        let mut table: Table<u32> = Table::default();
        let mut next = 0;
        let mut lookup = |k: Key<'_>| {
            *table.get_or(&k, || {
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

    #[test]
    fn a_text_keeps_its_id_while_it_is_seen_and_no_other_text_gets_it() {
        let mut texts = Texts::default();
        let first = texts.id("Police said.");
        assert_eq!(texts.id("Police said."), first);
        let other = texts.id("Police said so.");
        assert_ne!(other, first);
        texts.end_round();
        assert_eq!(texts.id("Police said."), first, "seen in the last round");
        texts.end_round();
        texts.end_round();
        let again = texts.id("Police said so.");
        assert!(
            again != other && again != first,
            "forgotten, then named anew"
        );
        let mut once = Texts::one_shot();
        assert_ne!(once.id("x"), once.id("x"), "a one-off never repeats an id");
    }

    #[test]
    fn an_edit_is_the_window_between_the_common_start_and_end() {
        let old = "Police said 40 people were hurt.";
        let typed = Edit::between(old, "Police said 400 people were hurt.");
        assert_eq!((typed.start, typed.old_end, typed.new_end), (14, 14, 15));
        // Typed right after "40": its end stays, what follows moves.
        assert_eq!(
            typed.range(TextRange::new(12, 14)),
            Some(TextRange::new(12, 14))
        );
        assert_eq!(typed.start(15), Some(16));
        assert!(typed.touches(TextRange::new(12, 14)));
        assert!(!typed.touches(TextRange::new(0, 6)));
        let replaced = Edit::between(old, "Police said 52 people were hurt.");
        assert_eq!((replaced.start, replaced.old_end), (12, 14));
        assert_eq!(replaced.start(13), None, "inside the window");
        assert_eq!(replaced.end(14), Some(14));
        let same = Edit::between(old, old);
        assert_eq!(same.start(5), Some(5));
        // Longer than a chunk, and a repeated letter (the window is not unique).
        let long = "a".repeat(200);
        let edit = Edit::between(&long, &"a".repeat(201));
        assert_eq!((edit.start, edit.old_end, edit.new_end), (200, 200, 201));
    }
}
