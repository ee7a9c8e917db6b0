//! A fast hash for the analysis' own tables (std's SipHash showed in profiles).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
pub type FxSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// FxHash (as in rustc). Every table that uses it holds the draft's own words or verifies
/// hits against the whole key, so it only has to be fast and spread well, not resist
/// collisions.
#[derive(Default)]
pub struct Fx(pub u64);

impl Fx {
    pub fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        // Whole words only, overlapping at the tail: no byte-wise copy of a short word.
        let len = bytes.len();
        let word_at = |at: usize| {
            bytes
                .get(at..at + 8)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .map_or(0, u64::from_le_bytes)
        };
        let half_at = |at: usize| {
            bytes
                .get(at..at + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
        };
        let last = if len >= 8 {
            let mut at = 0;
            while at + 8 < len {
                self.add(word_at(at));
                at += 8;
            }
            word_at(len - 8)
        } else if len >= 4 {
            half_at(0) | half_at(len - 4) << 32
        } else if len > 0 {
            let byte = |at: usize| bytes.get(at).map_or(0, |&b| u64::from(b));
            byte(0) | byte(len / 2) << 8 | byte(len - 1) << 16
        } else {
            0
        };
        self.add(last ^ (len as u64) << 56);
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A word with its `Fx` hash worked out once (and kept in a memo), so a set of a draft's
/// words is built and asked without hashing a word again.
#[derive(Clone, Copy, Debug)]
pub struct Prehashed<'a> {
    pub hash: u64,
    pub text: &'a str,
}

impl<'a> Prehashed<'a> {
    pub fn new(text: &'a str) -> Self {
        Prehashed {
            hash: hash_of(text),
            text,
        }
    }
}

/// The `Fx` hash of a text's bytes.
pub fn hash_of(text: &str) -> u64 {
    let mut fx = Fx(0);
    fx.write(text.as_bytes());
    fx.finish()
}

impl PartialEq for Prehashed<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl Eq for Prehashed<'_> {}

impl std::hash::Hash for Prehashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// Hands a `Prehashed` word's hash to the table as it is.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used by `Prehashed`; anything else is still hashed.
        let mut fx = Fx(self.0);
        fx.write(bytes);
        self.0 = fx.finish();
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type PrehashedSet<'a> = HashSet<Prehashed<'a>, BuildHasherDefault<PassThrough>>;
