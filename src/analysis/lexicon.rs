//! Word lists the stages share: attribution verbs, pronouns, titles, vague sources.
//!
//! Lists are lower-case and sorted so lookups can binary-search. Newsroom-specific
//! additions arrive through `Config`, not by editing these.

/// Verbs and verb forms that report speech or writing.
pub const SPEECH_VERBS: &[&str] = &[
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
];

/// Multi-word cues that attribute on their own, with the speaker after them or implied.
pub const SPEECH_PHRASES: &[&str] = &[
    "according to",
    "in a statement",
    "in an email",
    "in an interview",
    "in a post",
    "in a letter",
    "put it",
];

/// Verbs that make a figure sourced beyond the speech verbs.
pub const REPORTING_VERBS: &[&str] = &[
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
];

/// Multi-word cues that name a data source for a figure.
pub const SOURCE_PHRASES: &[&str] = &[
    "according to",
    "citing",
    "data from",
    "data released by",
    "figures from",
    "figures released by",
    "in a statement",
    "per",
    "source:",
    "a report by",
    "a study by",
    "a survey by",
    "the report by",
    "the study by",
    "the survey by",
];

/// Personal pronouns that can stand for a speaker already named.
pub const PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we"];

/// Unnamed or vague sources (AP and Reuters ask editors to question these).
pub const VAGUE_SOURCES: &[&str] = &[
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
];

/// Titles and roles that precede a name and are not part of it.
pub const TITLES: &[&str] = &[
    "acting",
    "adm",
    "admiral",
    "alderman",
    "ambassador",
    "analyst",
    "archbishop",
    "assemblyman",
    "assemblywoman",
    "attorney",
    "bishop",
    "capt",
    "captain",
    "cardinal",
    "ceo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chief",
    "clerk",
    "cmdr",
    "coach",
    "col",
    "colonel",
    "commander",
    "commissioner",
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
    "deputy",
    "det",
    "detective",
    "director",
    "dr",
    "economist",
    "emperor",
    "executive",
    "father",
    "foreign",
    "founder",
    "gen",
    "general",
    "goalkeeper",
    "gov",
    "governor",
    "harbormaster",
    "harbourmaster",
    "headteacher",
    "imam",
    "inspector",
    "judge",
    "justice",
    "king",
    "lady",
    "lawmaker",
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
    "nurse",
    "officer",
    "ombudsman",
    "pastor",
    "physician",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "principal",
    "prof",
    "professor",
    "provost",
    "queen",
    "rabbi",
    "ranger",
    "rector",
    "referee",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheriff",
    "sir",
    "sister",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "striker",
    "superintendent",
    "supt",
    "surgeon",
    "treasurer",
    "trustee",
    "vicar",
    "vice",
    "warden",
    "winger",
];

/// Month and weekday names, which are capitalised but never entities.
pub const CALENDAR: &[&str] = &[
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
];

/// When the words from `idx` spell `phrase` (any case; a trailing colon in the phrase is
/// ignored), the number of words it takes.
pub fn phrase_at(
    phrase: &str,
    words: &[crate::analysis::words::Word<'_>],
    idx: usize,
) -> Option<usize> {
    // Most words start no phrase: compare the first letter before splitting anything.
    let first = words
        .get(idx)?
        .text
        .as_bytes()
        .first()?
        .to_ascii_lowercase();
    if phrase.as_bytes().first() != Some(&first) {
        return None;
    }
    let mut n_parts = 0;
    for (k, part) in phrase.split(' ').enumerate() {
        let word = words.get(idx + k)?;
        if !word.text.eq_ignore_ascii_case(part.trim_end_matches(':')) {
            return None;
        }
        n_parts += 1;
    }
    Some(n_parts)
}

/// True when `word` (any case) is in the sorted lower-case `list`.
pub fn contains(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        // Compare lower-cased bytes in place: no allocation on the hot path.
        list.binary_search_by(|probe| {
            let probe = probe.as_bytes().iter();
            let word = word.bytes().map(|b| b.to_ascii_lowercase());
            probe.copied().cmp(word)
        })
        .is_ok()
    } else {
        list.binary_search(&word.to_lowercase().as_str()).is_ok()
    }
}

/// True when `list` is sorted and free of duplicates, as `contains` needs.
#[cfg(test)]
pub fn is_sorted(list: &[&str]) -> bool {
    list.windows(2).all(|pair| pair[0] < pair[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_case_and_reject_long_words() {
        assert!(contains(SPEECH_VERBS, "Said"));
        assert!(contains(SPEECH_VERBS, "SAID"));
        assert!(!contains(SPEECH_VERBS, "sai"));
        assert!(!contains(SPEECH_VERBS, &"said".repeat(20)));
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [
            SPEECH_VERBS,
            REPORTING_VERBS,
            PRONOUNS,
            TITLES,
            CALENDAR,
            VAGUE_SOURCES,
        ] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted, list.to_vec());
        }
    }
}
