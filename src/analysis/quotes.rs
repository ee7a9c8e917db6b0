//! Quotations and who said them.
//!
//! Owns finding quotation marks (curly, straight, British single, guillemets, German
//! low-high), telling apostrophes from closing marks, nesting, quotations that continue
//! over paragraphs, telling speech from terms and titles, and attribution: a speaker with a
//! speech verb in the sentence, a lead-in ending in a colon, the same speaker going on in
//! the paragraph, or the next paragraph opening with a quotation. It does not decide what is
//! a finding; the rules do.

use super::config::Config;
use super::entities::{EntityKind, Mentions};
use super::hash::FxMap;
use super::lexicon::{self, WordList};
use super::memo::{self, Table};
use super::segment::{BlockKind, Segments, Sentences};
use super::words::Word;
use crate::text::TextRange;

/// How a quotation came to be attributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributionKind {
    /// A speaker and a speech verb in the quotation's own sentence.
    Sentence,
    /// A lead-in ending in a colon, in the paragraph before.
    LeadIn,
    /// An earlier attributed quotation in the same paragraph: the speaker goes on.
    SameParagraph,
    /// The paragraph opens with it and the previous paragraph's last quotation is attributed.
    PreviousParagraph,
}

/// Who said a quotation and where the draft says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// The speech verb or phrase (`said`, `according to`).
    pub cue: TextRange,
    /// The speaker as written (`Peskov`, `the ministry`, `she`), when one was found.
    pub speaker: Option<TextRange>,
    /// The entity the speaker refers to, when it is a known person or organisation.
    pub entity: Option<usize>,
    /// The speaker is unnamed or vague (`officials`, `sources`).
    pub vague: bool,
}

/// One outermost quotation. Nested quotations belong to it and are not listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark inclusive; an unclosed quotation runs to the
    /// end of its (last) paragraph.
    pub range: TextRange,
    /// The text between the marks.
    pub inner: TextRange,
    pub first_paragraph: usize,
    pub last_paragraph: usize,
    pub closed: bool,
    /// A term, scare quote, nickname or title rather than speech: never needs attribution.
    pub is_term: bool,
    pub attribution: Option<Attribution>,
}

/// Kept between analyses: each paragraph's quotation marks, paired within the paragraph,
/// and the speech cue of each sentence that holds a quotation.
#[derive(Default)]
pub struct QuotesMemo {
    marks: Table<(Vec<RawQuote>, Vec<TextRange>)>,
    cues: Table<Option<Cue>>,
}

impl QuotesMemo {
    pub fn one_shot() -> Self {
        QuotesMemo {
            marks: Table::one_shot(),
            cues: Table::one_shot(),
        }
    }

    pub fn end_round(&mut self) {
        self.marks.end_round();
        self.cues.end_round();
    }
}

/// Quotations of a draft and the marks that do not pair up.
#[derive(Clone, Debug, Default)]
pub struct Quotations {
    pub quotes: Vec<Quote>,
    /// Closing marks with no opening mark before them.
    pub stray_closers: Vec<TextRange>,
}

struct Open {
    offset: usize,
    mark: char,
}

/// The closing marks that end a quotation opened with `open`.
fn closes(open: char, close: char) -> bool {
    match open {
        '“' => close == '”',
        '„' => matches!(close, '“' | '”'),
        '‘' => close == '’',
        '«' => close == '»',
        '»' => close == '«',
        '"' => close == '"',
        '\'' => close == '\'',
        _ => false,
    }
}

fn same_family(a: char, b: char) -> bool {
    a == b || matches!((a, b), ('“', '„') | ('„', '“'))
}

/// One quotation within one paragraph, before paragraphs are joined.
#[derive(Clone, Copy)]
struct RawQuote {
    open: usize,
    end: usize,
    closed: bool,
    mark: char,
    /// The paragraph starts with this quotation's opening mark.
    opens_paragraph: bool,
}

fn scan_paragraph(prose: &str, paragraph: TextRange, stray: &mut Vec<TextRange>) -> Vec<RawQuote> {
    let mut found = Vec::new();
    let Some(text) = prose.get(paragraph.start..paragraph.end) else {
        return found;
    };
    let mut stack: Vec<Open> = Vec::new();
    for (idx, ch) in quotation_marks(text) {
        let previous = text
            .get(..idx)
            .and_then(|before| before.chars().next_back());
        let next = text
            .get(idx + ch.len_utf8()..)
            .and_then(|after| after.chars().next());
        let after_word = previous.is_some_and(char::is_alphanumeric);
        let before_word = next.is_some_and(char::is_alphanumeric);
        let prev_space = previous.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/')
        });
        let absolute = paragraph.start + idx;
        let role = match ch {
            '“' | '„' | '«' => {
                if stack.last().is_some_and(|top| closes(top.mark, ch)) {
                    Role::Close
                } else {
                    Role::Open
                }
            }
            '”' => Role::Close,
            '»' => {
                if stack.iter().any(|open| closes(open.mark, ch)) {
                    Role::Close
                } else if before_word || next == Some(' ') && stack.is_empty() {
                    Role::Open
                } else {
                    Role::Close
                }
            }
            '‘' => {
                if after_word || next.is_some_and(|n| n.is_ascii_digit()) {
                    Role::Apostrophe
                } else {
                    Role::Open
                }
            }
            '’' => {
                if after_word && before_word
                    || !stack.iter().any(|open| open.mark == '‘')
                    || prev_space
                {
                    Role::Apostrophe
                } else {
                    Role::Close
                }
            }
            '"' => {
                if stack.iter().any(|open| open.mark == '"') && !(prev_space && before_word) {
                    Role::Close
                } else if prev_space || !after_word {
                    Role::Open
                } else {
                    Role::Apostrophe
                }
            }
            '\'' => {
                let open_single = stack.iter().any(|open| open.mark == '\'');
                if after_word && before_word {
                    Role::Apostrophe
                } else if open_single && !prev_space {
                    Role::Close
                } else if prev_space && before_word && !next.is_some_and(|n| n.is_ascii_digit()) {
                    Role::Open
                } else {
                    Role::Apostrophe
                }
            }
            _ => continue,
        };
        match role {
            Role::Open => stack.push(Open {
                offset: absolute,
                mark: ch,
            }),
            Role::Close => {
                if let Some(pos) = stack.iter().rposition(|open| closes(open.mark, ch)) {
                    if pos == 0 {
                        if let Some(open) = stack.first() {
                            found.push(RawQuote {
                                open: open.offset,
                                end: absolute + ch.len_utf8(),
                                closed: true,
                                mark: open.mark,
                                opens_paragraph: open.offset == paragraph.start,
                            });
                        }
                    }
                    stack.truncate(pos);
                } else if stack.is_empty() {
                    stray.push(TextRange::new(absolute, absolute + ch.len_utf8()));
                }
            }
            Role::Apostrophe => {}
        }
    }
    if let Some(open) = stack.first() {
        // Straight marks that never close were most likely inch or foot signs, or
        // apostrophes: only typographic marks start an unclosed quotation.
        if !matches!(open.mark, '\'') {
            found.push(RawQuote {
                open: open.offset,
                end: paragraph.end,
                closed: false,
                mark: open.mark,
                opens_paragraph: open.offset == paragraph.start,
            });
        }
    }
    found
}

/// The quotation marks and apostrophes of `text` with their offsets. Only their bytes are
/// looked at closely: every mark is `"`, `'` or starts with 0xC2 (« ») or 0xE2 (“ ” ‘ ’ „).
fn quotation_marks(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &byte)| matches!(byte, b'"' | b'\'' | 0xC2 | 0xE2))
        .filter_map(|(idx, _)| Some((idx, text.get(idx..)?.chars().next()?)))
        .filter(|&(_, ch)| matches!(ch, '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '"' | '\''))
}

enum Role {
    Open,
    Close,
    Apostrophe,
}

/// Finds every outermost quotation in the prose paragraphs (headings excluded), joining a
/// quotation left open at the end of a paragraph with the next paragraph's opening one
/// (the news convention for a quotation over several paragraphs).
pub fn find_quotes(segments: &Segments, memo: &mut QuotesMemo) -> Quotations {
    let mut quotations = Quotations::default();
    let prose = segments.prose.as_str();
    let mut pending: Option<Quote> = None;
    for (idx, paragraph) in segments.paragraphs.iter().enumerate() {
        if paragraph.kind == BlockKind::Heading {
            if let Some(quote) = pending.take() {
                quotations.quotes.push(quote);
            }
            continue;
        }
        let base = paragraph.range.start;
        // Read in place: a keystroke copies no paragraph's lists out of the memo.
        let (raw, stray) = memo.marks.get_or(&paragraph.key(&[], 0), || {
            let mut stray = Vec::new();
            let mut raw = scan_paragraph(prose, paragraph.range, &mut stray);
            for quote in &mut raw {
                quote.open = quote.open.saturating_sub(base);
                quote.end = quote.end.saturating_sub(base);
            }
            let stray = stray.into_iter().map(|r| memo::relative(r, base)).collect();
            (raw, stray)
        });
        quotations
            .stray_closers
            .extend(stray.iter().map(|&r| memo::place(r, base)));
        let placed = raw.iter().map(|&quote| RawQuote {
            open: quote.open + base,
            end: quote.end + base,
            ..quote
        });
        for (raw_idx, raw_quote) in placed.enumerate() {
            if raw_idx == 0 {
                if let Some(mut open) = pending.take() {
                    let open_mark = prose
                        .get(open.range.start..)
                        .and_then(|rest| rest.chars().next())
                        .unwrap_or('"');
                    if raw_quote.opens_paragraph && same_family(open_mark, raw_quote.mark) {
                        open.range = TextRange::new(open.range.start, raw_quote.end);
                        open.inner = TextRange::new(open.inner.start, inner_end(prose, &raw_quote));
                        open.last_paragraph = idx;
                        open.closed = raw_quote.closed;
                        if raw_quote.closed {
                            quotations.quotes.push(open);
                        } else {
                            pending = Some(open);
                        }
                        continue;
                    }
                    quotations.quotes.push(open);
                }
            }
            let quote = Quote {
                range: TextRange::new(raw_quote.open, raw_quote.end),
                inner: TextRange::new(
                    raw_quote.open + raw_quote.mark.len_utf8(),
                    inner_end(prose, &raw_quote),
                ),
                first_paragraph: idx,
                last_paragraph: idx,
                closed: raw_quote.closed,
                is_term: false,
                attribution: None,
            };
            if let Some(previous) = pending.take() {
                quotations.quotes.push(previous);
            }
            if quote.closed {
                quotations.quotes.push(quote);
            } else {
                pending = Some(quote);
            }
        }
        // An unclosed quotation continues only into a paragraph that opens with a mark.
        if let Some(open) = &pending {
            if open.last_paragraph < idx {
                if let Some(quote) = pending.take() {
                    quotations.quotes.push(quote);
                }
            }
        }
    }
    if let Some(quote) = pending.take() {
        quotations.quotes.push(quote);
    }
    quotations.quotes.sort_by_key(|quote| quote.range.start);
    quotations
}

fn inner_end(prose: &str, raw: &RawQuote) -> usize {
    if !raw.closed {
        return raw.end;
    }
    let mark_len = prose
        .get(..raw.end)
        .and_then(|before| before.chars().next_back())
        .map_or(0, char::len_utf8);
    raw.end - mark_len
}

/// Words right before a quotation that make it a name, title or term rather than speech.
static NAMING_CUES: WordList = WordList::new(&[
    "album",
    "article",
    "book",
    "called",
    "campaign",
    "dubbed",
    "entitled",
    "exhibition",
    "film",
    "headline",
    "known",
    "motto",
    "movie",
    "nicknamed",
    "novel",
    "opera",
    "operation",
    "phrase",
    "play",
    "podcast",
    "poem",
    "programme",
    "report",
    "series",
    "show",
    "slogan",
    "so-called",
    "song",
    "term",
    "titled",
    "word",
    "words",
]);

/// Decides whether each quotation is a term (scare quote, title, nickname) rather than
/// speech, following the corpus guidelines: three words or fewer and not a full sentence,
/// or right after a naming cue.
pub fn mark_terms(segments: &Segments, quotes: &mut [Quote], config: &Config) {
    let prose = segments.prose.as_str();
    for quote in quotes.iter_mut() {
        let inner = prose.get(quote.inner.start..quote.inner.end).unwrap_or("");
        // Only whether it is over the limit matters: stop counting there.
        let n_words = inner
            .split_whitespace()
            .take(config.max_term_words.saturating_add(1))
            .count();
        let trimmed = inner
            .trim()
            .trim_end_matches([',', ';', ':', '—', '–', ' ']);
        let full_sentence = trimmed.chars().next().is_some_and(char::is_uppercase)
            && trimmed.ends_with(['.', '!', '?', '…']);
        let short_term = n_words <= config.max_term_words && !full_sentence;
        let before = prose.get(..quote.range.start).unwrap_or("");
        let window_start = before.len().saturating_sub(40);
        let window_start = (window_start..=before.len())
            .find(|&i| before.is_char_boundary(i))
            .unwrap_or(before.len());
        let preceding = segments.word_ranges_in(TextRange::new(window_start, before.len()));
        let text_of = |range: &TextRange| prose.get(range.start..range.end).unwrap_or("");
        let cue = preceding.last().is_some_and(|word| {
            let word = text_of(word);
            NAMING_CUES.has_any_case(word)
                || word.eq_ignore_ascii_case("as")
                    && preceding
                        .len()
                        .checked_sub(2)
                        .and_then(|i| preceding.get(i))
                        .is_some_and(|w| text_of(w).eq_ignore_ascii_case("known"))
        });
        // A quotation directly after a naming cue is a title only when nothing but spaces
        // and commas stands between them.
        let adjacent = preceding.last().is_some_and(|word| {
            prose
                .get(word.end..quote.range.start)
                .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || c == ','))
        });
        quote.is_term = short_term || cue && adjacent;
    }
}

/// Words between an auxiliary and a verb, or adverbs around a speaker, skipped when
/// looking for the speaker next to a verb.
static SKIPPABLE: WordList = WordList::new(&[
    "again",
    "also",
    "earlier",
    "first",
    "further",
    "had",
    "has",
    "have",
    "initially",
    "just",
    "last",
    "later",
    "month",
    "night",
    "often",
    "once",
    "only",
    "previously",
    "recently",
    "repeatedly",
    "separately",
    "simply",
    "still",
    "then",
    "week",
    "year",
    "yesterday",
]);

static DETERMINERS: WordList = WordList::new(&[
    "a", "an", "her", "his", "its", "my", "our", "the", "their", "these", "this", "those", "your",
]);

/// A speech cue in a sentence: where the verb or phrase is and the speaker next to it.
#[derive(Clone, Copy)]
struct Cue {
    cue: TextRange,
    speaker: Option<TextRange>,
}

impl Cue {
    fn shift(self, base: usize, by: fn(TextRange, usize) -> TextRange) -> Cue {
        Cue {
            cue: by(self.cue, base),
            speaker: self.speaker.map(|speaker| by(speaker, base)),
        }
    }
}

/// Finds a speech cue among the sentence's words outside quotations.
fn find_cue(
    prose: &str,
    outside: &[Word<'_>],
    quotes: &[TextRange],
    config: &Config,
) -> Option<Cue> {
    // "In an interview with the Courier, Renwick added": a verb later in the sentence names
    // the speaker better than the phrase, whose next words name the medium.
    let mut phrase_cue = None;
    for (idx, word) in outside.iter().enumerate() {
        let phrase_len = lexicon::SPEECH_PHRASES.at(outside, idx).map(|(_, n)| n);
        // Verbs are written in lower case; a capitalised word is never one.
        let lower = word.text;
        let is_verb = !lower.chars().any(char::is_uppercase)
            && (lexicon::SPEECH_VERBS.has_any_case(lower)
                || config.extra_speech_verbs.iter().any(|verb| verb == lower));
        if phrase_len.is_none() && !is_verb {
            continue;
        }
        let previous = idx.checked_sub(1).and_then(|i| outside.get(i));
        if is_verb && previous.is_some_and(|p| DETERMINERS.has_any_case(p.text)) {
            // "the claims", "his posts": a noun, not a verb.
            continue;
        }
        let next = outside.get(idx + 1);
        if is_verb
            && matches!(lower, "called" | "calls" | "call")
            && next.is_some_and(|n| matches!(n.text, "for" | "on" | "off"))
        {
            continue;
        }
        let len = phrase_len.unwrap_or(1);
        let last = outside.get(idx + len - 1).unwrap_or(word);
        let cue = TextRange::new(word.range.start, last.range.end);
        let speaker = speaker_before(prose, outside, idx, quotes)
            .filter(|_| phrase_len.is_none())
            .or_else(|| speaker_after(outside, idx + len, quotes))
            .or_else(|| speaker_before(prose, outside, idx, quotes));
        if phrase_len.is_some() && !word.text.eq_ignore_ascii_case("according") {
            phrase_cue.get_or_insert(Cue { cue, speaker });
            continue;
        }
        return Some(Cue { cue, speaker });
    }
    phrase_cue
}

fn crosses_quote(quotes: &[TextRange], from: usize, to: usize) -> bool {
    quotes.iter().any(|q| q.start >= from && q.end <= to)
}

/// When an apposition or an aside stands between the speaker and the verb at `idx` (`Osama
/// Hamdan, a Hamas official based in Beirut, told …`, `Ruiz, 52, said`), the index of the
/// word that ends the speaker before it.
fn apposition_before(prose: &str, outside: &[Word<'_>], idx: usize) -> Option<usize> {
    const LONGEST: usize = 12;
    let gap = |left: &Word<'_>, right: &Word<'_>| {
        prose
            .get(left.range.end..right.range.start)
            .is_some_and(|gap| gap.contains(','))
    };
    let verb = outside.get(idx)?;
    if !gap(outside.get(idx.checked_sub(1)?)?, verb) {
        return None;
    }
    // The comma nearest before the one at the verb opens the apposition.
    let open = (idx.saturating_sub(LONGEST).max(1)..idx)
        .rev()
        .find(|&at| match (outside.get(at - 1), outside.get(at)) {
            (Some(left), Some(right)) => gap(left, right),
            _ => false,
        })?;
    let opener = outside.get(open)?.text;
    // A description (a, the, who), an age, or where and how the speaker spoke (`Anna
    // Kowalski, in an interview with Polish radio, said`).
    let opens_apposition = [
        "a", "an", "the", "who", "in", "on", "at", "speaking", "writing",
    ]
    .iter()
    .any(|word| opener.eq_ignore_ascii_case(word))
        || opener.bytes().all(|b| b.is_ascii_digit());
    opens_apposition.then_some(open - 1)
}

/// The speaker ending right before the verb at `idx`: a name, a pronoun or a noun phrase.
fn speaker_before(
    prose: &str,
    outside: &[Word<'_>],
    idx: usize,
    quotes: &[TextRange],
) -> Option<TextRange> {
    let verb = outside.get(idx)?;
    let mut end_idx = idx.checked_sub(1)?;
    if let Some(name_end) = apposition_before(prose, outside, idx) {
        end_idx = name_end;
    }
    while SKIPPABLE.has_any_case(outside.get(end_idx)?.text) && end_idx > 0 {
        end_idx -= 1;
    }
    let last = outside.get(end_idx)?;
    if crosses_quote(quotes, last.range.end, verb.range.start) {
        return None;
    }
    if DETERMINERS.has_any_case(last.text) || matches!(last.text, "and" | "or" | "but") {
        return None;
    }
    let mut start_idx = end_idx;
    if last.is_capitalized() || last.text.chars().any(char::is_uppercase) {
        while start_idx > 0 {
            let candidate = outside.get(start_idx - 1)?;
            let next_start = outside.get(start_idx)?.range.start;
            // A comma ends the name: in "the Ashby Courier, Renwick added", Renwick speaks.
            let joined = !crosses_quote(quotes, candidate.range.end, next_start)
                && !prose
                    .get(candidate.range.end..next_start)
                    .is_some_and(|gap| gap.contains(','));
            if joined && (candidate.is_capitalized() || is_particle(candidate.text)) {
                start_idx -= 1;
            } else {
                break;
            }
        }
    } else if !lexicon::PRONOUNS.has_any_case(last.text) {
        // A described speaker: "the spokesperson", "one resident", "officials".
        while start_idx > 0 && end_idx - start_idx < 4 {
            let candidate = outside.get(start_idx - 1)?;
            if candidate.text.chars().all(char::is_lowercase) || candidate.is_capitalized() {
                start_idx -= 1;
                if DETERMINERS.has_any_case(candidate.text) || candidate.text == "one" {
                    break;
                }
            } else {
                break;
            }
        }
    }
    Some(TextRange::new(
        outside.get(start_idx)?.range.start,
        last.range.end,
    ))
}

fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "da"
            | "di"
            | "du"
            | "bin"
            | "al"
            | "el"
            | "ter"
    )
}

/// The speaker starting right after a cue ending before `idx` (`said Peskov`,
/// `according to the ministry`).
fn speaker_after(outside: &[Word<'_>], idx: usize, quotes: &[TextRange]) -> Option<TextRange> {
    let first = outside.get(idx)?;
    if let Some(cue) = idx.checked_sub(1).and_then(|i| outside.get(i)) {
        if crosses_quote(quotes, cue.range.end, first.range.start) {
            return None;
        }
    }
    let mut end_idx = idx;
    if let Some(name) = name_after_role(outside, idx) {
        // `wrote economist Rupert Hale`, `said chief executive Ana Ruiz`: the name speaks.
        return speaker_after(outside, name, quotes);
    }
    if DETERMINERS.has_any_case(first.text) || first.text == "one" {
        // A described source: take up to the noun that heads it.
        while end_idx + 1 < outside.len() && end_idx - idx < 4 {
            let next = outside.get(end_idx + 1)?;
            if next.text.chars().all(char::is_lowercase)
                && !lexicon::SPEECH_VERBS.has_any_case(next.text)
                || next.is_capitalized()
            {
                end_idx += 1;
                if next.is_capitalized() {
                    continue;
                }
                if !matches!(next.text, "for" | "of" | "to" | "at" | "in") {
                    break;
                }
            } else {
                break;
            }
        }
    } else if first.is_capitalized() {
        while let Some(next) = outside.get(end_idx + 1) {
            if next.is_capitalized() || is_particle(next.text) {
                end_idx += 1;
            } else {
                break;
            }
        }
    } else if !(lexicon::PRONOUNS.has_any_case(first.text)
        || lexicon::VAGUE_SOURCES.has_any_case(first.text))
    {
        return None;
    }
    Some(TextRange::new(
        first.range.start,
        outside.get(end_idx)?.range.end,
    ))
}

/// Where a name starts after a role in lower case that opens at `idx` (a few words, one of
/// them a title: `economist`, `chief executive`, `former defence minister`).
fn name_after_role(outside: &[Word<'_>], idx: usize) -> Option<usize> {
    let mut titled = false;
    for at in idx..idx + 4 {
        let word = outside.get(at)?;
        if word.is_capitalized() {
            return (titled && at > idx).then_some(at);
        }
        // Only the role's own words: "said the mayor of Leeds" names a place, not a speaker.
        if !word.text.chars().all(char::is_lowercase)
            || lexicon::SPEECH_VERBS.has(word.text)
            || DETERMINERS.has_any_case(word.text)
            || matches!(word.text, "of" | "for" | "in" | "at" | "from" | "and")
        {
            return None;
        }
        titled |= lexicon::TITLES.has_any_case(word.text);
    }
    None
}

/// What attribution needs from the rest of the analysis.
pub struct AttributionContext<'a> {
    pub segments: &'a Segments,
    /// Sentences of each paragraph.
    pub sentences: &'a Sentences,
    pub mentions: &'a Mentions,
    pub config: &'a Config,
}

/// The sentence of `paragraph` that contains `offset`.
fn sentence_at(sentences: &Sentences, paragraph: usize, offset: usize) -> Option<TextRange> {
    let list = sentences.get(paragraph)?;
    let idx = list.partition_point(|s| s.end.max(s.start + 1) <= offset);
    list.get(idx).filter(|s| s.start <= offset).copied()
}

/// The words of `range` that lie outside every quotation.
fn outside_words<'a>(
    segments: &'a Segments,
    range: TextRange,
    quotes: &[TextRange],
) -> Vec<Word<'a>> {
    segments.words_outside(range, quotes).collect()
}

/// The speech cue among a sentence's words outside quotations (leaving out `exclude`, the
/// quotation being attributed when it is the "sentence" itself).
fn sentence_cue(
    ctx: &AttributionContext<'_>,
    sentence: TextRange,
    all_quotes: &[TextRange],
    exclude: Option<TextRange>,
) -> Option<Cue> {
    let within = sentence.within(all_quotes);
    let kept: Vec<TextRange>;
    let quotes = match exclude {
        Some(own) if within.contains(&own) => {
            kept = within.iter().filter(|r| **r != own).copied().collect();
            &kept[..]
        }
        _ => within,
    };
    let outside = outside_words(ctx.segments, sentence, quotes);
    find_cue(&ctx.segments.prose, &outside, quotes, ctx.config)
}

/// `sentence_cue` of a whole sentence of `paragraph`, from the memo when the paragraph's
/// text, the sentence and the quotations in it are as they were.
fn kept_sentence_cue(
    ctx: &AttributionContext<'_>,
    memo: &mut Table<Option<Cue>>,
    paragraph: usize,
    sentence: TextRange,
    all_quotes: &[TextRange],
) -> Option<Cue> {
    let Some(paragraph) = ctx.segments.paragraphs.get(paragraph) else {
        return sentence_cue(ctx, sentence, all_quotes, None);
    };
    let base = paragraph.range.start;
    let ranges = [std::slice::from_ref(&sentence), sentence.within(all_quotes)];
    let cue = memo.get_or(&paragraph.key(&ranges, 0), || {
        sentence_cue(ctx, sentence, all_quotes, None).map(|cue| cue.shift(base, memo::relative))
    });
    cue.map(|cue| cue.shift(base, memo::place))
}

/// The attribution a cue gives a quotation starting at `before`: pronouns speak for the
/// person named last before it, unless someone described but not named spoke since.
fn attribution_from(
    ctx: &AttributionContext<'_>,
    cue: Cue,
    before: usize,
    all_quotes: &[TextRange],
) -> Option<Attribution> {
    let prose = ctx.segments.prose.as_str();
    let speaker_text = cue.speaker.map(|s| prose.get(s.start..s.end).unwrap_or(""));
    let mut entity = cue
        .speaker
        .and_then(|speaker| ctx.mentions.entity_within(speaker));
    if let Some(text) = speaker_text {
        // In ASCII case only: no other letter lower-cases to one of these words' letters.
        let is = |pronoun: &str| text.eq_ignore_ascii_case(pronoun);
        if ["he", "she", "him", "her"].into_iter().any(is) {
            // A pronoun speaks for someone named before it. With no one named, it still
            // attributes when some sentence before may describe the speaker (`The minister
            // was blunt. “…,” she told the Commons.`), but not when nothing comes before.
            let named = ctx.mentions.last_before(before, EntityKind::Person);
            if named.is_none()
                && prose
                    .get(..before)
                    .is_some_and(|text| text.trim().is_empty())
            {
                return None;
            }
            entity = named
                .filter(|named| {
                    !described_speaker_between(ctx, all_quotes, named.range.end, before)
                })
                .map(|named| named.entity);
        } else if is("they") || is("it") {
            entity = ctx.mentions.last_any_before(before);
        }
    }
    let vague = entity.is_none()
        && speaker_text.is_some_and(|text| {
            let lower = text.to_lowercase();
            lexicon::VAGUE_SOURCES.words().iter().any(|vague| {
                lower
                    .strip_prefix(vague)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
        });
    Some(Attribution {
        kind: AttributionKind::Sentence,
        cue: cue.cue,
        speaker: cue.speaker,
        entity,
        vague,
    })
}

/// True when a sentence between the last name (ending at `after`) and `before` has a
/// speaker who is described but not named (`A spokeswoman for the council said …`): a
/// pronoun after it is that speaker, not the person named before. The name's own sentence
/// does not count, since its speaker is the name. Looks back a few sentences at most.
fn described_speaker_between(
    ctx: &AttributionContext<'_>,
    all_quotes: &[TextRange],
    after: usize,
    before: usize,
) -> bool {
    const LOOK_BACK: usize = 6;
    let prose = ctx.segments.prose.as_str();
    let paragraphs = &ctx.segments.paragraphs;
    let last = paragraphs.partition_point(|p| p.range.start < before);
    let sentences = (0..last)
        .rev()
        .filter_map(|idx| ctx.sentences.get(idx))
        .flat_map(|list| list.iter().rev())
        .skip_while(|s| s.start >= before)
        .take_while(|s| s.start >= after)
        .take(LOOK_BACK);
    for &sentence in sentences {
        let Some(speaker) = sentence_cue(ctx, sentence, all_quotes, None).and_then(|c| c.speaker)
        else {
            continue;
        };
        let text = prose.get(speaker.start..speaker.end).unwrap_or("");
        if ctx.mentions.entity_within(speaker).is_none() && !lexicon::PRONOUNS.has_any_case(text) {
            return true;
        }
    }
    false
}

/// Attributes every speech quotation, following the corpus guidelines: its own sentence,
/// a colon lead-in in the paragraph before, an attributed quotation earlier in the same
/// paragraph, or a previous paragraph whose last quotation is attributed when this
/// paragraph opens with the quotation.
pub fn attribute(ctx: &AttributionContext<'_>, quotes: &mut [Quote], memo: &mut QuotesMemo) {
    let all_ranges: Vec<TextRange> = quotes.iter().map(|q| q.range).collect();
    let n_paragraphs = ctx.segments.paragraphs.len();
    // The last speech quotation of each paragraph, once judged.
    let mut last_in_paragraph: Vec<Option<usize>> = vec![None; n_paragraphs];
    let lead_in_attribution: Vec<Option<Attribution>> = (0..n_paragraphs)
        .map(|idx| lead_in_cue(ctx, idx, &all_ranges))
        .collect();
    // The last attributed quotation so far and the paragraph it ends in.
    let mut latest_attributed: Option<(usize, Attribution)> = None;
    let mut sentence_cues: FxMap<TextRange, Option<Cue>> = FxMap::default();
    for qi in 0..quotes.len() {
        if quotes[qi].is_term {
            continue;
        }
        let quote = quotes[qi].clone();
        let first = quote.first_paragraph;
        let mut attribution = None;
        for (paragraph, offset) in [
            (first, quote.range.start),
            (quote.last_paragraph, quote.range.end.saturating_sub(1)),
        ] {
            if attribution.is_none() {
                if let Some(sentence) = sentence_at(ctx.sentences, paragraph, offset) {
                    // Many quotations can share one long sentence: read its words once.
                    let cue = *sentence_cues.entry(sentence).or_insert_with(|| {
                        kept_sentence_cue(ctx, &mut memo.cues, paragraph, sentence, &all_ranges)
                    });
                    attribution = cue
                        .and_then(|cue| attribution_from(ctx, cue, quote.range.start, &all_ranges));
                }
            }
        }
        if attribution.is_none() {
            attribution = sentence_at(ctx.sentences, first, quote.range.start)
                .and_then(|sentence| colon_lead_in(ctx, sentence, quote.range.start));
        }
        if attribution.is_none() && !quote.closed {
            // An unclosed quotation runs to the end of its paragraph, so the attribution
            // the writer meant to put after it is inside: `“We will appeal, Ahmed said.`
            attribution = sentence_cue(ctx, quote.inner, &all_ranges, Some(quote.range))
                .and_then(|cue| attribution_from(ctx, cue, quote.range.start, &all_ranges))
                .filter(|found| found.entity.is_some());
        }
        if attribution.is_none() {
            if let Some(lead_in) = ctx
                .segments
                .paragraphs
                .get(first)
                .and_then(|p| p.lead_in)
                .and_then(|lead| lead_in_attribution.get(lead).cloned().flatten())
            {
                let sentence_start = sentence_at(ctx.sentences, first, quote.range.start)
                    .map_or(quote.range.start, |s| s.start);
                if sentence_start == quote.range.start
                    || ctx
                        .segments
                        .paragraphs
                        .get(first)
                        .is_some_and(|p| p.range.start == sentence_start)
                {
                    attribution = Some(Attribution {
                        kind: AttributionKind::LeadIn,
                        ..lead_in
                    });
                }
            }
        }
        if attribution.is_none() {
            // The same speaker goes on later in the paragraph.
            let earlier = latest_attributed
                .as_ref()
                .filter(|(paragraph, _)| *paragraph == first)
                .map(|(_, found)| found.clone());
            if let Some(earlier) = earlier {
                attribution = Some(Attribution {
                    kind: AttributionKind::SameParagraph,
                    ..earlier
                });
            }
        }
        if attribution.is_none() {
            let opens_paragraph = ctx
                .segments
                .paragraphs
                .get(first)
                .is_some_and(|p| p.range.start == quote.range.start);
            let previous = first
                .checked_sub(1)
                .and_then(|p| last_in_paragraph.get(p).copied().flatten())
                .and_then(|q| quotes.get(q))
                .and_then(|q| q.attribution.clone());
            if opens_paragraph {
                if let Some(previous) = previous {
                    attribution = Some(Attribution {
                        kind: AttributionKind::PreviousParagraph,
                        ..previous
                    });
                }
            }
        }
        if let Some(found) = &attribution {
            latest_attributed = Some((quote.last_paragraph, found.clone()));
        }
        quotes[qi].attribution = attribution;
        if let Some(slot) = last_in_paragraph.get_mut(quote.last_paragraph) {
            *slot = Some(qi);
        }
    }
}

/// The attribution of a quotation right after a colon in its own sentence, when a person
/// or organisation is named before the colon with words of their own: `Opposition leader
/// Kemi Adeyinka hit back: “…”`. The cue is what they did, between the name and the colon.
fn colon_lead_in(
    ctx: &AttributionContext<'_>,
    sentence: TextRange,
    quote_start: usize,
) -> Option<Attribution> {
    let prose = ctx.segments.prose.as_str();
    let lead = prose.get(sentence.start..quote_start)?.trim_end();
    let before_colon = lead.strip_suffix(':')?.trim_end();
    let colon = sentence.start + before_colon.len();
    // Mentions are sorted by start: find the last one before the colon by halving, not by
    // walking the draft's mentions for every quotation.
    let mentions = &ctx.mentions.mentions;
    let until = mentions.partition_point(|m| m.range.start < colon);
    let named = mentions
        .get(..until)?
        .iter()
        .rev()
        .take_while(|m| m.range.start >= sentence.start)
        .filter(|m| m.range.end <= colon)
        .find(|m| {
            ctx.mentions
                .entities
                .get(m.entity)
                .is_some_and(|e| e.kind != EntityKind::Place)
        })?;
    let doing = prose.get(named.range.end..colon)?;
    let cue_start = named.range.end + (doing.len() - doing.trim_start().len());
    (cue_start < colon).then(|| Attribution {
        kind: AttributionKind::Sentence,
        cue: TextRange::new(cue_start, colon),
        speaker: Some(named.range),
        entity: Some(named.entity),
        vague: false,
    })
}

/// The attribution of a paragraph that ends with a colon (`Greene wrote to parents:`).
fn lead_in_cue(
    ctx: &AttributionContext<'_>,
    paragraph: usize,
    quotes: &[TextRange],
) -> Option<Attribution> {
    let last_sentence = *ctx.sentences.get(paragraph)?.last()?;
    let text = ctx
        .segments
        .prose
        .get(last_sentence.start..last_sentence.end)?;
    if !text.trim_end().ends_with(':') {
        return None;
    }
    sentence_cue(ctx, last_sentence, quotes, None)
        .and_then(|cue| attribution_from(ctx, cue, last_sentence.end, quotes))
        .or_else(|| colon_lead_in(ctx, last_sentence, last_sentence.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::{segment, Format};

    fn quote_texts(text: &str) -> Vec<String> {
        let segments = segment(text, Format::Markdown);
        find_quotes(&segments, &mut QuotesMemo::default())
            .quotes
            .iter()
            .map(|q| text[q.range.start..q.range.end].to_string())
            .collect()
    }

    #[test]
    fn finds_each_kind_of_mark() {
        assert_eq!(
            quote_texts("“A b c d,” he said. ‘E f g h,’ she said. « I j » and „K l“ and \"M n\"."),
            vec!["“A b c d,”", "‘E f g h,’", "« I j »", "„K l“", "\"M n\""]
        );
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        assert_eq!(
            quote_texts("Kim Jong Un’s rock ’n’ roll in the ’90s, the Joneses’ car; don’t."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn nested_quotes_belong_to_the_outer_one() {
        assert_eq!(
            quote_texts("“He told me ‘Pay or leave,’ and left,” she said."),
            vec!["“He told me ‘Pay or leave,’ and left,”"]
        );
    }

    #[test]
    fn a_quote_left_open_continues_into_a_paragraph_that_opens_one() {
        let text = "“First part of it.\n\n“Second part of it.”\n\nAfter.";
        assert_eq!(
            quote_texts(text),
            vec!["“First part of it.\n\n“Second part of it.”"]
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end_of_its_paragraph() {
        let text = "“Nobody listened to us at all.\n\nNarrative follows.";
        assert_eq!(quote_texts(text), vec!["“Nobody listened to us at all."]);
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [NAMING_CUES.words(), SKIPPABLE.words(), DETERMINERS.words()] {
            assert!(crate::analysis::lexicon::is_sorted(list));
        }
    }
}
