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
//! memo never holds more than about one draft's worth of results. A round asks in draft
//! order, so last round's results are kept in the order they were asked for and found again
//! by walking them alongside (`Recall`), not by hashing every key: on a long draft, a hash
//! table's scattered entries cost a cache miss per paragraph per stage.

use super::hash::{hash_of, Fx, FxMap};
use crate::text::TextRange;
use std::hash::Hasher;

/// What a paragraph-local result depends on: the paragraph's text (by its `Texts` id),
/// ranges inside it (sentences, quotations, links) and flags.
pub struct Key<'a> {
    pub text: TextId,
    /// Where the paragraph starts; the ranges are stored relative to it.
    pub base: usize,
    pub ranges: &'a [&'a [TextRange]],
    pub flags: u64,
}

/// A paragraph text's name in a `Texts`: two paragraphs have the same id only if their
/// texts are equal, so tables compare ids instead of texts.
pub type TextId = u64;

/// Where last round's keys are found again. A round asks for its keys in draft order, and
/// a keystroke changes one paragraph, so the key asked for next is almost always the one
/// after the last found, or the one after that: both are compared first, in memory read in
/// order. Only when two asks in a row miss (paragraphs cut or pasted) are last round's keys
/// indexed by digest.
#[derive(Default)]
struct Recall {
    /// Where in last round's keys the next ask is expected.
    cursor: usize,
    /// Asks since the last one found.
    misses: u32,
    by_digest: Option<FxMap<u64, usize>>,
}

impl Recall {
    /// The position among last round's `count` keys of the key `matches` accepts, if any.
    /// `old_digest(i)` is the digest of last round's key `i`; `digest` is the asked key's.
    fn find(
        &mut self,
        count: usize,
        matches: impl Fn(usize) -> bool,
        old_digest: impl Fn(usize) -> u64,
        digest: impl FnOnce() -> u64,
    ) -> Option<usize> {
        let near = [self.cursor, self.cursor + 1];
        let found = match near.into_iter().find(|&i| i < count && matches(i)) {
            Some(i) => Some(i),
            None if self.misses == 0 => None,
            None => {
                let by_digest = self
                    .by_digest
                    .get_or_insert_with(|| (0..count).map(|i| (old_digest(i), i)).collect());
                by_digest.get(&digest()).copied().filter(|&i| matches(i))
            }
        };
        match found {
            Some(i) => {
                self.cursor = i + 1;
                self.misses = 0;
            }
            None => self.misses += 1,
        }
        found
    }

    fn restart(&mut self) {
        *self = Recall::default();
    }
}

/// Names the paragraph texts of a draft, checking each text against last round's once per
/// analysis rather than once per table. Aged by rounds like a `Table`; an id is never given
/// to another text.
pub struct Texts {
    /// Last round's texts (in `old_text`) with their ids, in the order they were named.
    old: Vec<(std::ops::Range<usize>, TextId)>,
    old_text: String,
    new: Vec<(std::ops::Range<usize>, TextId)>,
    new_text: String,
    recall: Recall,
    next: TextId,
    keep: bool,
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            old: Vec::new(),
            old_text: String::new(),
            new: Vec::new(),
            new_text: String::new(),
            recall: Recall::default(),
            next: 1,
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
        self.next += 1;
        if !self.keep {
            return self.next;
        }
        let (old, old_text) = (&self.old, &self.old_text);
        let text_of = |i: usize| {
            old.get(i)
                .and_then(|(range, _)| old_text.get(range.clone()))
        };
        let repeated = self
            .new
            .last()
            .filter(|(range, _)| self.new_text.get(range.clone()) == Some(text));
        let id = match repeated {
            Some(&(_, id)) => id,
            None => self
                .recall
                .find(
                    old.len(),
                    |i| text_of(i) == Some(text),
                    |i| hash_of(text_of(i).unwrap_or("")),
                    || hash_of(text),
                )
                .and_then(|i| old.get(i))
                .map_or(self.next, |&(_, id)| id),
        };
        let start = self.new_text.len();
        self.new_text.push_str(text);
        self.new.push((start..self.new_text.len(), id));
        id
    }

    /// Ends a round: texts this round did not see are forgotten.
    pub fn end_round(&mut self) {
        std::mem::swap(&mut self.old, &mut self.new);
        std::mem::swap(&mut self.old_text, &mut self.new_text);
        self.new.clear();
        self.new_text.clear();
        self.recall.restart();
    }
}

/// A result's key as stored: the paragraph's text, flags, and the key's ranges relative to
/// the paragraph (signed, since a quotation may begin in an earlier paragraph), flattened
/// into the table's offsets with `LIST_END` after each list, so [a, b] + [] and [a] + [b]
/// differ.
struct Entry {
    text: TextId,
    flags: u64,
    offsets: std::ops::Range<usize>,
}

impl Entry {
    fn is(&self, text: TextId, flags: u64, asked: &[i64], offsets: &[i64]) -> bool {
        self.text == text && self.flags == flags && offsets.get(self.offsets.clone()) == Some(asked)
    }
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

fn key_digest(text: TextId, flags: u64, offsets: &[i64]) -> u64 {
    let mut fx = Fx(flags);
    fx.add(text);
    for &offset in offsets {
        fx.add(offset as u64);
    }
    fx.finish()
}

/// One stage's results for the paragraphs of the last round and of this one, in the
/// order they were asked for (see `Recall`).
pub struct Table<V> {
    old: Vec<Entry>,
    old_offsets: Vec<i64>,
    /// Taken when this round finds them.
    old_values: Vec<Option<V>>,
    new: Vec<Entry>,
    new_offsets: Vec<i64>,
    new_values: Vec<V>,
    recall: Recall,
    /// False for a one-off analysis: results are held for this round only, unkeyed.
    keep: bool,
    /// The key being asked for, flattened.
    asked: Vec<i64>,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            old: Vec::new(),
            old_offsets: Vec::new(),
            old_values: Vec::new(),
            new: Vec::new(),
            new_offsets: Vec::new(),
            new_values: Vec::new(),
            recall: Recall::default(),
            keep: true,
            asked: Vec::new(),
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

    /// The stored result for `key`, or `compute()` stored under it.
    pub fn get_or(&mut self, key: &Key<'_>, compute: impl FnOnce() -> V) -> &V {
        let at = self.index_or(key, compute);
        &self.new_values[at]
    }

    /// `get_or`, answering where this round keeps the result: read it with `at` while the
    /// round lasts, with no copy (a one-off table keeps this round's results too).
    pub fn index_or(&mut self, key: &Key<'_>, compute: impl FnOnce() -> V) -> usize {
        if !self.keep {
            self.new_values.push(compute());
            return self.new_values.len() - 1;
        }
        key.flatten_into(&mut self.asked);
        let asked = self.asked.as_slice();
        let (text, flags) = (key.text, key.flags);
        // A paragraph asked for twice in a row (a quotation's sentence) is answered again.
        let repeated = self
            .new
            .last()
            .is_some_and(|entry| entry.is(text, flags, asked, &self.new_offsets));
        if !repeated {
            let (old, old_offsets, old_values) = (&self.old, &self.old_offsets, &self.old_values);
            let found = self.recall.find(
                old.len(),
                |i| {
                    old_values.get(i).is_some_and(Option::is_some)
                        && old
                            .get(i)
                            .is_some_and(|e| e.is(text, flags, asked, old_offsets))
                },
                |i| {
                    old.get(i).map_or(0, |e| {
                        let offsets = old_offsets.get(e.offsets.clone()).unwrap_or(&[]);
                        key_digest(e.text, e.flags, offsets)
                    })
                },
                || key_digest(text, flags, asked),
            );
            let value = found
                .and_then(|i| self.old_values.get_mut(i))
                .and_then(Option::take)
                .unwrap_or_else(compute);
            let start = self.new_offsets.len();
            self.new_offsets.extend_from_slice(asked);
            self.new.push(Entry {
                text,
                flags,
                offsets: start..self.new_offsets.len(),
            });
            self.new_values.push(value);
        }
        // Never empty here: the entry was repeated or has just been pushed.
        self.new_values.len() - 1
    }

    /// A result of this round, by the place `index_or` gave.
    pub fn at(&self, index: usize) -> Option<&V> {
        self.new_values.get(index)
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

    /// Appends a paragraph's ranges to `out`. `find` appends them, in draft positions, to
    /// the list it is given: a keeping table stores them relative to the paragraph (at
    /// `key.base`) and places the stored ones; a one-off table lets `find` write straight
    /// into `out`.
    pub fn extend_ranges_or(
        &mut self,
        key: &Key<'_>,
        out: &mut Vec<TextRange>,
        find: impl FnOnce(&mut Vec<TextRange>),
    ) where
        V: std::ops::Deref<Target = [TextRange]> + From<Vec<TextRange>>,
    {
        if !self.keep {
            find(out);
            return;
        }
        let base = key.base;
        let before = out.len();
        let mut found = false;
        // Found straight into `out`, and copied from there at their exact length.
        let stored = self.get_or(key, || {
            find(out);
            found = true;
            let new = out.get(before..).unwrap_or_default();
            V::from(new.iter().map(|&range| relative(range, base)).collect())
        });
        if !found {
            out.extend(stored.iter().map(|&range| place(range, base)));
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
        if !self.keep {
            self.new_values.clear();
            return;
        }
        std::mem::swap(&mut self.old, &mut self.new);
        std::mem::swap(&mut self.old_offsets, &mut self.new_offsets);
        self.old_values.clear();
        self.old_values.extend(self.new_values.drain(..).map(Some));
        self.new.clear();
        self.new_offsets.clear();
        self.recall.restart();
    }

    /// False for a one-shot table, which stores nothing.
    pub fn keeps(&self) -> bool {
        self.keep
    }

    /// The results kept: last round's, and this round's so far.
    pub fn len(&self) -> usize {
        self.old_values.iter().flatten().count() + self.new_values.len()
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

/// Moves a range stored relative to a paragraph to the paragraph's place in the draft. A
/// shift keeps a range's order, so it needs none of `TextRange::new`'s checks, and a
/// paragraph's list of words is placed a vector register at a time.
pub fn place(range: TextRange, base: usize) -> TextRange {
    TextRange {
        start: range.start + base,
        end: range.end + base,
    }
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

    /// Rounds ask for paragraphs in draft order. Typing, splitting and pasting recompute only
    /// the new paragraphs. After a cut of two or more, or a move back, the first paragraph
    /// asked for is looked for near the cursor only (so that a keystroke never indexes the
    /// draft), and computed again; the rest are found by digest.
    #[test]
    fn paragraphs_are_found_again_after_typing_cutting_and_pasting() {
        let mut table: Table<String> = Table::default();
        let mut texts = Texts::default();
        let mut round = |table: &mut Table<String>, paragraphs: &[&str]| {
            let mut computed = Vec::new();
            for paragraph in paragraphs {
                let key = Key {
                    text: texts.id(paragraph),
                    base: 0,
                    ranges: &[],
                    flags: 0,
                };
                let value = table.get_or(&key, || {
                    computed.push(paragraph.to_string());
                    paragraph.to_string()
                });
                assert_eq!(value, paragraph);
            }
            table.end_round();
            texts.end_round();
            computed
        };
        let draft = ["A", "B", "C", "D", "E", "F"];
        assert_eq!(round(&mut table, &draft).len(), 6);
        assert_eq!(round(&mut table, &draft), Vec::<String>::new());
        let typed = ["A", "B", "Cx", "D", "E", "F"];
        assert_eq!(round(&mut table, &typed), ["Cx"]);
        let split = ["A", "B", "C", "x", "D", "E", "F"];
        assert_eq!(round(&mut table, &split), ["C", "x"]);
        let cut = ["A", "B", "E", "F"];
        assert_eq!(round(&mut table, &cut), ["E"]);
        let pasted = ["A", "P", "Q", "R", "B", "E", "F"];
        assert_eq!(round(&mut table, &pasted), ["P", "Q", "R"]);
        let moved = ["F", "A", "P", "Q", "R", "B", "E"];
        assert_eq!(round(&mut table, &moved), ["F"]);
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
