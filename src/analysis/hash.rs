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
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        if let Some(slot) = tail.get_mut(..rest.len()) {
            slot.copy_from_slice(rest);
        }
        self.add(u64::from_le_bytes(tail) ^ (bytes.len() as u64) << 56);
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
