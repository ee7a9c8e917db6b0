//! Word tokens over the masked prose, shared by every stage that reads words.
//!
//! A word is a run of letters, digits and combining marks, with inner apostrophes, hyphens
//! and full stops (`don’t`, `Ki-moon`, `U.S`). A trailing full stop is left out, so that
//! callers can tell an abbreviation from a sentence end themselves.

use crate::text::TextRange;

/// One word with its byte range in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub range: TextRange,
    pub text: &'a str,
}

impl<'a> Word<'a> {
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// True for words written wholly in capitals with at least two letters (NATO, FBI).
    pub fn is_all_caps(&self) -> bool {
        let mut letters = self.text.chars().filter(|ch| ch.is_alphabetic());
        let first_two = letters.clone().take(2).count() == 2;
        first_two && letters.all(char::is_uppercase)
    }

    /// The word without a possessive `’s`, `'s` or a bare trailing apostrophe.
    pub fn without_possessive(&self) -> &'a str {
        for suffix in ["’s", "'s", "’", "'"] {
            if let Some(stem) = self.text.strip_suffix(suffix) {
                if !stem.is_empty() {
                    return stem;
                }
            }
        }
        self.text
    }
}

fn is_word_char(ch: char) -> bool {
    if ch.is_ascii() {
        ch.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&ch) {
        // General punctuation (curly quotes, dashes, spaces): common in prose, and the
        // Unicode tables below are slow to say no for them.
        false
    } else {
        ch.is_alphanumeric() || is_combining(ch)
    }
}

fn is_combining(ch: char) -> bool {
    matches!(ch as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_joiner(ch: char) -> bool {
    matches!(ch, '\'' | '’' | '-' | '‐' | '.')
}

/// The words of `text` inside `range`, in order. Out-of-bounds ranges give no words.
pub fn words(text: &str, range: TextRange) -> Vec<Word<'_>> {
    word_ranges(text, range)
        .into_iter()
        .filter_map(|range| {
            text.get(range.start..range.end)
                .map(|word| Word { range, text: word })
        })
        .collect()
}

/// The ranges of `words(text, range)`.
pub fn word_ranges(text: &str, range: TextRange) -> Vec<TextRange> {
    let mut out = Vec::new();
    word_ranges_into(text, range, &mut out);
    out
}

/// `word_ranges`, appended to `out`.
pub fn word_ranges_into(text: &str, range: TextRange, out: &mut Vec<TextRange>) {
    let Some(slice) = text.get(range.start..range.end) else {
        return;
    };
    let bytes = slice.as_bytes();
    // Prose is mostly ASCII: read a byte as a character unless it starts a longer one.
    let char_at = |at: usize| match bytes.get(at) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => slice.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    };
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // Spaces and ASCII punctuation between words are passed a byte at a time.
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let Some(ch) = char_at(at) else {
            break;
        };
        let start = at;
        at += ch.len_utf8();
        if !is_word_char(ch) {
            continue;
        }
        let mut end = at;
        loop {
            let rest = bytes.get(at..).unwrap_or_default();
            let ascii_run = rest
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            if ascii_run > 0 {
                at += ascii_run;
                end = at;
            }
            let Some(next) = char_at(at) else {
                break;
            };
            if is_word_char(next) {
                at += next.len_utf8();
                end = at;
            } else if is_joiner(next) {
                // A joiner stays only when a word character follows it directly.
                let after = char_at(at + next.len_utf8());
                if after.is_some_and(is_word_char) {
                    at += next.len_utf8();
                } else {
                    // Keep a possessive apostrophe after s (the Joneses’) with the word.
                    if matches!(next, '’' | '\'')
                        && slice.get(start..end).is_some_and(|w| w.ends_with('s'))
                        && after.is_none_or(|a| !a.is_alphanumeric())
                        && !slice.get(..start).is_some_and(|b| b.ends_with(['‘', '\'']))
                    {
                        at += next.len_utf8();
                        end = at;
                    }
                    break;
                }
            } else {
                break;
            }
        }
        out.push(TextRange::new(range.start + start, range.start + end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokeniser as first written, over `char_indices`: the reference for the faster one.
    fn reference_ranges(text: &str, range: TextRange) -> Vec<TextRange> {
        let mut out = Vec::new();
        let Some(slice) = text.get(range.start..range.end) else {
            return out;
        };
        let mut chars = slice.char_indices().peekable();
        while let Some((start, ch)) = chars.next() {
            if !is_word_char(ch) {
                continue;
            }
            let mut end = start + ch.len_utf8();
            while let Some(&(idx, next)) = chars.peek() {
                if is_word_char(next) {
                    end = idx + next.len_utf8();
                    chars.next();
                } else if is_joiner(next) {
                    // A joiner stays only when a word character follows it directly.
                    let after = slice
                        .get(idx + next.len_utf8()..)
                        .and_then(|rest| rest.chars().next());
                    if after.is_some_and(is_word_char) {
                        chars.next();
                    } else {
                        // Keep a possessive apostrophe after s (the Joneses’) with the word.
                        if matches!(next, '’' | '\'')
                            && slice.get(start..end).is_some_and(|w| w.ends_with('s'))
                            && after.is_none_or(|a| !a.is_alphanumeric())
                            && !slice.get(..start).is_some_and(|b| b.ends_with(['‘', '\'']))
                        {
                            end = idx + next.len_utf8();
                            chars.next();
                        }
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(TextRange::new(range.start + start, range.start + end));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_byte_tokeniser_matches_the_reference(
            text in "[a-zA-Z0-9 .,'’‘\\-‐éÉ́ßЖ“”\n]{0,60}",
            from in 0usize..70,
            to in 0usize..70,
        ) {
            let range = TextRange::new(from.min(to), from.max(to));
            proptest::prop_assert_eq!(word_ranges(&text, range), reference_ranges(&text, range));
        }
    }

    fn texts(text: &str) -> Vec<&str> {
        words(text, TextRange::new(0, text.len()))
            .iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn keeps_inner_joiners_and_drops_trailing_ones() {
        assert_eq!(
            texts("Kim Jong Un’s U.S. ally, Ban Ki-moon, don’t."),
            vec!["Kim", "Jong", "Un’s", "U.S", "ally", "Ban", "Ki-moon", "don’t"]
        );
    }

    #[test]
    fn possessive_plural_keeps_its_apostrophe() {
        assert_eq!(
            texts("the Joneses’ house"),
            vec!["the", "Joneses’", "house"]
        );
    }
}
