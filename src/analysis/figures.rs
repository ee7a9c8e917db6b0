//! Figures (money, percentages, counts, measurements, rankings) and where they are sourced.
//!
//! Owns spotting number expressions in prose, setting aside numbers that are not claims
//! (dates, years, times, durations, ages, identifiers, addresses, compounds, scores and
//! tallies, vague quantities, numbers inside quotations) and finding a source in the
//! figure's sentence or paragraph. It does not decide severity; the rule does.

use super::config::Config;
use super::hash::FxSet;
use super::lexicon::{self, WordList};
use super::memo::{self, Table};
use super::segment::{BlockKind, Segments, Sentences};
use super::words::Word;
use crate::text::TextRange;
use regex::Regex;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    Money,
    Percent,
    Proportion,
    Count,
    Measurement,
    Ranking,
}

/// Where a figure's source stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureSource {
    /// The cue: `according to`, `said`, a link.
    pub cue: TextRange,
    /// True when the cue is in the figure's own sentence, false when elsewhere in its paragraph.
    pub same_sentence: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The number with its currency, magnitude, unit or percent sign; ranges are one figure.
    pub range: TextRange,
    pub kind: FigureKind,
    /// The value with magnitude applied (`$110 billion` is 110e9); `None` for spelled
    /// proportions and rankings.
    pub value: Option<f64>,
    /// Currency code, `percent`, or a unit word; empty for plain counts. Shared with the
    /// memo, as is `subject`, so a keystroke copies no strings.
    pub unit: Arc<str>,
    pub paragraph: usize,
    pub sentence: TextRange,
    pub source: Option<FigureSource>,
    /// What the figure counts: up to two content words right after it in its clause, lower
    /// case, joined by a space (`$110 billion in aid to Ukraine` gives `aid ukraine`).
    pub subject: Arc<str>,
}

/// Words that say nothing about what a figure counts.
static SUBJECT_STOPWORDS: WordList = WordList::new(&[
    "a", "about", "an", "and", "at", "by", "for", "from", "in", "into", "its", "last", "more",
    "of", "on", "or", "over", "the", "their", "this", "to", "with",
]);

/// Words after a figure that place it in time or compare it, so it has no subject.
static NOT_SUBJECTS: WordList = WordList::new(&[
    "ago", "compared", "down", "each", "every", "less", "month", "months", "next", "per", "since",
    "than", "up", "week", "weeks", "within", "year", "years",
]);

/// The subject of a figure ending at `end`: the first two content words of its clause.
fn subject_after(segments: &Segments, paragraph: TextRange, end: usize) -> Arc<str> {
    let prose = segments.prose.as_str();
    // Six words are all that is read, so a long paragraph costs nothing extra.
    let after = segments.word_ranges_in(TextRange::new(end, paragraph.end.min(end + 160)));
    let clause = after
        .get(..clause_len(after, |w| *w, end, 6))
        .unwrap_or_default()
        .iter()
        .filter_map(|word| prose.get(word.start..word.end));
    let mut subject = String::new();
    for word in clause
        .filter(|w| !SUBJECT_STOPWORDS.has_any_case(w))
        .take(2)
    {
        let lower = lower_case(word);
        if NOT_SUBJECTS.has_any_case(&lower)
            || lower.starts_with(|c: char| c.is_ascii_digit())
            || spelled_value(&lower).is_some()
        {
            break;
        }
        if !subject.is_empty() {
            subject.push(' ');
        }
        subject.push_str(&lower);
    }
    subject.into()
}

struct Patterns {
    number: Regex,
    spelled: Regex,
}

/// The matches of `number` in `text` that hold an ASCII digit, as `find_iter` finds them,
/// with the regex run only near such digits: most of a draft's prose has none. (A match of
/// other digits alone, `٣`, never parses, so it is no figure.) A match begins at most four
/// bytes (`USD `) before its first digit; when other digits may come before the ASCII one
/// (`٣,5`), the search starts where the last match ended instead. Each digit is found, and
/// the separators before it walked, once: linear however the text is made.
fn numbers<'t>(number: &'t Regex, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> {
    let bytes = text.as_bytes();
    let mut from = 0;
    // The next ASCII digit, and where the separators right before it begin.
    let mut next: Option<(usize, usize)> = None;
    std::iter::from_fn(move || {
        let (digit, separators) = match next {
            Some(found) if found.0 >= from => found,
            _ => {
                let digit = from + bytes.get(from..)?.iter().position(u8::is_ascii_digit)?;
                let mut separators = digit;
                while separators > from
                    && bytes
                        .get(separators - 1)
                        .is_some_and(|b| matches!(b, b',' | b'.'))
                {
                    separators -= 1;
                }
                next = Some((digit, separators));
                (digit, separators)
            }
        };
        let other_digit_before = separators > from
            && text
                .get(from..separators)
                .and_then(|before| before.chars().next_back())
                .is_some_and(|c| !c.is_ascii() && c.is_numeric());
        let start = if other_digit_before {
            from
        } else {
            text.floor_char_boundary(digit.saturating_sub("USD ".len()))
                .max(from)
        };
        let found = number.find_at(text, start)?;
        from = found.end().max(from + 1);
        Some(found)
    })
}

/// The compiled patterns; `None` only if a literal pattern failed to compile, which the
/// tests rule out, so the analysis stays total without a panic path.
fn patterns() -> Option<&'static Patterns> {
    static PATTERNS: OnceLock<Option<Patterns>> = OnceLock::new();
    PATTERNS
        .get_or_init(|| {
            let number = Regex::new(
                r"(?x)
                (?:(?P<cur>US\$|A\$|C\$|HK\$|NZ\$|[$€£¥₹])|(?-u:\b)(?P<code>USD|EUR|GBP|CHF|JPY|CNY|INR|AUD|CAD|SEK|NOK|DKK)\s)?
                (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)",
            )
            .ok()?;
            let spelled = Regex::new(
                r"(?xi)
                (?-u:\b)(?:
                  (?P<rank>(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))-(?:largest|biggest|highest|lowest|smallest|busiest|richest|poorest|most|least|worst|best|fastest|oldest|largest))
                | (?P<ratio>(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of|of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+))
                | (?P<frac>(?:a|one)\s+(?:third|quarter|fifth|sixth|tenth)|two-thirds|three-quarters|half\s+of|by\s+half)
                | (?P<word>a\s+dozen|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)
                )(?-u:\b)",
            )
            .ok()?;
            Some(Patterns { number, spelled })
        })
        .as_ref()
}

const MAGNITUDES: &[(&str, f64)] = &[
    ("trillion", 1e12),
    ("billion", 1e9),
    ("million", 1e6),
    ("thousand", 1e3),
    ("tn", 1e12),
    ("bn", 1e9),
    ("mn", 1e6),
    ("m", 1e6),
    ("k", 1e3),
];

static UNITS: WordList = WordList::new(&[
    "%",
    "C",
    "F",
    "acres",
    "barrels",
    "cm",
    "degrees",
    "dollars",
    "euros",
    "feet",
    "ft",
    "gallons",
    "hectares",
    "inches",
    "kg",
    "kilograms",
    "kilometers",
    "kilometres",
    "km",
    "kph",
    "litres",
    "liters",
    "metres",
    "meters",
    "miles",
    "mm",
    "mph",
    "percent",
    "pounds",
    "tonnes",
    "tons",
    "yen",
    "yuan",
]);

/// People an age bounds: women under 50, adults over 65.
static PEOPLE: WordList = WordList::new(&[
    "adults",
    "anyone",
    "boys",
    "children",
    "drivers",
    "girls",
    "kids",
    "men",
    "patients",
    "pensioners",
    "people",
    "players",
    "residents",
    "smokers",
    "students",
    "those",
    "voters",
    "women",
    "workers",
]);

static DURATIONS: WordList = WordList::new(&[
    "autumns",
    "centuries",
    "century",
    "day",
    "days",
    "decade",
    "decades",
    "evenings",
    "generations",
    "hour",
    "hours",
    "minute",
    "minutes",
    "month",
    "months",
    "mornings",
    "nights",
    "seasons",
    "second",
    "seconds",
    "springs",
    "summers",
    "week",
    "weekends",
    "weeks",
    "winters",
    "year",
    "years",
]);

/// Verbs of a turn in a life, before `at` and an age (turned professional at 19).
static LIFE_EVENTS: WordList = WordList::new(&[
    "began",
    "debuted",
    "diagnosed",
    "emigrated",
    "enlisted",
    "graduated",
    "married",
    "orphaned",
    "retired",
    "started",
    "turned",
    "widowed",
]);

static STREET_WORDS: WordList = WordList::new(&[
    "Ave",
    "Avenue",
    "Blvd",
    "Boulevard",
    "Court",
    "Drive",
    "Lane",
    "Place",
    "Rd",
    "Road",
    "Square",
    "St",
    "Street",
    "Way",
]);

static SPORT_NOUNS: WordList = WordList::new(&[
    "assists", "caps", "games", "goal", "goals", "innings", "laps", "matches", "medals", "minutes",
    "points", "races", "rounds", "runs", "saves", "sets", "tries", "wickets", "wins",
]);

/// Speech verbs that tell what the figure's own subject does, not where a number comes
/// from: "Seoul has pledged $2.4 billion" is a claim, not a source.
static NOT_SOURCES: WordList = WordList::new(&[
    "agreed",
    "agrees",
    "asked",
    "asks",
    "called",
    "continued",
    "continues",
    "demanded",
    "described",
    "describes",
    "joked",
    "mused",
    "pledged",
    "promised",
    "quipped",
    "urged",
    "urges",
    "vowed",
    "vows",
]);

/// The paragraph-local results `find_figures` keeps between analyses of a draft.
#[derive(Default)]
pub struct FiguresMemo {
    /// A paragraph's figures with the sources in their own sentences.
    figures: Table<Vec<Figure>>,
    /// A paragraph's first source cue anywhere in it.
    cues: Table<Option<TextRange>>,
}

impl FiguresMemo {
    pub fn one_shot() -> Self {
        FiguresMemo {
            figures: Table::one_shot(),
            cues: Table::one_shot(),
        }
    }

    pub fn end_round(&mut self) {
        self.figures.end_round();
        self.cues.end_round();
    }
}

/// Finds the figures of every prose paragraph and their sources.
pub fn find_figures<'s>(
    segments: &'s Segments,
    sentences: &Sentences,
    quote_ranges: &[TextRange],
    config: &Config,
    memo: &mut FiguresMemo,
) -> Vec<Figure> {
    let mut figures = Vec::new();
    let mut paragraph_cues: Vec<Option<Option<TextRange>>> = vec![None; segments.paragraphs.len()];
    // The words `source_in` reads, listed into one buffer again and again.
    let mut words: Vec<Word<'s>> = Vec::new();
    let mut paragraph_cue =
        |memo: &mut FiguresMemo, idx: usize, words: &mut Vec<Word<'s>>| -> Option<TextRange> {
            if let Some(Some(known)) = paragraph_cues.get(idx) {
                return *known;
            }
            let paragraph = segments.paragraphs.get(idx)?;
            let range = paragraph.range;
            let quotes = range.within(quote_ranges);
            let links = range.within(&segments.links);
            let ranges = [quotes, links];
            let key = paragraph.key(&ranges, 0);
            let cue = memo
                .cues
                .get_or(&key, || {
                    source_in(segments, range, quotes, links, config, words)
                        .map(|cue| memo::relative(cue, range.start))
                })
                .map(|cue| memo::place(cue, range.start));
            if let Some(slot) = paragraph_cues.get_mut(idx) {
                *slot = Some(cue);
            }
            cue
        };
    for (idx, paragraph) in segments.paragraphs.iter().enumerate() {
        if paragraph.kind == BlockKind::Heading {
            continue;
        }
        let Some(paragraph_sentences) = sentences.get(idx) else {
            continue;
        };
        let base = paragraph.range.start;
        let quotes = paragraph.range.within(quote_ranges);
        let links = paragraph.range.within(&segments.links);
        let ranges = [paragraph_sentences, quotes, links];
        let key = paragraph.key(&ranges, 0);
        let first_new = figures.len();
        let place = |mut figure: Figure| {
            figure.shift(base, memo::place);
            figure.paragraph = idx;
            figure
        };
        let compute = || {
            let mut found = figures_of_paragraph(
                segments,
                paragraph.range,
                paragraph_sentences,
                quotes,
                config,
                &mut words,
            );
            for figure in &mut found {
                figure.shift(base, memo::relative);
            }
            found
        };
        memo.figures.extend_or(&key, compute, &mut figures, place);
        for figure in figures.iter_mut().skip(first_new) {
            if figure.source.is_none() {
                // Elsewhere in the paragraph, or in the paragraph that introduces a list.
                let scope = std::iter::once(idx).chain(paragraph.lead_in);
                figure.source = scope
                    .filter_map(|p| paragraph_cue(memo, p, &mut words))
                    .next()
                    .map(|cue| FigureSource {
                        cue,
                        same_sentence: false,
                    });
            }
        }
    }
    figures
}

impl Figure {
    fn shift(&mut self, base: usize, by: fn(TextRange, usize) -> TextRange) {
        self.range = by(self.range, base);
        self.sentence = by(self.sentence, base);
        if let Some(source) = &mut self.source {
            source.cue = by(source.cue, base);
        }
    }
}

/// The figures of one paragraph, with a source when their own sentence has one.
fn figures_of_paragraph<'s>(
    segments: &'s Segments,
    paragraph: TextRange,
    paragraph_sentences: &[TextRange],
    quotes: &[TextRange],
    config: &Config,
    words: &mut Vec<Word<'s>>,
) -> Vec<Figure> {
    let found = find_in_paragraph(segments, paragraph, quotes, words);
    let mut figures = Vec::with_capacity(found.len());
    // Figures of one sentence share its source: look it up once per sentence.
    let mut sentence_cue: Option<(TextRange, Option<TextRange>)> = None;
    for (range, kind, value, unit) in found {
        let sentence = paragraph_sentences
            .get(paragraph_sentences.partition_point(|s| s.end <= range.start))
            .filter(|s| s.start <= range.start)
            .copied()
            .unwrap_or(paragraph);
        let cue = match sentence_cue {
            Some((cached, cue)) if cached == sentence => cue,
            _ => {
                let cue = source_in(
                    segments,
                    sentence,
                    sentence.within(quotes),
                    sentence.within(&segments.links),
                    config,
                    words,
                );
                sentence_cue = Some((sentence, cue));
                cue
            }
        };
        figures.push(Figure {
            range,
            kind,
            value,
            unit: unit.into(),
            paragraph: 0,
            sentence,
            source: cue.map(|cue| FigureSource {
                cue,
                same_sentence: true,
            }),
            subject: subject_after(segments, paragraph, range.end),
        });
    }
    figures
}

type Found = (TextRange, FigureKind, Option<f64>, String);

/// The figures of a paragraph, by start. `words` is a buffer for the paragraph's words.
fn find_in_paragraph<'s>(
    segments: &'s Segments,
    paragraph: TextRange,
    quotes: &[TextRange],
    words: &mut Vec<Word<'s>>,
) -> Vec<Found> {
    let prose = segments.prose.as_str();
    let mut found: Vec<Found> = Vec::new();
    let Some(text) = prose.get(paragraph.start..paragraph.end) else {
        return found;
    };
    // Most paragraphs have no figure: their words are only listed when one needs them.
    // Most paragraphs have no figure: their words are listed only when one needs them.
    let mut words_listed = false;
    let mut list_words = |words: &mut Vec<Word<'s>>| {
        if !words_listed {
            segments.words_into(paragraph, words);
            words_listed = true;
        }
    };
    let Some(patterns) = patterns() else {
        return found;
    };
    let inside_quote = |range: TextRange| range.within(quotes).iter().any(|q| q.covers(range));
    let mut consumed_until = 0usize;
    for whole in numbers(&patterns.number, text) {
        if whole.start() < consumed_until {
            continue;
        }
        // The number is the match from its first digit; what comes before it is a currency
        // mark (`US$`), or a currency code and its space (`EUR `). No capture groups needed.
        let matched = whole.as_str();
        let digits_at = matched
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(matched.len());
        let (prefix, number_text) = matched.split_at(digits_at);
        let num_end = whole.end();
        let currency = Some(prefix.trim_end())
            .filter(|mark| !mark.is_empty())
            .map(str::to_string);
        let start = paragraph.start + whole.start();
        let number_end = paragraph.start + num_end;
        if inside_quote(TextRange::new(start, number_end)) {
            continue;
        }
        let Some(parsed) = parse_number(number_text) else {
            continue;
        };
        let before = text.get(..whole.start()).unwrap_or("");
        let after = text.get(num_end..).unwrap_or("");
        let Some((tail_len, magnitude, unit)) = read_tail(after) else {
            continue;
        };
        let mut end_in_text = num_end + tail_len;
        let has_currency = currency.is_some() || unit.as_deref().is_some_and(is_money_word);
        let is_percent = unit
            .as_deref()
            .is_some_and(|u| u == "%" || u.contains("per"));
        let strong = has_currency || is_percent || magnitude.is_some();
        list_words(words);
        let context = Context {
            before,
            after: text.get(end_in_text..).unwrap_or(""),
            raw_after: after,
            number_text,
            value: parsed,
            strong,
            start,
            words,
            whole_start: whole.start(),
        };
        if currency.is_none() && context.is_not_a_figure() {
            // Skip the whole of a tally, score or phone number so its parts are not read again.
            consumed_until = num_end + paired_number_len(after);
            continue;
        }
        // A range or pair: `200 to 300`, `10-15`, `5% and 7%`.
        if let Some(extra) = range_tail(text.get(end_in_text..).unwrap_or(""), parsed, tail_len > 0)
        {
            end_in_text += extra;
        }
        consumed_until = end_in_text;
        // `One in 10`, `Four out of 10`: a spelled number before makes one proportion.
        let ratio_head = if strong {
            0
        } else {
            spelled_ratio_head(before)
        };
        let kind = if ratio_head > 0 {
            FigureKind::Proportion
        } else if has_currency {
            FigureKind::Money
        } else if is_percent {
            FigureKind::Percent
        } else if unit.is_some() {
            FigureKind::Measurement
        } else {
            FigureKind::Count
        };
        let value = (ratio_head == 0).then(|| parsed * magnitude.unwrap_or(1.0));
        let unit_label = match (&currency, unit.as_deref()) {
            (Some(code), _) => currency_code(code).to_string(),
            (None, Some(u)) if is_percent || u == "%" => "percent".to_string(),
            (None, Some(u)) => u.to_string(),
            (None, None) => String::new(),
        };
        let range = TextRange::new(start - ratio_head, paragraph.start + end_in_text);
        if !inside_quote(range) {
            found.push((range, kind, value, unit_label));
        }
    }
    let n_numeric = found.len();
    for whole in patterns.spelled.find_iter(text) {
        let mut range = TextRange::new(
            paragraph.start + whole.start(),
            paragraph.start + whole.end(),
        );
        // The numeric figures come first in `found`, sorted by start.
        let numeric = found.get(..n_numeric).unwrap_or(&[]);
        let overlapping = numeric
            .get(numeric.partition_point(|f| f.0.end <= range.start))
            .is_some_and(|f| f.0.overlaps(range));
        if inside_quote(range) || overlapping {
            continue;
        }
        let before = text.get(..whole.start()).unwrap_or("");
        let after = text.get(whole.end()..).unwrap_or("");
        let spelled = spelled_kind(whole.as_str());
        let (kind, value) = if spelled == FigureKind::Ranking {
            (FigureKind::Ranking, None)
        } else if spelled == FigureKind::Proportion {
            let matched = whole.as_str().to_lowercase();
            if matched == "by half" || matched == "half of" {
                range = TextRange::new(
                    range.start,
                    range.start + matched.find(" of").unwrap_or(matched.len()),
                );
                if matched == "by half" {
                    range = TextRange::new(range.end - 4, range.end);
                }
            }
            (FigureKind::Proportion, None)
        } else {
            let matched = whole.as_str();
            list_words(words);
            if spelled_is_not_a_figure(prose, before, after, matched, words, range) {
                continue;
            }
            let value = spelled_value(matched);
            if let Some(rest) = after.strip_prefix(" times") {
                if !rest.starts_with(|c: char| c.is_alphanumeric()) {
                    range = TextRange::new(range.start, range.end + " times".len());
                }
            }
            (FigureKind::Count, value)
        };
        found.push((range, kind, value, String::new()));
    }
    found.sort_by_key(|f| f.0.start);
    found
}

/// The kind of figure a match of the spelled pattern is, read off the match instead of
/// capturing its groups (a second, slower search): a ranking (`third-largest`), a
/// proportion (`one in five`, `a third`, `two-thirds`, `by half`) or a count (`seven`,
/// `a dozen`). Rankings and `two-thirds` are the only matches with a hyphen, and only the
/// rankings end in `t` (a superlative); `a dozen` is the only count of two words.
fn spelled_kind(matched: &str) -> FigureKind {
    if matched.contains('-') {
        if matched.ends_with(['t', 'T']) {
            FigureKind::Ranking
        } else {
            FigureKind::Proportion
        }
    } else if matched.contains(char::is_whitespace) {
        let last = matched.rsplit(char::is_whitespace).next().unwrap_or("");
        if last.eq_ignore_ascii_case("dozen") {
            FigureKind::Count
        } else {
            FigureKind::Proportion
        }
    } else {
        FigureKind::Count
    }
}

fn is_money_word(unit: &str) -> bool {
    matches!(unit, "dollars" | "euros" | "pounds" | "yen" | "yuan")
}

fn currency_code(mark: &str) -> &str {
    match mark.trim() {
        "$" | "US$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "A$" => "AUD",
        "C$" => "CAD",
        "HK$" => "HKD",
        "NZ$" => "NZD",
        other => other,
    }
}

fn parse_number(text: &str) -> Option<f64> {
    if text.contains(',') {
        text.replace(',', "").parse().ok()
    } else {
        text.parse().ok()
    }
}

/// `word` in lower case, copied only when it has capitals.
fn lower_case(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Reads a magnitude and unit after a number. Returns the bytes consumed, the multiplier
/// and the unit, or `None` when the number is glued to letters (A320neo, 5G).
fn read_tail(after: &str) -> Option<(usize, Option<f64>, Option<Cow<'_, str>>)> {
    let mut consumed = 0;
    let mut magnitude = None;
    let mut unit = None;
    let glued_word = letters_at_start(after);
    if !glued_word.is_empty() {
        if let Some((_, factor)) = MAGNITUDES.iter().find(|(m, _)| *m == glued_word) {
            magnitude = Some(*factor);
            consumed = glued_word.len();
        } else if matches!(
            glued_word,
            "C" | "F" | "km" | "kg" | "mm" | "cm" | "mph" | "kph" | "ft"
        ) {
            return Some((glued_word.len(), None, Some(Cow::Borrowed(glued_word))));
        } else {
            // am/pm, ordinals and identifiers are handled by the caller's exclusions.
            return Some((0, None, Some(Cow::Owned(format!("~{glued_word}")))));
        }
    } else if let Some(rest) = after.strip_prefix(' ') {
        let next = letters_at_start(rest);
        if let Some((_, factor)) = MAGNITUDES.iter().take(4).find(|(m, _)| *m == next) {
            magnitude = Some(*factor);
            consumed = 1 + next.len();
        }
    }
    let rest = after.get(consumed..).unwrap_or("");
    if rest.starts_with('%') {
        unit = Some(Cow::Borrowed("%"));
        consumed += 1;
    } else if let Some(spaced) = rest.strip_prefix(' ') {
        for phrase in [
            "percentage points",
            "percentage point",
            "per cent",
            "percent",
        ] {
            if spaced.starts_with(phrase)
                && !spaced
                    .get(phrase.len()..)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphabetic()))
            {
                unit = Some(Cow::Borrowed(phrase));
                consumed += 1 + phrase.len();
                break;
            }
        }
        if unit.is_none() {
            let next = letters_at_start(spaced);
            if UNITS.has(next) && next.len() > 1 {
                unit = Some(Cow::Borrowed(next));
                consumed += 1 + next.len();
            }
        }
    }
    Some((consumed, magnitude, unit))
}

/// The letters `text` starts with (`bn` in `bn in aid`).
fn letters_at_start(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(at, _)| at);
    text.get(..end).unwrap_or("")
}

/// The length of a joiner and second number right after a number (`-2`, ` to 190`).
fn paired_number_len(after: &str) -> usize {
    for joiner in ["-", "–", " to "] {
        if let Some(rest) = after.strip_prefix(joiner) {
            let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 {
                return joiner.len() + digits;
            }
        }
    }
    0
}

/// The length of a spelled number and its joiner ending `before` (`One in `, `four out of `,
/// `three of `), which make a proportion with the number after them; 0 when there is none.
fn spelled_ratio_head(before: &str) -> usize {
    let Some(head) = [" in ", " out of ", " of "]
        .iter()
        .find_map(|joiner| before.strip_suffix(joiner))
    else {
        return 0;
    };
    let word_start = head
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |at| at + 1);
    let word = head.get(word_start..).unwrap_or("");
    let small = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    if small.iter().any(|number| word.eq_ignore_ascii_case(number)) {
        before.len() - word_start
    } else {
        0
    }
}

/// A second number completing a range or pair: ` to 300`, `-15`, ` and 7%`. When the first
/// number carries a unit (`12%`), the second must carry one too, or `rose 12% to 1,250
/// homes` would read as a range.
fn range_tail(after: &str, first: f64, first_has_unit: bool) -> Option<usize> {
    for joiner in [" to ", "-", "–", " and ", " in ", " out of ", " of "] {
        // A proportion (`3 in 10`, `2 out of 5`) is one figure too, but not a year after it.
        let proportion = matches!(joiner, " in " | " out of " | " of ");
        if proportion && first_has_unit {
            continue;
        }
        let Some(rest) = after.strip_prefix(joiner) else {
            continue;
        };
        let rest_trimmed = rest.trim_start_matches(['$', '€', '£']);
        let digits: String = rest_trimmed
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        let digits = digits.trim_end_matches([',', '.']);
        if digits.is_empty() {
            continue;
        }
        let second = parse_number(digits)?;
        if second <= first {
            return None;
        }
        if proportion && (digits.len() == 4 && (1500.0..=2100.0).contains(&second)) {
            return None;
        }
        let prefix = after.len() - rest_trimmed.len();
        let mut len = prefix + digits.len();
        let tail = after.get(len..).unwrap_or("");
        if joiner == " and " && !tail.starts_with('%')
            || proportion && (tail.starts_with('%') || prefix > joiner.len())
        {
            return None;
        }
        let mut second_has_unit = prefix > joiner.len();
        if let Some((extra, _, unit)) = read_tail(tail) {
            if !unit.as_deref().is_some_and(|u| u.starts_with('~')) {
                len += extra;
                second_has_unit |= extra > 0;
            }
        }
        if first_has_unit && !second_has_unit {
            return None;
        }
        return Some(len);
    }
    None
}

struct Context<'a> {
    before: &'a str,
    after: &'a str,
    raw_after: &'a str,
    number_text: &'a str,
    value: f64,
    strong: bool,
    start: usize,
    words: &'a [Word<'a>],
    whole_start: usize,
}

impl<'a> Context<'a> {
    /// Up to `n` words before the number.
    fn previous_words(&self, n: usize) -> &'a [Word<'a>] {
        let idx = self.words.partition_point(|w| w.range.end <= self.start);
        self.words
            .get(idx.saturating_sub(n)..idx)
            .unwrap_or_default()
    }

    /// Up to `n` words after the number.
    fn next_words(&self, n: usize) -> &'a [Word<'a>] {
        let end = self.start + self.number_text.len();
        let idx = self.words.partition_point(|w| w.range.start < end);
        let words = self.words.get(idx..).unwrap_or_default();
        words.get(..n.min(words.len())).unwrap_or_default()
    }

    /// Up to `n` words after the number within its clause (no punctuation between them).
    fn clause_words(&self, n: usize) -> Vec<&str> {
        let end = self.start + self.number_text.len();
        let idx = self.words.partition_point(|w| w.range.start < end);
        clause_after(self.words, idx, end, n)
    }

    /// True for dates, years, times, durations, ages, identifiers, addresses, compounds,
    /// scores, tallies and list numbers.
    fn is_not_a_figure(&self) -> bool {
        let raw_after = self.raw_after;
        let before_char = self.before.chars().next_back();
        // Glued to letters or a hyphen before: A350, COVID-19, XR-9, H5N1.
        if before_char.is_some_and(|c| {
            c.is_alphabetic() || c == '-' || c == '#' || c == '/' || c == '.' || c == ':'
        }) {
            return true;
        }
        if self.before.ends_with('’') || self.before.ends_with('\'') {
            return true; // ’90s
        }
        if raw_after.starts_with([':', '/'])
            && raw_after.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        {
            return true; // 2:40, 2024/03/12
        }
        if let Some(glued) = raw_after
            .strip_prefix(|c: char| c.is_alphabetic())
            .map(|_| {
                raw_after
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<String>()
            })
        {
            let known = MAGNITUDES.iter().any(|(m, _)| *m == glued)
                || matches!(
                    glued.as_str(),
                    "C" | "F" | "km" | "kg" | "mm" | "cm" | "mph" | "kph" | "ft"
                );
            if !known {
                return true; // 11am, 55th, 1990s, 5G
            }
        }
        if raw_after.starts_with('-') || raw_after.starts_with('–') {
            let rest = raw_after
                .get(raw_after.chars().next().map_or(1, char::len_utf8)..)
                .unwrap_or("");
            if rest.starts_with(|c: char| c.is_alphabetic()) {
                let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                // 52-year-old, four-story, 15-member: compounds, not claims.
                return !matches!(word.as_str(), "percent" | "million" | "billion" | "fold");
            }
            if let Some(second) = rest
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|d| d.parse::<f64>().ok())
            {
                // 5-2 is a score or tally; 555-0199 a phone number; 10-15 a range.
                if second <= self.value
                    || rest.len() >= 4 && rest.chars().take(4).all(|c| c.is_ascii_digit())
                {
                    return true;
                }
            }
        }
        if let Some(rest) = raw_after.strip_prefix(" to ") {
            if let Some(second) = rest
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|d| d.parse::<f64>().ok())
            {
                if second < self.value {
                    return true; // 210 to 190, a vote tally
                }
            }
        }
        if self.number_text.len() >= 4 && !raw_after.starts_with('.') && self.is_phone() {
            return true;
        }
        if self.strong {
            return false;
        }
        let prev = self.previous_words(3);
        let next = self.next_words(4);
        let prev1 = prev.last().map_or("", |w| w.text);
        let prev1_lower = lower_case(prev1);
        let next1 = next.first().map_or("", |w| w.text);
        let next1_lower = lower_case(next1);
        // Years and decades.
        let plain_integer = !self.number_text.contains([',', '.']);
        if plain_integer && self.number_text.len() == 4 && (1500.0..=2100.0).contains(&self.value) {
            return true;
        }
        // Dates: Jan. 15, July 1, 15 March.
        if lexicon::CALENDAR.has_any_case(prev1.trim_end_matches('.'))
            || lexicon::MONTH_ABBREVIATIONS.has(prev1.trim_end_matches('.'))
            || lexicon::CALENDAR.has_any_case(next1)
        {
            return true;
        }
        // Times: 6 p.m., 9 a.m., 3 GMT.
        if matches!(
            next1_lower.as_ref(),
            "a.m" | "p.m" | "am" | "pm" | "a" | "p" | "o'clock" | "o’clock"
        ) || lexicon::TIME_ZONES.has(next1)
            || next1 == "local"
        {
            return true;
        }
        // Durations: 48 hours, nine years, two summers ago.
        if DURATIONS.has_any_case(next1) || next.get(1).is_some_and(|w| w.text == "ago") {
            return true;
        }
        // Ages: aged 75, Tran, 52, was 81, in their 40s.
        if matches!(prev1_lower.as_ref(), "aged" | "age" | "ages") {
            return true;
        }
        // Ages as a bound on people: women under 50, adults over 65, those older than 70; not
        // a height or weight (men over 6 feet).
        if matches!(prev1_lower.as_ref(), "under" | "over" | "than")
            && plain_integer
            && self.value < 130.0
        {
            let prev2_lower = prev
                .len()
                .checked_sub(2)
                .and_then(|at| prev.get(at))
                .map_or(Cow::Borrowed(""), |w| lower_case(w.text));
            let bound = if prev1_lower == "than" {
                matches!(prev2_lower.as_ref(), "older" | "younger")
            } else {
                PEOPLE.has(&prev2_lower)
            };
            let measured = matches!(
                next1_lower.as_ref(),
                "feet"
                    | "foot"
                    | "ft"
                    | "inches"
                    | "metres"
                    | "meters"
                    | "cm"
                    | "kg"
                    | "pounds"
                    | "stone"
            );
            if bound && !measured {
                return true;
            }
        }
        // `Lund, now 88,` is an age as much as `Lund, 88,`.
        let before_trimmed = self.before.trim_end();
        let before_trimmed = before_trimmed
            .strip_suffix(" now")
            .unwrap_or(before_trimmed);
        if before_trimmed.ends_with(',') && self.after.starts_with([',', ')']) {
            let name_before = before_trimmed
                .trim_end_matches(',')
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
            if name_before && self.value < 130.0 {
                return true;
            }
        }
        if matches!(prev1_lower.as_ref(), "was" | "is" | "at")
            && prev.len() >= 2
            && matches!(
                lower_case(prev[prev.len() - 2].text).as_ref(),
                "he" | "she" | "dies" | "died"
            )
            && self.value < 130.0
        {
            return true;
        }
        // Ages at a turn in a life: turned professional at 19, retired at 62, married at 30.
        // Not before a noun or unit (`started at 14 sites`), nor after other verbs (`stood
        // at 19`).
        let clause_ends = self.after.is_empty()
            || self.after.starts_with([',', '.', ';', ')'])
            || matches!(
                next1_lower.as_ref(),
                "and" | "but" | "when" | "after" | "before" | "in" | "with" | "for"
            );
        if prev1_lower == "at"
            && plain_integer
            && self.value < 130.0
            && clause_ends
            && prev
                .iter()
                .rev()
                .skip(1)
                .any(|w| LIFE_EVENTS.has_any_case(w.text))
        {
            return true;
        }
        // Identifiers: Section 1343, Flight 202, Boeing 777, Route 9.
        if lexicon::IDENTIFIER_NOUNS.has_any_case(prev1.trim_end_matches('.')) {
            return true;
        }
        // Identifiers: a capitalised word right before a bare number (Boeing 777, Route 9),
        // unless that word only opens the sentence (Approximately 800 voters).
        let prev_opens_sentence = self
            .before
            .trim_end()
            .strip_suffix(prev1)
            .map(str::trim_end)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(['.', '!', '?', '“', '"', ':']));
        if plain_integer
            && prev1.chars().next().is_some_and(char::is_uppercase)
            && self.before.ends_with(' ')
            && !prev_opens_sentence
            && !lexicon::PRONOUNS.has_any_case(prev1)
        {
            return true;
        }
        // Addresses: 212 Canal Street, 1400 block.
        if next1 == "block"
            || next.iter().take(3).any(|w| STREET_WORDS.has(w.text))
                && next
                    .iter()
                    .take_while(|w| !STREET_WORDS.has(w.text))
                    .all(|w| w.text.chars().next().is_some_and(char::is_uppercase))
        {
            return true;
        }
        // Sport: goals, points, matches.
        if self
            .clause_words(6)
            .iter()
            .any(|w| SPORT_NOUNS.has_any_case(w))
        {
            return true;
        }
        // A list number at the start of a line: `2.`
        // (Only the text right before the number is looked at, so a long line costs nothing.)
        let at_line_start = self.whole_start == 0 || self.before.ends_with('\n');
        if at_line_start && self.raw_after.starts_with('.') {
            return true;
        }
        false
    }

    fn is_phone(&self) -> bool {
        let tail: String = self.raw_after.chars().take(5).collect();
        tail.len() == 5 && tail.starts_with('-') && tail.chars().skip(1).all(|c| c.is_ascii_digit())
    }
}

/// Rules for spelled-out counts: a set named before (`the two companies`), durations,
/// compounds (`four-story`), sport tallies.
fn spelled_is_not_a_figure(
    _prose: &str,
    before: &str,
    after: &str,
    matched: &str,
    words_in_paragraph: &[Word<'_>],
    range: TextRange,
) -> bool {
    if after.starts_with(['-', '–']) {
        return true;
    }
    let idx = words_in_paragraph.partition_point(|w| w.range.end <= range.start);
    let prev = idx
        .checked_sub(1)
        .and_then(|i| words_in_paragraph.get(i))
        .map(|w| lower_case(w.text));
    let idx_after = words_in_paragraph.partition_point(|w| w.range.start < range.end);
    let next_words: Vec<Cow<'_, str>> = words_in_paragraph
        .get(idx_after..)
        .unwrap_or_default()
        .iter()
        .take(6)
        .map(|w| lower_case(w.text))
        .collect();
    let next1 = next_words.first().map_or("", |w| w.as_ref());
    if matches!(
        prev.as_deref(),
        Some(
            "the"
                | "these"
                | "those"
                | "both"
                | "all"
                | "its"
                | "his"
                | "her"
                | "their"
                | "our"
                | "every"
                | "each"
        )
    ) {
        return true;
    }
    if DURATIONS.has_any_case(next1)
        || next_words.get(1).is_some_and(|w| w == "ago")
        || next1 == "of"
            && next_words
                .get(1)
                .is_some_and(|w| matches!(w.as_ref(), "them" | "us" | "those" | "these" | "the"))
    {
        return true;
    }
    if clause_after(words_in_paragraph, idx_after, range.end, 6)
        .iter()
        .any(|w| SPORT_NOUNS.has_any_case(w))
    {
        return true;
    }
    if matches!(next1, "a.m" | "p.m" | "o'clock" | "o’clock") {
        return true;
    }
    // "adjourned at nine": a time of day.
    if prev.as_deref() == Some("at") && after.trim_start().starts_with(['.', ',', ';']) {
        return true;
    }
    // Capitalised mid-sentence is part of a name (Big Four, Three Gorges).
    let lower = matched.to_lowercase();
    if matched != lower
        && !before.trim_end().is_empty()
        && !before.trim_end().ends_with(['.', '!', '?', '“', '"'])
    {
        return true;
    }
    false
}

/// Up to `n` words from `words[idx..]`, stopping at punctuation between words; `end` is
/// where the text before them ends.
fn clause_after<'a>(words: &[Word<'a>], idx: usize, end: usize, n: usize) -> Vec<&'a str> {
    let rest = words.get(idx..).unwrap_or_default();
    let len = clause_len(rest, |w| w.range, end, n);
    rest.iter().take(len).map(|w| w.text).collect()
}

/// How many of the first `n` items of `words` (in order; `range_of` gives each one's place)
/// form a clause after `end`: it stops where more than a space separates two words
/// (punctuation or a masked stretch).
fn clause_len<T>(words: &[T], range_of: impl Fn(&T) -> TextRange, end: usize, n: usize) -> usize {
    let mut previous_end = end;
    words
        .iter()
        .take(n)
        .take_while(|word| {
            let range = range_of(word);
            let joined = range.start <= previous_end + 1;
            previous_end = range.end;
            joined
        })
        .count()
}

fn spelled_value(word: &str) -> Option<f64> {
    const NAMES: &[(&str, f64)] = &[
        ("a dozen", 12.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("thirteen", 13.0),
        ("fourteen", 14.0),
        ("fifteen", 15.0),
        ("sixteen", 16.0),
        ("seventeen", 17.0),
        ("eighteen", 18.0),
        ("nineteen", 19.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
    ];
    // In ASCII case only: no other letter lower-cases to one of these names' letters.
    NAMES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
        .map(|(_, v)| *v)
}

/// The first source cue in `range` outside quotations: a reporting verb or phrase with an
/// agent, a configured source word, or a hyperlink.
/// Words before a reporting verb that make it agentless: "an estimated", "was found".
const PASSIVE_OPENERS: &[&str] = &[
    "a", "an", "are", "be", "been", "being", "her", "his", "is", "its", "the", "their", "was",
    "were",
];

/// The verbs that source a figure: speech verbs that are not `NOT_SOURCES`, and reporting
/// verbs. One set, since `source_in` asks of every word (in lower case) of a sentence.
fn source_verbs() -> &'static FxSet<&'static str> {
    static VERBS: OnceLock<FxSet<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| {
        let speech = lexicon::SPEECH_VERBS.words().iter();
        let sourcing = speech.filter(|verb| !NOT_SOURCES.has(verb));
        sourcing
            .chain(lexicon::REPORTING_VERBS.words())
            .copied()
            .collect()
    })
}

/// The source cue of `range`: a link, a source phrase or a sourcing verb outside
/// quotations. `list` is a buffer for the words read.
fn source_in<'s>(
    segments: &'s Segments,
    range: TextRange,
    quotes: &[TextRange],
    links: &[TextRange],
    config: &Config,
    list: &mut Vec<Word<'s>>,
) -> Option<TextRange> {
    if let Some(link) = links.iter().find(|l| range.covers(**l) && !l.is_empty()) {
        return Some(*link);
    }
    let prose = segments.prose.as_str();
    list.clear();
    list.extend(segments.words_outside(range, quotes));
    let list = list.as_slice();
    for (idx, word) in list.iter().enumerate() {
        let lower = word.text;
        let next = list.get(idx + 1).map(|w| w.text);
        // No two phrases start with the same word as "per" or "source:".
        if let Some((phrase, n_parts)) = lexicon::SOURCE_PHRASES.at(list, idx) {
            let bare_per = phrase == "per"
                && !next.is_some_and(|n| {
                    n.chars().next().is_some_and(char::is_uppercase) || n == "the"
                });
            let bare_source = phrase == "source:"
                && !prose
                    .get(word.range.end..range.end)
                    .is_some_and(|r| r.starts_with(':'));
            if !bare_per && !bare_source {
                let last = list.get(idx + n_parts - 1).unwrap_or(word);
                return Some(TextRange::new(word.range.start, last.range.end));
            }
        }
        if lower.chars().any(char::is_uppercase) {
            continue;
        }
        let is_verb =
            source_verbs().contains(lower) || config.extra_source_words.iter().any(|w| w == lower);
        if !is_verb {
            continue;
        }
        // Agentless: "an estimated 2,800", "was estimated at", "were found".
        let passive = idx
            .checked_sub(1)
            .and_then(|i| list.get(i))
            .is_some_and(|prev| {
                PASSIVE_OPENERS
                    .iter()
                    .any(|opener| prev.text.eq_ignore_ascii_case(opener))
            });
        if passive {
            continue;
        }
        if matches!(
            lower,
            "show" | "shows" | "showed" | "shown" | "find" | "finds" | "found"
        ) && idx == 0
        {
            continue;
        }
        return Some(word.range);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::{segment, Format};

    proptest::proptest! {
        /// Running the number pattern only near ASCII digits finds what a scan of the whole
        /// text finds, whatever sits around the digits.
        #[test]
        fn numbers_near_digits_are_the_patterns_matches(
            text in "([0-9٣,. ]|,,,,|USD|EUR |US\\$|HK\\$|[$€£¥₹“”a-z]){0,40}",
        ) {
            let number = &patterns().expect("patterns compile").number;
            let near: Vec<(usize, usize)> =
                numbers(number, &text).map(|m| (m.start(), m.end())).collect();
            let all: Vec<(usize, usize)> =
                number.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            // A match of other digits alone may be passed over: it never parses.
            let parsed = |&(start, end): &(usize, usize)| {
                text.get(start..end).is_some_and(|m| m.bytes().any(|b| b.is_ascii_digit()))
            };
            let near: Vec<(usize, usize)> = near.into_iter().filter(parsed).collect();
            let all: Vec<(usize, usize)> = all.into_iter().filter(parsed).collect();
            proptest::prop_assert_eq!(near, all);
        }

        /// Reading a spelled figure's kind off the match gives the group the pattern
        /// captured, in any case and spacing, with letters that fold like ASCII ones (ſ, K).
        #[test]
        fn a_spelled_figures_kind_is_the_group_it_matched(
            text in "((first|Third|1st|3RD|٣th|ſixth)-(largest|MOST|Best|oldeſt)|(one|Two|ſix|TEN|three)[ \u{a0}\n]{1,2}(in|In)[ \u{a0}]{1,2}(five|3|TEN|two)|(a|One|A)[ \n]{1,2}(third|Quarter|tenth|dozen|DOZEN)|two-thirds|Three-Quarters|half[ \n]{1,2}of|BY half|by  half|seven|ſeven|Twenty|dozen|[ ,\n\u{a0}-]){0,16}",
        ) {
            let spelled = &patterns().expect("patterns compile").spelled;
            for caps in spelled.captures_iter(&text) {
                let Some(whole) = caps.get(0) else { continue };
                let expected = if caps.name("rank").is_some() {
                    FigureKind::Ranking
                } else if caps.name("ratio").is_some() || caps.name("frac").is_some() {
                    FigureKind::Proportion
                } else {
                    FigureKind::Count
                };
                proptest::prop_assert_eq!(spelled_kind(whole.as_str()), expected, "{:?}", whole.as_str());
            }
        }
    }

    fn figure_texts(text: &str) -> Vec<String> {
        let segments = segment(text, Format::PlainText);
        let lists: Vec<Vec<TextRange>> =
            segments.paragraphs.iter().map(|p| vec![p.range]).collect();
        let sentences = Sentences::from_lists(&lists);
        find_figures(
            &segments,
            &sentences,
            &[],
            &Config::default(),
            &mut FiguresMemo::default(),
        )
        .iter()
        .map(|f| text[f.range.start..f.range.end].to_string())
        .collect()
    }

    #[test]
    fn money_percent_and_counts_are_figures() {
        assert_eq!(
            figure_texts("Aid of $110 billion, €3.2m and £40,000 rose 12% to 1,250 homes, up 3 percentage points, seven times."),
            vec!["$110 billion", "€3.2m", "£40,000", "12%", "1,250", "3 percentage points", "seven times"]
        );
    }

    #[test]
    fn dates_times_ages_and_identifiers_are_not() {
        assert_eq!(
            figure_texts("On Jan. 15, 2024, at 6 p.m., Tran, 52, a 52-year-old from 212 Canal Street, flew a Boeing 777 on Flight 202 under Section 230 for 48 hours in the 1990s."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_age_at_a_turn_in_a_life_is_not_a_figure_but_a_level_is() {
        assert_eq!(
            figure_texts("Okafor turned professional at 19, retired at 34 and married at 30. The toll stood at 19. Crews started at 14 sites."),
            vec!["19", "14"]
        );
    }

    #[test]
    fn ranges_are_one_figure_and_tallies_none() {
        assert_eq!(
            figure_texts("Between 200 to 300 people came; the vote was 5-2 and 210 to 190; rents rose 10-15%. About 3 in 10 staff left, 2 out of 5 beds are empty and 12 in 2019 were sold."),
            vec!["200 to 300", "10-15%", "3 in 10", "2 out of 5", "12"]
        );
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [
            &lexicon::IDENTIFIER_NOUNS,
            &LIFE_EVENTS,
            &DURATIONS,
            &SPORT_NOUNS,
            &NOT_SOURCES,
            &SUBJECT_STOPWORDS,
            &NOT_SUBJECTS,
        ] {
            assert!(crate::analysis::lexicon::is_sorted(list.words()));
        }
    }
}
