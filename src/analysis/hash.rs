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
