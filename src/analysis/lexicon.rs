//! Word lists the stages share: attribution verbs, pronouns, titles, vague sources.
//!
//! Lists are kept sorted so they read (and diff) well; lookups go through a hash set built on
//! first use. Newsroom-specific additions arrive through `Config`, not by editing these.

use super::hash::{FxMap, FxSet};
use std::sync::OnceLock;

/// A fixed list of words with constant-time lookups.
pub struct WordList {
    words: &'static [&'static str],
    shapes: Shapes,
    lookup: OnceLock<Lookup>,
}

/// A filter of words' shapes (see `shape`): most words asked about are in no list, and
/// most of those are turned away by one bit, without hashing.
struct Shapes([u64; SHAPE_WORDS]);

const SHAPE_WORDS: usize = 64;

impl Shapes {
    const fn new() -> Self {
        Shapes([0; SHAPE_WORDS])
    }

    const fn add(&mut self, word: &[u8]) {
        let bit = shape(word);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False when no word added has the shape of `word`.
    fn may_have(&self, word: &str) -> bool {
        let bit = shape(word.as_bytes());
        self.0
            .get(bit / 64)
            .is_some_and(|bits| bits & 1 << (bit % 64) != 0)
    }
}

/// A word's length, first two and last bytes (ASCII letters in lower case), mixed into a
/// bit of the filter. The same in any ASCII case, so `has_any_case` asks before lower-casing.
const fn shape(word: &[u8]) -> usize {
    let len = word.len();
    if len == 0 {
        return 0;
    }
    let first = word[0].to_ascii_lowercase() as u32;
    let second = word[if len > 1 { 1 } else { 0 }].to_ascii_lowercase() as u32;
    let last = word[len - 1].to_ascii_lowercase() as u32;
    let mixed =
        (first | second << 8 | last << 16 | (len as u32 & 0xff) << 24).wrapping_mul(0x9e37_79b1);
    (mixed >> 20) as usize % (SHAPE_WORDS * 64)
}

struct Lookup {
    set: FxSet<&'static str>,
    /// The longest word in bytes: longer words are not looked up at all.
    longest: usize,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut shapes = Shapes::new();
        let mut idx = 0;
        while idx < words.len() {
            shapes.add(words[idx].as_bytes());
            idx += 1;
        }
        WordList {
            words,
            shapes,
            lookup: OnceLock::new(),
        }
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| Lookup {
            set: self.words.iter().copied().collect(),
            longest: self.words.iter().map(|w| w.len()).max().unwrap_or(0),
        })
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// True when `word` is in the list exactly as written.
    pub fn has(&self, word: &str) -> bool {
        self.shapes.may_have(word) && self.lookup().set.contains(word)
    }

    /// True when `word`, in lower case, is in the list (whose words are lower case).
    pub fn has_any_case(&self, word: &str) -> bool {
        if !word.is_ascii() {
            if word.len() > self.lookup().longest {
                return false;
            }
            return if word.chars().any(char::is_uppercase) {
                self.has(&word.to_lowercase())
            } else {
                self.has(word)
            };
        }
        if !self.shapes.may_have(word) {
            return false;
        }
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.lookup().set.contains(word);
        }
        with_ascii_lowercase(word, |lower| self.lookup().set.contains(lower))
    }
}

/// `f` of `word` with its ASCII letters in lower case, lowered in a buffer on the stack (no
/// allocation on the hot path) unless the word is longer than the buffer.
fn with_ascii_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 64];
    let lowered = buffer.get_mut(..word.len()).and_then(|slot| {
        slot.copy_from_slice(word.as_bytes());
        slot.make_ascii_lowercase();
        std::str::from_utf8(slot).ok()
    });
    match lowered {
        Some(lower) => f(lower),
        None => f(&word.to_ascii_lowercase()),
    }
}

/// Verbs and verb forms that report speech or writing.
pub static SPEECH_VERBS: WordList = WordList::new(&[
    "acknowledged",
    "acknowledges",
    "add",
    "added",
    "adding",
    "adds",
    "admits",
    "admitted",
    "agreed",
    "agrees",
    "announced",
    "announces",
    "answered",
    "argue",
    "argued",
    "argues",
    "asked",
    "asks",
    "asserted",
    "boasted",
    "called",
    "cautioned",
    "chanted",
    "claimed",
    "commented",
    "complained",
    "conceded",
    "concedes",
    "concluded",
    "confirmed",
    "confirms",
    "contended",
    "continued",
    "continues",
    "countered",
    "cried",
    "declared",
    "declares",
    "demanded",
    "described",
    "describes",
    "emailed",
    "emphasised",
    "emphasized",
    "exclaimed",
    "explained",
    "explains",
    "insist",
    "insisted",
    "insists",
    "joked",
    "lamented",
    "maintained",
    "mused",
    "noted",
    "observed",
    "pleaded",
    "pledged",
    "posted",
    "predicted",
    "promised",
    "protested",
    "quipped",
    "recalled",
    "recalls",
    "recounted",
    "remarked",
    "replied",
    "replies",
    "reported",
    "responded",
    "responds",
    "said",
    "say",
    "saying",
    "says",
    "shouted",
    "sighed",
    "stated",
    "stressed",
    "suggested",
    "tell",
    "telling",
    "tells",
    "testified",
    "texted",
    "thundered",
    "told",
    "tweeted",
    "urged",
    "urges",
    "vowed",
    "vows",
    "warn",
    "warned",
    "warns",
    "whispered",
    "writes",
    "writing",
    "wrote",
    "yelled",
]);

/// Multi-word cues that attribute on their own, with the speaker after them or implied.
pub static SPEECH_PHRASES: PhraseList = PhraseList::new(&[
    "according to",
    "in a statement",
    "in an email",
    "in an interview",
    "in a post",
    "in a letter",
    "put it",
]);

/// Verbs that make a figure sourced beyond the speech verbs.
pub static REPORTING_VERBS: WordList = WordList::new(&[
    "calculated",
    "calculates",
    "counted",
    "estimate",
    "estimated",
    "estimates",
    "find",
    "finds",
    "forecast",
    "forecasts",
    "found",
    "indicate",
    "indicates",
    "projected",
    "projects",
    "publish",
    "published",
    "publishes",
    "reporting",
    "reports",
    "revealed",
    "reveals",
    "show",
    "showed",
    "showing",
    "shown",
    "shows",
    "suggest",
    "suggests",
    "tallied",
]);

/// Multi-word cues that name a data source for a figure.
pub static SOURCE_PHRASES: PhraseList = PhraseList::new(&[
    "according to",
    "citing",
    "data from",
    "data released by",
    "figures from",
    "figures released by",
    // A poll is a survey: economists polled by Reuters, voters surveyed by Ipsos.
    "polled by",
    "surveyed by",
    "a poll by",
    "the poll by",
    "in a statement",
    "per",
    "source:",
    "a report by",
    "a study by",
    "a survey by",
    "the report by",
    "the study by",
    "the survey by",
]);

/// Personal pronouns that can stand for a speaker already named.
pub static PRONOUNS: WordList = WordList::new(&["he", "i", "it", "she", "they", "we"]);

/// Unnamed or vague sources (AP and Reuters ask editors to question these).
pub static VAGUE_SOURCES: WordList = WordList::new(&[
    "a person familiar",
    "a senior official",
    "a source",
    "an official",
    "analysts",
    "critics",
    "experts",
    "insiders",
    "observers",
    "officials",
    "one official",
    "people familiar",
    "senior officials",
    "some",
    "sources",
]);

/// Titles and roles that precede a name and are not part of it.
pub static TITLES: WordList = WordList::new(&[
    "acting",
    "activist",
    "actor",
    "actress",
    "adm",
    "admiral",
    "alderman",
    "ambassador",
    "analyst",
    "archbishop",
    "architect",
    "artist",
    "assemblyman",
    "assemblywoman",
    "attorney",
    "author",
    "ayatollah",
    "barrister",
    "bassist",
    "bishop",
    "businessman",
    "businesswoman",
    "campaigner",
    "capt",
    "captain",
    "cardinal",
    "cellist",
    "ceo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chef",
    "chief",
    "cleric",
    "clerk",
    "cmdr",
    "coach",
    "col",
    "colonel",
    "columnist",
    "comedian",
    "commander",
    "commissioner",
    "composer",
    "congressman",
    "congresswoman",
    "constable",
    "corporal",
    "councillor",
    "councilman",
    "councilmember",
    "councilor",
    "councilwoman",
    "dean",
    "defender",
    "democrat",
    "deputy",
    "det",
    "detective",
    "director",
    "dr",
    "drummer",
    "economist",
    "emir",
    "emperor",
    "entrepreneur",
    "executive",
    "father",
    "filmmaker",
    "foreign",
    "founder",
    "gen",
    "general",
    "goalkeeper",
    "gov",
    "governor",
    "guitarist",
    "harbormaster",
    "harbourmaster",
    "headteacher",
    "historian",
    "imam",
    "inspector",
    "journalist",
    "judge",
    "justice",
    "king",
    "lady",
    "lawmaker",
    "lawyer",
    "leader",
    "lieutenant",
    "lord",
    "lt",
    "madam",
    "maj",
    "major",
    "manager",
    "marshal",
    "mayor",
    "midfielder",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "musician",
    "novelist",
    "nurse",
    "officer",
    "ombudsman",
    "pastor",
    "photographer",
    "physician",
    "pianist",
    "playwright",
    "poet",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "principal",
    "prof",
    "professor",
    "prosecutor",
    "provost",
    "queen",
    "rabbi",
    "ranger",
    "rapper",
    "rector",
    "referee",
    "rep",
    "representative",
    "republican",
    "researcher",
    "rev",
    "reverend",
    "scientist",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheik",
    "sheikh",
    "sheriff",
    "singer",
    "sir",
    "sister",
    "solicitor",
    "songwriter",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "striker",
    "superintendent",
    "supt",
    "surgeon",
    "teacher",
    "treasurer",
    "trustee",
    "vicar",
    "vice",
    "violinist",
    "vocalist",
    "warden",
    "winger",
]);

/// Nouns that number what they name (Section 1343, Flight 202, Level 4): the number is an
/// identifier, not a figure, and the noun no name.
pub static IDENTIFIER_NOUNS: WordList = WordList::new(&[
    "amendment",
    "apartment",
    "article",
    "bill",
    "building",
    "category",
    "chapter",
    "clause",
    "district",
    "flight",
    "floor",
    "gate",
    "grade",
    "highway",
    "interstate",
    "level",
    "no",
    "number",
    "page",
    "phase",
    "platform",
    "policy",
    "precinct",
    "proposition",
    "room",
    "route",
    "rule",
    "section",
    "series",
    "stage",
    "suite",
    "term",
    "title",
    "unit",
    "version",
    "vol",
    "ward",
]);

/// Months as abbreviated before a day (`Jan. 15`, `Sept. 1`).
pub static MONTH_ABBREVIATIONS: WordList = WordList::new(&[
    "Apr", "Aug", "Dec", "Feb", "Jan", "Jul", "Jun", "Mar", "Nov", "Oct", "Sep", "Sept",
]);

/// Time zones as written after a time (`0915 GMT`, `3 p.m. ET`).
pub static TIME_ZONES: WordList = WordList::new(&[
    "AEDT", "AEST", "BST", "CDT", "CEST", "CET", "CST", "EDT", "EET", "EST", "ET", "GMT", "JST",
    "MDT", "MST", "PDT", "PST", "PT", "UTC",
]);

/// Month and weekday names, which are capitalised but never entities.
/// Holidays and festivals, which date a story and name no one.
pub static HOLIDAYS: WordList = WordList::new(&[
    "Christmas",
    "Diwali",
    "Easter",
    "Eid",
    "Hanukkah",
    "Passover",
    "Ramadan",
    "Thanksgiving",
]);

pub static CALENDAR: WordList = WordList::new(&[
    "april",
    "august",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "may",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
]);

/// A fixed list of phrases, looked for word by word.
pub struct PhraseList {
    phrases: &'static [&'static str],
    /// The shapes of the phrases' first words: most words begin none, and are passed over
    /// without hashing.
    first_words: Shapes,
    /// The phrases each first word begins, in list order, with their words (without a
    /// trailing colon), split once.
    by_first: OnceLock<FxMap<&'static str, Vec<Phrase>>>,
}

type Phrase = (&'static str, Vec<&'static str>);

impl PhraseList {
    pub const fn new(phrases: &'static [&'static str]) -> Self {
        let mut first_words = Shapes::new();
        let mut idx = 0;
        while idx < phrases.len() {
            let phrase = phrases[idx].as_bytes();
            let mut end = 0;
            while end < phrase.len() && phrase[end] != b' ' {
                end += 1;
            }
            if end > 0 && phrase[end - 1] == b':' {
                end -= 1;
            }
            first_words.add(phrase.split_at(end).0);
            idx += 1;
        }
        PhraseList {
            phrases,
            first_words,
            by_first: OnceLock::new(),
        }
    }

    #[cfg(test)]
    pub fn phrases(&self) -> &'static [&'static str] {
        self.phrases
    }

    fn by_first(&self) -> &FxMap<&'static str, Vec<Phrase>> {
        self.by_first.get_or_init(|| {
            let mut by_first: FxMap<&'static str, Vec<Phrase>> = FxMap::default();
            for &phrase in self.phrases {
                let parts: Vec<&'static str> =
                    phrase.split(' ').map(|w| w.trim_end_matches(':')).collect();
                if let Some(&first) = parts.first() {
                    by_first.entry(first).or_default().push((phrase, parts));
                }
            }
            by_first
        })
    }

    /// The first phrase of the list that the words from `idx` spell, with its number of words.
    pub fn at(
        &self,
        words: &[crate::analysis::words::Word<'_>],
        idx: usize,
    ) -> Option<(&'static str, usize)> {
        let first = words.get(idx)?.text;
        if !self.first_words.may_have(first) {
            return None;
        }
        let spells = |parts: &[&str]| {
            parts.iter().enumerate().all(|(k, part)| {
                words
                    .get(idx + k)
                    .is_some_and(|word| word.text.eq_ignore_ascii_case(part))
            })
        };
        // Any ASCII case: the phrases are written in lower case.
        let phrases = with_ascii_lowercase(first, |lower| self.by_first().get(lower))?;
        phrases
            .iter()
            .find(|(_, parts)| spells(parts))
            .map(|(phrase, parts)| (*phrase, parts.len()))
    }
}

/// True when `list` is sorted, free of duplicates and in lower case, as `has_any_case` needs.
#[cfg(test)]
pub fn is_sorted(list: &[&str]) -> bool {
    list.windows(2).all(|pair| pair[0] < pair[1]) && list.iter().all(|w| w.to_lowercase() == *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_found_in_any_case_and_the_first_in_the_list_wins() {
        let words = crate::analysis::words::words(
            "Figures From the agency, According to data, in a statement",
            crate::text::TextRange::new(0, 58),
        );
        let found: Vec<Option<(&str, usize)>> = (0..words.len())
            .map(|idx| SOURCE_PHRASES.at(&words, idx))
            .collect();
        assert_eq!(found[0], Some(("figures from", 2)));
        assert_eq!(found[1], None);
        assert_eq!(found[4], Some(("according to", 2)));
        assert_eq!(found[6], None, "data alone is no phrase");
        assert_eq!(found[7], Some(("in a statement", 3)));
        assert_eq!(SOURCE_PHRASES.at(&words, 99), None);
    }

    /// `source_in` reads "per" and "source:" as bare phrases that no other phrase shares a
    /// first word with.
    #[test]
    fn per_and_source_share_their_first_word_with_no_other_phrase() {
        for single in ["per", "source:"] {
            let first = single.trim_end_matches(':');
            let sharing = SOURCE_PHRASES
                .phrases()
                .iter()
                .filter(|p| p.split(' ').next().map(|w| w.trim_end_matches(':')) == Some(first));
            assert_eq!(sharing.count(), 1, "{single}");
        }
    }

    #[test]
    fn lookups_ignore_case_only_when_asked_and_reject_long_words() {
        assert!(SPEECH_VERBS.has_any_case("Said"));
        assert!(SPEECH_VERBS.has_any_case("SAID"));
        assert!(SPEECH_VERBS.has("said"));
        assert!(!SPEECH_VERBS.has("Said"));
        assert!(!SPEECH_VERBS.has_any_case("sai"));
        assert!(!SPEECH_VERBS.has_any_case(&"said".repeat(20)));
        assert!(!SPEECH_VERBS.has_any_case("SAÏD"));
        assert!(!SPEECH_VERBS.has_any_case("don’t"));
        assert!(PRONOUNS.has_any_case("SHE"));
        assert!(TITLES.has_any_case("SENATOR"));
    }

    proptest::proptest! {
        /// The shape filter turns away only words the list lacks.
        #[test]
        fn lookups_agree_with_searching_the_list(
            picks in proptest::collection::vec((0usize..400, 0u8..4), 1..20),
            noise in "[a-zA-Zé’.'-]{0,12}",
        ) {
            let lists = [&SPEECH_VERBS, &REPORTING_VERBS, &PRONOUNS, &TITLES, &CALENDAR, &VAGUE_SOURCES];
            for list in lists {
                let words = list.words();
                let mut asked = vec![noise.clone()];
                for &(at, case) in &picks {
                    let word = words[at % words.len()];
                    asked.push(match case {
                        0 => word.to_string(),
                        1 => word.to_uppercase(),
                        2 => format!("{word}{noise}"),
                        _ => word.chars().rev().collect(),
                    });
                }
                for word in &asked {
                    proptest::prop_assert_eq!(list.has(word), words.contains(&word.as_str()), "{}", word);
                    let lower = word.to_lowercase();
                    proptest::prop_assert_eq!(
                        list.has_any_case(word),
                        words.contains(&lower.as_str()),
                        "{}", word
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// Finding a phrase by its first word agrees with trying every phrase in order.
        #[test]
        fn a_phrase_is_found_as_trying_every_phrase_finds_it(
            picks in proptest::collection::vec((0usize..200, 0usize..4, proptest::bool::ANY), 1..12),
        ) {
            for list in [&SOURCE_PHRASES, &SPEECH_PHRASES] {
                let phrases = list.phrases();
                let mut text = String::new();
                for &(at, len, upper) in &picks {
                    let phrase = phrases[at % phrases.len()];
                    let cut: Vec<&str> = phrase.split(' ').take(len.max(1)).collect();
                    let cut = cut.join(" ");
                    text.push_str(&if upper { cut.to_uppercase() } else { cut });
                    text.push(' ');
                }
                let words = crate::analysis::words::words(
                    &text,
                    crate::text::TextRange::new(0, text.len()),
                );
                for idx in 0..words.len() {
                    let expected = phrases.iter().find_map(|phrase| {
                        let parts: Vec<&str> =
                            phrase.split(' ').map(|w| w.trim_end_matches(':')).collect();
                        parts
                            .iter()
                            .enumerate()
                            .all(|(k, part)| {
                                words.get(idx + k).is_some_and(|w| w.text.eq_ignore_ascii_case(part))
                            })
                            .then_some((*phrase, parts.len()))
                    });
                    proptest::prop_assert_eq!(list.at(&words, idx), expected, "{}", text);
                }
            }
        }
    }

    #[test]
    fn lists_are_sorted_and_lower_case() {
        for list in [
            &SPEECH_VERBS,
            &REPORTING_VERBS,
            &PRONOUNS,
            &TITLES,
            &CALENDAR,
            &VAGUE_SOURCES,
        ] {
            assert!(is_sorted(list.words()), "{:?}", list.words());
        }
    }
}
