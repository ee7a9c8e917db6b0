//! Drafts to prose: paragraphs, sentences and the mask that hides everything else.
//!
//! Markdown is parsed with pulldown-cmark. Front matter, code, HTML, link destinations,
//! reference definitions and table pipes are masked: `Segments::prose` is a copy of the
//! draft of the same byte length in which every non-prose byte is a space, so offsets into
//! it are offsets into the draft. Plain text keeps every byte and makes each non-blank line
//! a paragraph. Sentences are split later, once the quotations are known, because a
//! sentence runs through a quotation.

use super::lexicon::WordList;
use super::memo::{Edit, Key, Table, TextId, Texts};
use super::words::{word_ranges_into, Word};
use crate::text::TextRange;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Whether a draft is markdown or plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    PlainText,
}

/// What kind of block a paragraph comes from; headings are hovered but never judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

/// One paragraph of prose: a markdown leaf block, or a non-blank line of plain text.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// From the first to the last prose byte of the block.
    pub range: TextRange,
    pub kind: BlockKind,
    /// The memo's name for the paragraph's prose (see `memo::Texts`).
    pub text: TextId,
    /// The paragraph just before, when it ends with a colon and so introduces this one
    /// (a block quotation, a list); consecutive list items share the same lead-in.
    pub lead_in: Option<usize>,
    /// Where the paragraph's words are in `Segments::word_ranges`.
    pub words: std::ops::Range<usize>,
}

impl Paragraph {
    /// The memo key of a result computed from this paragraph's text and `ranges` in it.
    pub fn key<'a>(&self, ranges: &'a [&'a [TextRange]], flags: u64) -> Key<'a> {
        Key {
            text: self.text,
            base: self.range.start,
            ranges,
            flags,
        }
    }
}

/// The prose of a draft.
#[derive(Clone, Debug, Default)]
pub struct Segments {
    /// The draft with every non-prose byte replaced by a space; same length as the draft.
    pub prose: String,
    /// Paragraphs in document order.
    pub paragraphs: Vec<Paragraph>,
    /// The visible text of every hyperlink (a link is a source for a figure).
    pub links: Vec<TextRange>,
    /// HTML comments in markdown, and whole lines in plain text, where suppressions live.
    pub comments: Vec<TextRange>,
    /// Every word of the paragraphs, in order, tokenised once for all stages.
    pub word_ranges: Vec<TextRange>,
}

impl Segments {
    /// The ranges of the words lying wholly inside `range`, in order.
    pub fn word_ranges_in(&self, range: TextRange) -> &[TextRange] {
        range.covered(&self.word_ranges, |word| *word)
    }

    /// The words lying wholly inside `range`, in order.
    pub fn words(&self, range: TextRange) -> Vec<Word<'_>> {
        let mut words = Vec::new();
        self.words_into(range, &mut words);
        words
    }

    /// `words`, into a buffer a caller reuses (cleared first).
    pub fn words_into<'a>(&'a self, range: TextRange, out: &mut Vec<Word<'a>>) {
        self.words_of_into(self.word_ranges_in(range), out);
    }

    /// The words inside `range` that overlap none of `quotes` (sorted), in order.
    pub fn words_outside<'a: 'q, 'q>(
        &'a self,
        range: TextRange,
        quotes: &'q [TextRange],
    ) -> impl Iterator<Item = Word<'a>> + 'q {
        self.word_ranges_in(range)
            .iter()
            // Quotations are sorted: look up the few near each word, not all of them.
            .filter(|word| !word.within(quotes).iter().any(|q| q.overlaps(**word)))
            .filter_map(|&range| {
                self.prose
                    .get(range.start..range.end)
                    .map(|text| Word { range, text })
            })
    }

    /// A paragraph's words, into a buffer a caller reuses (cleared first): found by index,
    /// not searched for.
    pub fn paragraph_words_into<'a>(&'a self, paragraph: &Paragraph, out: &mut Vec<Word<'a>>) {
        let ranges = self.word_ranges.get(paragraph.words.clone()).unwrap_or(&[]);
        self.words_of_into(ranges, out);
    }

    fn words_of_into<'a>(&'a self, ranges: &[TextRange], out: &mut Vec<Word<'a>>) {
        out.clear();
        out.reserve(ranges.len());
        out.extend(ranges.iter().filter_map(|w| {
            self.prose
                .get(w.start..w.end)
                .map(|text| Word { range: *w, text })
        }));
    }
}

/// Splits `text` into prose paragraphs.
pub fn segment(text: &str, format: Format) -> Segments {
    segment_with(
        text,
        format,
        &mut MarkdownMemo::one_shot(),
        &mut Texts::one_shot(),
        &mut Table::one_shot(),
    )
}

/// `segment`, reusing the last markdown parse when `markdown` holds one the edit leaves
/// intact, naming each paragraph's text in `texts` and tokenising only the paragraphs whose
/// words `memo` does not hold.
pub fn segment_with(
    text: &str,
    format: Format,
    markdown: &mut MarkdownMemo,
    texts: &mut Texts,
    memo: &mut Table<Vec<TextRange>>,
) -> Segments {
    let mut segments = match format {
        Format::Markdown => markdown.parse(text),
        Format::PlainText => {
            markdown.last = None;
            segment_plain(text)
        }
    };
    link_lead_ins(&mut segments);
    // Words never cross a paragraph's edge (prose outside paragraphs is masked or a line
    // break), so the draft's words are its paragraphs' words.
    let prose = segments.prose.as_str();
    // About one word in six bytes of prose: enough that the list rarely grows.
    let mut all_words = Vec::with_capacity(prose.len() / 6);
    for paragraph in &mut segments.paragraphs {
        let base = paragraph.range.start;
        paragraph.text = texts.id(prose.get(base..paragraph.range.end).unwrap_or(""));
        let first = all_words.len();
        memo.extend_ranges_or(&paragraph.key(&[], 0), &mut all_words, |out| {
            word_ranges_into(prose, paragraph.range, out);
        });
        paragraph.words = first..all_words.len();
    }
    segments.word_ranges = all_words;
    segments
}

/// A draft's last markdown parse. Parsing is a fifth of a keystroke on a long draft, and a
/// keystroke inside a paragraph of plain words cannot change the draft's blocks, so such an
/// edit is applied to the last parse instead.
pub struct MarkdownMemo {
    /// The text last parsed and its segments (without words, text ids or lead-ins).
    last: Option<(String, Segments)>,
    keep: bool,
}

impl Default for MarkdownMemo {
    fn default() -> Self {
        MarkdownMemo {
            last: None,
            keep: true,
        }
    }
}

impl MarkdownMemo {
    /// For a one-off analysis: keeps nothing.
    pub fn one_shot() -> Self {
        MarkdownMemo {
            last: None,
            keep: false,
        }
    }

    fn parse(&mut self, text: &str) -> Segments {
        if !self.keep {
            return segment_markdown(text);
        }
        let segments = self
            .last
            .as_ref()
            .and_then(|(old_text, old)| edited(old_text, old, text))
            .unwrap_or_else(|| segment_markdown(text));
        self.last = Some((text.to_string(), segments.clone()));
        segments
    }
}

/// A byte that cannot start, end or change any markdown construct in the middle of a line
/// that opens no block: no emphasis, code, link, HTML, entity, escape, table pipe,
/// strikethrough, footnote, heading mark, block quote or control character.
fn is_inert(byte: u8) -> bool {
    byte >= 0x20
        && !matches!(
            byte,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'&'
                | b'!'
                | b'|'
                | b'~'
                | b'^'
                | b'#'
                | 0x7f
        )
}

/// The segments of `new`, derived from `old`'s segments of `old_text`, when the edit between
/// the texts lies on one line of one paragraph whose lines hold only inert bytes, away from
/// the line's start: then the draft's blocks are what they were, and only that paragraph's
/// prose changed. `None` asks for a full parse.
fn edited(old_text: &str, old: &Segments, new: &str) -> Option<Segments> {
    let edit = Edit::between(old_text, new);
    let bytes = old_text.as_bytes();
    let idx = old
        .paragraphs
        .partition_point(|p| p.range.start < edit.start)
        .checked_sub(1)?;
    let paragraph = old.paragraphs.get(idx)?;
    let line_end = bytes
        .get(paragraph.range.end..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map_or(bytes.len(), |at| paragraph.range.end + at);
    if edit.old_end > line_end
        || old
            .paragraphs
            .get(idx + 1)
            .is_some_and(|next| next.range.start <= line_end)
    {
        return None;
    }
    let lines = bytes.get(paragraph.range.start..line_end)?;
    let inserted = new.as_bytes().get(edit.start..edit.new_end)?;
    let deleted = bytes.get(edit.start..edit.old_end)?;
    if !lines.iter().all(|&b| b == b'\n' || is_inert(b))
        || !inserted.iter().copied().all(is_inert)
        || deleted.contains(&b'\n')
    {
        return None;
    }
    // The edited line must begin, before the edit, with a byte that starts no block (a list
    // number, a rule, an underline): then what the line is does not change.
    let before = bytes.get(paragraph.range.start..edit.start)?;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |at| at + 1);
    let first = before.get(line_start..)?.iter().find(|&&b| b != b' ')?;
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'=') {
        return None;
    }

    let delta = edit.new_end as isize - edit.old_end as isize;
    let moved = |range: TextRange| -> Option<TextRange> {
        if range.start >= edit.old_end {
            Some(TextRange::new(
                range.start.checked_add_signed(delta)?,
                range.end.checked_add_signed(delta)?,
            ))
        } else {
            (range.end <= edit.start).then_some(range)
        }
    };
    // The window widened to whole characters (the texts agree outside it, so a boundary in
    // one is a boundary in the other), so the new prose is joined from string slices.
    let mut start = edit.start;
    while !new.is_char_boundary(start) {
        start -= 1;
    }
    let mut tail = 0;
    while !old_text.is_char_boundary(edit.old_end + tail) {
        tail += 1;
    }
    let mut prose = String::with_capacity(new.len());
    prose.push_str(old.prose.get(..start)?);
    prose.push_str(new.get(start..edit.new_end + tail)?);
    prose.push_str(old.prose.get(edit.old_end + tail..)?);

    let mut segments = Segments {
        prose,
        paragraphs: Vec::with_capacity(old.paragraphs.len()),
        links: old.links.iter().map(|&r| moved(r)).collect::<Option<_>>()?,
        comments: old
            .comments
            .iter()
            .map(|&r| moved(r))
            .collect::<Option<_>>()?,
        word_ranges: Vec::new(),
    };
    let (before, after) = old.paragraphs.split_at(idx);
    segments.paragraphs.extend_from_slice(before);
    for p in after {
        let range = if p.range.start == paragraph.range.start {
            // Text typed after the paragraph's end on its line joins it; trailing spaces do not.
            let end = if edit.old_end > p.range.end {
                edit.new_end
            } else {
                p.range.end.checked_add_signed(delta)?
            };
            let trailing = segments
                .prose
                .as_bytes()
                .get(p.range.start..end)?
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            TextRange::new(p.range.start, end - trailing)
        } else {
            moved(p.range)?
        };
        segments.paragraphs.push(Paragraph { range, ..p.clone() });
    }
    Some(segments)
}

fn segment_plain(text: &str) -> Segments {
    let mut paragraphs = Vec::new();
    let mut comments = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        let content = line.trim_end_matches(['\n', '\r']);
        let leading = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.starts_with("copydesk:") {
            // A suppression line is an instruction to copydesk, not prose.
            comments.push(TextRange::new(
                line_start + leading,
                line_start + leading + trimmed.len(),
            ));
        } else if !trimmed.is_empty() {
            let range = TextRange::new(line_start + leading, line_start + leading + trimmed.len());
            paragraphs.push(Paragraph {
                text: 0,
                range,
                kind: BlockKind::Paragraph,
                lead_in: None,
                words: 0..0,
            });
        }
        line_start += line.len();
    }
    Segments {
        prose: text.to_string(),
        paragraphs,
        links: Vec::new(),
        comments,
        word_ranges: Vec::new(),
    }
}

/// A leaf block under construction: the index of its tag on the container stack, its kind,
/// and the prose seen so far.
struct OpenBlock {
    depth: usize,
    kind: BlockKind,
    range: Option<TextRange>,
}

fn segment_markdown(text: &str) -> Segments {
    let mut prose = vec![b' '; text.len()];
    let mut paragraphs = Vec::new();
    let mut links = Vec::new();
    let mut comments = Vec::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    // Each entry is Some(kind) for a tag that holds prose directly, None for any other tag.
    let mut stack: Vec<Option<BlockKind>> = Vec::new();
    let mut hidden_depth = 0usize;
    let mut open: Option<OpenBlock> = None;
    // Visible text start of each open link, and whether it is an autolink (a bare URL).
    let mut link_starts: Vec<(usize, bool)> = Vec::new();
    let mut last_prose_end = 0usize;

    let flush = |open: &mut Option<OpenBlock>, paragraphs: &mut Vec<Paragraph>| {
        if let Some(block) = open.take() {
            if let Some(range) = block.range {
                paragraphs.push(Paragraph {
                    text: 0,
                    range,
                    kind: block.kind,
                    lead_in: None,
                    words: 0..0,
                });
            }
        }
    };

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let kind = match &tag {
                    Tag::Paragraph => Some(BlockKind::Paragraph),
                    Tag::Heading { .. } => Some(BlockKind::Heading),
                    Tag::Item => Some(BlockKind::ListItem),
                    Tag::TableCell => Some(BlockKind::TableCell),
                    _ => None,
                };
                if matches!(
                    tag,
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock | Tag::Image { .. }
                ) {
                    hidden_depth += 1;
                }
                if let Tag::Link { link_type, .. } = &tag {
                    let bare = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    if bare {
                        hidden_depth += 1;
                    }
                    link_starts.push((range.start + 1, bare));
                }
                if kind.is_some() {
                    // A nested block ends the prose of the one around it.
                    flush(&mut open, &mut paragraphs);
                }
                stack.push(kind);
            }
            Event::End(tag_end) => {
                if matches!(
                    tag_end,
                    TagEnd::CodeBlock
                        | TagEnd::MetadataBlock(_)
                        | TagEnd::HtmlBlock
                        | TagEnd::Image
                ) {
                    hidden_depth = hidden_depth.saturating_sub(1);
                }
                if let TagEnd::Link = tag_end {
                    if let Some((start, bare)) = link_starts.pop() {
                        if bare {
                            hidden_depth = hidden_depth.saturating_sub(1);
                        }
                        links.push(TextRange::new(start, last_prose_end.max(start)));
                    }
                }
                let depth = stack.len().saturating_sub(1);
                if let Some(Some(_)) = stack.pop() {
                    if open.as_ref().is_some_and(|block| block.depth == depth) {
                        flush(&mut open, &mut paragraphs);
                    }
                }
            }
            Event::Text(_) if hidden_depth == 0 => {
                let Some((depth, kind)) = innermost_block(&stack) else {
                    continue;
                };
                if !(text.is_char_boundary(range.start) && text.is_char_boundary(range.end)) {
                    continue;
                }
                if let Some(dest) = prose.get_mut(range.clone()) {
                    if let Some(src) = text.as_bytes().get(range.clone()) {
                        dest.copy_from_slice(src);
                    }
                }
                last_prose_end = range.end;
                let span = TextRange::new(range.start, range.end);
                match &mut open {
                    Some(block) if block.depth == depth => {
                        block.range = Some(match block.range {
                            Some(prev) => TextRange::new(prev.start, span.end),
                            None => span,
                        });
                    }
                    _ => {
                        flush(&mut open, &mut paragraphs);
                        open = Some(OpenBlock {
                            depth,
                            kind,
                            range: Some(span),
                        });
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html)
                if html.trim_start().starts_with("<!--") =>
            {
                comments.push(TextRange::new(range.start, range.end));
            }
            _ => {}
        }
    }
    flush(&mut open, &mut paragraphs);
    trim_paragraphs(&prose, &mut paragraphs);
    let prose = String::from_utf8(prose).unwrap_or_else(|_| " ".repeat(text.len()));
    Segments {
        prose,
        paragraphs,
        links,
        comments,
        word_ranges: Vec::new(),
    }
}

fn innermost_block(stack: &[Option<BlockKind>]) -> Option<(usize, BlockKind)> {
    stack
        .iter()
        .enumerate()
        .rev()
        .find_map(|(depth, kind)| kind.map(|kind| (depth, kind)))
}

/// Drops whitespace at either end of each paragraph, and paragraphs that hold none.
fn trim_paragraphs(prose: &[u8], paragraphs: &mut Vec<Paragraph>) {
    for paragraph in paragraphs.iter_mut() {
        let mut start = paragraph.range.start;
        let mut end = paragraph.range.end.min(prose.len());
        while start < end && prose.get(start).is_some_and(u8::is_ascii_whitespace) {
            start += 1;
        }
        while end > start && prose.get(end - 1).is_some_and(u8::is_ascii_whitespace) {
            end -= 1;
        }
        paragraph.range = TextRange::new(start, end);
    }
    paragraphs.retain(|paragraph| !paragraph.range.is_empty());
}

fn link_lead_ins(segments: &mut Segments) {
    let prose = segments.prose.as_str();
    for idx in 1..segments.paragraphs.len() {
        let previous = &segments.paragraphs[idx - 1];
        let previous_text = prose
            .get(previous.range.start..previous.range.end)
            .unwrap_or("");
        let lead_in =
            if previous_text.trim_end().ends_with(':') && previous.kind != BlockKind::Heading {
                Some(idx - 1)
            } else if matches!(
                segments.paragraphs[idx].kind,
                BlockKind::ListItem | BlockKind::TableCell
            ) && previous.kind == segments.paragraphs[idx].kind
            {
                // A list's items, or a table's cells, all follow the lead-in before them.
                previous.lead_in
            } else {
                None
            };
        segments.paragraphs[idx].lead_in = lead_in;
    }
}

/// The sentences of every paragraph, given the outermost quotations sorted by start; `memo`
/// keeps each paragraph's sentences between analyses of a draft.
pub fn sentences(
    segments: &Segments,
    quotes: &[TextRange],
    memo: &mut Table<Vec<TextRange>>,
) -> Sentences {
    let prose = segments.prose.as_str();
    let mut sentences = Sentences::default();
    sentences.ends.reserve(segments.paragraphs.len());
    for p in &segments.paragraphs {
        let inside = [p.range.within(quotes)];
        memo.extend_ranges_or(&p.key(&inside, 0), &mut sentences.ranges, |out| {
            split_sentences_into(prose, p.range, quotes, out);
        });
        sentences.ends.push(sentences.ranges.len());
    }
    sentences
}

/// The sentences of every paragraph, in one list: `get(paragraph)` gives one paragraph's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentences {
    ranges: Vec<TextRange>,
    /// Where each paragraph's sentences end in `ranges`.
    ends: Vec<usize>,
}

impl Sentences {
    /// One list per paragraph, in order.
    #[cfg(test)]
    pub fn from_lists(lists: &[Vec<TextRange>]) -> Self {
        let mut sentences = Sentences::default();
        for list in lists {
            sentences.ranges.extend_from_slice(list);
            sentences.ends.push(sentences.ranges.len());
        }
        sentences
    }

    /// The sentences of paragraph `idx`.
    pub fn get(&self, idx: usize) -> Option<&[TextRange]> {
        let end = *self.ends.get(idx)?;
        let start = idx
            .checked_sub(1)
            .and_then(|before| self.ends.get(before))
            .copied()
            .unwrap_or(0);
        self.ranges.get(start..end)
    }
}

/// Abbreviations whose full stop does not end a sentence.
static ABBREVIATIONS: WordList = WordList::new(&[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Cmdr",
    "Sgt", "Adm", "Maj", "Supt", "Insp", "Det", "Rev", "Fr", "St", "Mt", "Ft", "Jr", "Sr", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Corp",
    "Ltd", "Co", "Bros", "No", "Nos", "vs", "v", "approx", "Ave", "Blvd", "Rd", "Dept", "Univ",
    "Pres", "Rt", "Hon", "Gov't", "cf", "ca", "e.g", "i.e", "Vol", "pp", "p",
]);

/// `split_sentences_into` a new list.
#[cfg(test)]
pub fn split_sentences(prose: &str, paragraph: TextRange, quotes: &[TextRange]) -> Vec<TextRange> {
    let mut sentences = Vec::new();
    split_sentences_into(prose, paragraph, quotes, &mut sentences);
    sentences
}

/// Splits a paragraph into sentences, appended to `sentences`. A sentence ends at `.`, `!`
/// or `?` followed by space and a capital, digit, opening quote or the paragraph's end, but
/// not after an abbreviation or an initial. Inside a quotation (`quotes`, outermost spans
/// sorted by start) no sentence ends; one that ends with the quotation's closing mark ends
/// there.
fn split_sentences_into(
    prose: &str,
    paragraph: TextRange,
    quotes: &[TextRange],
    sentences: &mut Vec<TextRange>,
) {
    let first = sentences.len();
    let Some(text) = prose.get(paragraph.start..paragraph.end) else {
        sentences.push(paragraph);
        return;
    };
    let base = paragraph.start;
    let bytes = text.as_bytes();
    let mut sentence_start = 0usize;
    let mut quote_idx = quotes.partition_point(|quote| quote.end <= base);
    let mut at = 0usize;
    while at < text.len() {
        while quotes
            .get(quote_idx)
            .is_some_and(|quote| quote.end <= base + at)
        {
            quote_idx += 1;
        }
        // The next quotation to jump over: one that opens here or later and closes inside
        // the paragraph. Terminal punctuation is only looked for up to its opening mark.
        let jump = quotes
            .get(quote_idx)
            .filter(|quote| quote.start >= base + at && quote.end <= paragraph.end);
        let stop = jump.map_or(text.len(), |quote| quote.start - base);
        let terminal = bytes
            .get(at..stop)
            .and_then(|window| memchr::memchr3(b'.', b'!', b'?', window));
        let Some(found) = terminal else {
            let Some(quote) = jump else {
                break;
            };
            // Jump over the quotation, ending the sentence at its closing mark when it ends one.
            let inner_end = quote.end - base;
            let closing_len = text
                .get(..inner_end)
                .and_then(|before| before.chars().next_back())
                .map_or(0, char::len_utf8);
            let before_close = text
                .get(..inner_end - closing_len)
                .and_then(|before| before.trim_end().chars().next_back());
            if matches!(before_close, Some('.' | '!' | '?'))
                && starts_new_sentence(text.get(inner_end..).unwrap_or(""))
            {
                sentences.push(TextRange::new(base + sentence_start, base + inner_end));
                sentence_start = inner_end;
            }
            at = inner_end.max(at + 1);
            continue;
        };
        let idx = at + found;
        // Runs of terminal punctuation and closing brackets stay with the sentence.
        let mut end = idx + 1;
        while bytes
            .get(end)
            .is_some_and(|byte| matches!(byte, b'.' | b'!' | b'?' | b')' | b']'))
        {
            end += 1;
        }
        at = end;
        let rest = text.get(end..).unwrap_or("");
        if bytes.get(idx) == Some(&b'.') && is_abbreviation(text.get(..idx).unwrap_or(""), rest) {
            continue;
        }
        if starts_new_sentence(rest) {
            sentences.push(TextRange::new(base + sentence_start, base + end));
            sentence_start = end;
        }
    }
    if sentence_start < text.len() {
        sentences.push(TextRange::new(base + sentence_start, paragraph.end));
    }
    // Trim each new sentence's leading spaces and drop those left empty, in place.
    let mut kept = first;
    for idx in first..sentences.len() {
        let Some(&sentence) = sentences.get(idx) else {
            break;
        };
        let slice = prose.get(sentence.start..sentence.end).unwrap_or("");
        let trimmed = TextRange::new(
            sentence.start + slice.len() - slice.trim_start().len(),
            sentence.end,
        );
        if !trimmed.is_empty() {
            if let Some(slot) = sentences.get_mut(kept) {
                *slot = trimmed;
            }
            kept += 1;
        }
    }
    sentences.truncate(kept);
}

/// True when `rest` (the text after a full stop) begins a new sentence: whitespace, then a
/// capital, a digit, an opening mark, or nothing.
fn starts_new_sentence(rest: &str) -> bool {
    let trimmed = rest.trim_start();
    if trimmed.is_empty() {
        return true;
    }
    if trimmed.len() == rest.len() {
        return false;
    }
    trimmed.chars().next().is_some_and(|first| {
        first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(
                first,
                '“' | '"' | '‘' | '\'' | '«' | '„' | '(' | '[' | '*' | '_'
            )
    })
}

/// True when the text before `at` ends with a full stop, question mark or exclamation mark
/// (then spaces) that ends a sentence by the rules above, whether or not the splitter saw it:
/// inside a quotation it does not split, but `“We must survive. Those are …”` still opens
/// a sentence at `Those`.
pub fn follows_sentence_end(prose: &str, at: usize) -> bool {
    let Some(before) = prose.get(..at) else {
        return false;
    };
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return false;
    }
    let body = trimmed.trim_end_matches(['.', '!', '?']);
    let Some(mark) = trimmed.as_bytes().get(body.len()) else {
        return false;
    };
    *mark != b'.' || !is_abbreviation(body, prose.get(trimmed.len()..).unwrap_or(""))
}

/// True when the full stop after `before` belongs to an abbreviation or an initial.
fn is_abbreviation(before: &str, rest: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '.' || ch == '\''))
        .map_or(0, |(idx, ch)| idx + ch.len_utf8());
    let word = before.get(word_start..).unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let next_is_capital = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if word.contains('.') {
        // Times end sentences when a capital follows; acronyms such as U.S. do not.
        let lower = word.to_ascii_lowercase();
        return !(matches!(lower.as_str(), "a.m" | "p.m") && next_is_capital);
    }
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        return first.is_uppercase();
    }
    ABBREVIATIONS.has(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of the whole prose, outside suppression comments: what tokenising the
    /// paragraphs one by one must give.
    fn whole_prose_words(segments: &Segments) -> Vec<TextRange> {
        use super::super::words::word_ranges;
        word_ranges(&segments.prose, TextRange::new(0, segments.prose.len()))
            .into_iter()
            .filter(|range| !segments.comments.iter().any(|c| c.overlaps(*range)))
            .collect()
    }

    fn shape(segments: &Segments) -> String {
        let paragraphs: Vec<_> = segments
            .paragraphs
            .iter()
            .map(|p| (p.range, p.kind))
            .collect();
        format!(
            "{:?} {paragraphs:?} {:?} {:?}",
            segments.prose, segments.links, segments.comments
        )
    }

    #[test]
    fn an_edit_inside_a_plain_paragraph_reuses_the_last_parse() {
        let draft = "# Harbour vote\n\nThe council voted 7-2 on Tuesday.\nMayor Ana Ruiz \nsaid it was a “fair deal”.\n\n- Ferries run hourly\n- See [the plan](http://x.org) <!-- note -->\n\nThe port said 1986 was worse.\n";
        // (what replaces "Tuesday", whether the last parse can be reused)
        let cases = [
            ("Tuesdays", true),
            ("Tue", true),
            ("Tuesday morning, after a long debate", true),
            ("Wednesday – late", true),
            ("*Tuesday*", false),
            ("`Tuesday`", false),
            ("[Tuesday]", false),
            ("Tuesday &amp; Wednesday", false),
            ("Tuesday\n\nNew paragraph", false),
            ("Tuesday\n- list", false),
        ];
        // Whether the last parse was reused for `after`; when it was, it must equal a fresh one.
        let reuses = |after: &str| {
            let old = segment_markdown(draft);
            let incremental = edited(draft, &old, after);
            if let Some(incremental) = &incremental {
                assert_eq!(
                    shape(incremental),
                    shape(&segment_markdown(after)),
                    "{after}"
                );
            }
            incremental.is_some()
        };
        for (replacement, reused) in cases {
            let after = draft.replacen("Tuesday", replacement, 1);
            assert_eq!(reuses(&after), reused, "{replacement:?}");
        }
        // Appending to a paragraph, deleting into the spaces after its end, editing a heading.
        let edits = [
            draft.replacen("Ruiz \n", "Ruiz x\n", 1),
            draft.replacen("deal”.", "deal”. It passed", 1),
            draft.replacen("deal”.", "deal", 1),
            draft.replacen("hourly", "hourly until May", 1),
            draft.replacen("worse.\n", "worse.  \n", 1),
            draft.replacen("Harbour", "Harbor", 1),
            // The texts differ inside a character: ” and “ share their first two bytes.
            draft.replacen("deal”", "deal“", 1),
        ];
        for after in edits {
            assert!(reuses(&after), "{after}");
        }
        // Edits that could change a block, or land beside a link or comment: parsed again.
        let parsed_again = [
            draft.replacen("Mayor", "1. Mayor", 1),
            draft.replacen("\nsaid", "\n1986. said", 1),
            draft.replacen("The port said 1986", "1986. The port", 1),
            draft.replacen("The port said 1986", "1986", 1),
            draft.replacen("See [the", "See also [the", 1),
            draft.replacen("council", "council\t", 1),
        ];
        for after in parsed_again {
            assert!(!reuses(&after), "{after}");
        }
    }

    /// Random small edits of plain and markdown characters all over drafts with every kind of
    /// block: whenever the last parse is reused, it must equal a fresh parse.
    #[test]
    fn a_reused_parse_equals_a_fresh_one() {
        let drafts = [
            include_str!("../../examples/harbour-bridge.md"),
            include_str!("../../tests/drafts/clean.md"),
            "---\ntitle: x\n---\nIntro line\n===\n\n> Quoted words\n> more\n\n1. One item\n   continued\n2. Two\n\n| a | b |\n|---|---|\n| c | d |\n\n    code block\n\nEnd with  \nhard break and 1986\nand foo-\nbar\n",
        ];
        let pieces = [
            "a", " ", "x y", "-", "=", "1", "1.", "*", "`", "\n", "\n\n", "#", "—", "é", "  ", "|",
        ];
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        let mut reused = 0;
        for draft in drafts {
            let mut text = draft.to_string();
            let mut last = segment_markdown(&text);
            for _ in 0..600 {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut after = text.clone();
                if next(3) == 0 {
                    let mut end = (at + next(4)).min(after.len());
                    while !after.is_char_boundary(end) {
                        end -= 1;
                    }
                    after.replace_range(at..end, "");
                } else {
                    after.insert_str(at, pieces[next(pieces.len())]);
                }
                let fresh = segment_markdown(&after);
                if let Some(incremental) = edited(&text, &last, &after) {
                    reused += 1;
                    assert_eq!(shape(&incremental), shape(&fresh), "{text:?} -> {after:?}");
                }
                (text, last) = (after, fresh);
            }
        }
        assert!(reused > 80, "reused {reused}");
    }

    #[test]
    fn sentences_are_kept_per_paragraph_in_one_list() {
        let lists = vec![
            vec![TextRange::new(0, 5), TextRange::new(6, 9)],
            vec![],
            vec![TextRange::new(11, 20)],
        ];
        let sentences = Sentences::from_lists(&lists);
        for (idx, list) in lists.iter().enumerate() {
            assert_eq!(sentences.get(idx), Some(list.as_slice()));
        }
        assert_eq!(sentences.get(3), None);
    }

    #[test]
    fn paragraph_words_are_the_drafts_words() {
        let drafts = [
            "---\ntitle: x\n---\n# Budget vote\n\nThe council’s U.S.-style plan cost $4.5m.\nIt passed.\n\n- one item\n- two: items\n\n| a | b |\n|---|---|\n| Kyiv | 12 |\n",
            "Text with <span>inline html</span> and [a link](http://x.y/z) and `code`.\n\n```\nfenced code\n```\n> quoted words\n\n<!-- copydesk: ignore unsourced-figure -->\nAfter.",
            "word\u{301} café naïve — dash–words ‘quoted’ Joneses’ ’90s\n\n\n   indented line\r\nnext",
        ];
        for text in drafts {
            for format in [Format::Markdown, Format::PlainText] {
                let segments = segment(text, format);
                assert_eq!(
                    segments.word_ranges,
                    whole_prose_words(&segments),
                    "{text:?}"
                );
                for paragraph in &segments.paragraphs {
                    assert_eq!(
                        segments.word_ranges.get(paragraph.words.clone()),
                        Some(segments.word_ranges_in(paragraph.range)),
                        "{text:?}"
                    );
                }
            }
        }
        let plain = "First line.\ncopydesk: ignore-file unsourced-figure\nLast line.";
        let segments = segment(plain, Format::PlainText);
        assert_eq!(segments.word_ranges, whole_prose_words(&segments));
        assert_eq!(segments.word_ranges.len(), 4);
    }

    fn sentences(text: &str) -> Vec<&str> {
        let segments = segment(text, Format::PlainText);
        segments
            .paragraphs
            .iter()
            .flat_map(|p| split_sentences(&segments.prose, p.range, &[]))
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        assert_eq!(
            sentences("U.S. Sen. Mary Cole met Dr. J.R. Hart on Jan. 5. Aid rose to $1.5 billion. It fell."),
            vec![
                "U.S. Sen. Mary Cole met Dr. J.R. Hart on Jan. 5.",
                "Aid rose to $1.5 billion.",
                "It fell."
            ]
        );
    }

    #[test]
    fn times_end_a_sentence_before_a_capital() {
        assert_eq!(
            sentences("The vote is at 7 p.m. The board meets first."),
            vec!["The vote is at 7 p.m.", "The board meets first."]
        );
    }

    #[test]
    fn quotation_ending_a_sentence_ends_it_at_the_closing_mark() {
        let text = "He said “We are done. Truly.” Then he left.";
        let segments = segment(text, Format::PlainText);
        let open = text.find('“').unwrap_or(0);
        let close = text.find('”').map_or(0, |i| i + '”'.len_utf8());
        let got: Vec<&str> = split_sentences(
            &segments.prose,
            segments.paragraphs[0].range,
            &[TextRange::new(open, close)],
        )
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
        assert_eq!(got, vec!["He said “We are done. Truly.”", "Then he left."]);
    }

    #[test]
    fn markdown_masks_code_links_front_matter_and_comments() {
        let text = "---\ntitle: \"x\"\n---\n\n# Heading\n\nSee `code 42` and [the report](http://x.org/2024/5).\n\n<!-- note -->\n\n```\nfenced 7\n```\n";
        let segments = segment(text, Format::Markdown);
        assert_eq!(segments.prose.len(), text.len());
        assert!(!segments.prose.contains("title"));
        assert!(!segments.prose.contains("42"));
        assert!(!segments.prose.contains("2024"));
        assert!(!segments.prose.contains("fenced"));
        assert!(segments.prose.contains("the report"));
        let kinds: Vec<BlockKind> = segments.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, vec![BlockKind::Heading, BlockKind::Paragraph]);
        assert_eq!(segments.links.len(), 1);
        assert_eq!(
            &text[segments.links[0].start..segments.links[0].end],
            "the report"
        );
        assert_eq!(segments.comments.len(), 1);
    }

    #[test]
    fn list_items_and_block_quotes_are_paragraphs_with_lead_ins() {
        let text = "The council said:\n\n- one item\n- two item\n\n> A quoted line.\n";
        let segments = segment(text, Format::Markdown);
        let got: Vec<(&str, Option<usize>)> = segments
            .paragraphs
            .iter()
            .map(|p| (&text[p.range.start..p.range.end], p.lead_in))
            .collect();
        assert_eq!(
            got,
            vec![
                ("The council said:", None),
                ("one item", Some(0)),
                ("two item", Some(0)),
                ("A quoted line.", None)
            ]
        );
    }
}
