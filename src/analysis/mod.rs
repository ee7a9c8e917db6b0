//! The product: a pure, synchronous, total analysis of one draft.
//!
//! `analyze` takes a `Source` and a `Config` and returns every finding plus what the
//! editor features read (quotations, figures, entities). It does no I/O, holds no global
//! mutable state, never fails and never panics: broken markdown, unbalanced quotes and empty
//! drafts are normal input. Findings are sorted by (start, rule id).

pub mod config;
pub mod entities;
pub mod figures;
pub mod hash;
pub mod lexicon;
pub mod memo;
pub mod quotes;
pub mod rules;
pub mod segment;
pub mod suppress;
pub mod words;

pub use config::{Config, HouseSpelling, Severity};
pub use entities::{Entity, EntityKind, Mention, Mentions};
pub use figures::{Figure, FigureKind};
pub use quotes::{Attribution, AttributionKind, Quotations, Quote};
pub use segment::Format;

use crate::text::{Source, TextRange};

/// A secondary location for a finding (the first reference a name conflicts with).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}

/// One problem in a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (`unattributed-quote`); set by the rule runner.
    pub rule: &'static str,
    pub severity: Severity,
    pub range: TextRange,
    /// One line in newsroom words, no trailing full stop.
    pub message: String,
    pub related: Vec<Related>,
    /// Text that would fix the finding in place of `range`, when there is one.
    pub replacement: Option<String>,
}

impl Finding {
    /// A finding for a rule to push; the runner fills in the rule id and severity.
    pub fn new(range: TextRange, message: String) -> Self {
        Finding {
            rule: "",
            severity: Severity::Warning,
            range,
            message,
            related: Vec::new(),
            replacement: None,
        }
    }
}

/// Everything copydesk knows about one draft.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Sorted by (start, rule id).
    pub findings: Vec<Finding>,
    /// Outermost quotations in document order.
    pub quotes: Vec<Quote>,
    /// Figures in document order.
    pub figures: Vec<Figure>,
    pub mentions: Mentions,
    /// Suppression comments that silenced nothing or name unknown rules.
    pub suppression_notes: Vec<Finding>,
}

/// What the draft has of one entity: its mentions and the quotations attributed to it, in
/// draft order.
#[derive(Default)]
pub struct CastMember<'a> {
    pub mentions: Vec<&'a Mention>,
    pub quotes: Vec<&'a Quote>,
}

impl Analysis {
    /// Every entity's `CastMember`, by entity index, gathered in one pass: filtering the
    /// mentions per entity would be quadratic on a long draft.
    pub fn cast(&self) -> Vec<CastMember<'_>> {
        let mut cast: Vec<CastMember<'_>> = Vec::new();
        cast.resize_with(self.mentions.entities.len(), CastMember::default);
        for mention in &self.mentions.mentions {
            if let Some(member) = cast.get_mut(mention.entity) {
                member.mentions.push(mention);
            }
        }
        for quote in &self.quotes {
            let entity = quote.attribution.as_ref().and_then(|a| a.entity);
            if let Some(member) = entity.and_then(|idx| cast.get_mut(idx)) {
                member.quotes.push(quote);
            }
        }
        cast
    }
}

/// Drafts at least this long analyse names and figures on two threads (about 2,500 words)
/// when there is no memo to answer from.
const PARALLEL_FROM_BYTES: usize = 16 * 1024;

/// Paragraph-local results kept between analyses of one draft (see `memo`). Keep one per
/// open draft and pass it to `analyze_with`; it forgets everything when the config changes.
#[derive(Default)]
pub struct Memo {
    config: Option<Config>,
    markdown: segment::MarkdownMemo,
    texts: memo::Texts,
    quotes: quotes::QuotesMemo,
    /// Each paragraph's words and sentences.
    words: memo::Table<Vec<TextRange>>,
    sentences: memo::Table<Vec<TextRange>>,
    names: entities::NamesMemo,
    figures: figures::FiguresMemo,
}

impl Memo {
    /// A memo for one analysis only: it keeps nothing, so it costs nothing.
    pub fn one_shot(config: &Config) -> Self {
        Memo {
            config: Some(config.clone()),
            markdown: segment::MarkdownMemo::one_shot(),
            texts: memo::Texts::one_shot(),
            quotes: quotes::QuotesMemo::one_shot(),
            words: memo::Table::one_shot(),
            sentences: memo::Table::one_shot(),
            names: entities::NamesMemo::one_shot(),
            figures: figures::FiguresMemo::one_shot(),
        }
    }
}

/// Analyses one draft. Total: any text gives an `Analysis`.
pub fn analyze(source: &Source, format: Format, config: &Config) -> Analysis {
    analyze_with(source, format, config, &mut Memo::one_shot(config))
}

/// `analyze`, reusing what `memo` holds from earlier versions of the same draft. The result
/// is the same as `analyze`'s.
pub fn analyze_with(source: &Source, format: Format, config: &Config, memo: &mut Memo) -> Analysis {
    if memo.config.as_ref() != Some(config) {
        *memo = Memo {
            config: Some(config.clone()),
            ..Memo::default()
        };
    }
    let Memo {
        markdown,
        texts,
        quotes: quotes_memo,
        words: words_memo,
        sentences: sentences_memo,
        names: names_memo,
        figures: figures_memo,
        ..
    } = memo;
    let text = source.text();
    // With a warm memo most work is answered from it, and a second thread costs more than it
    // saves: spawning it, and the caches it starts with (a keystroke after a pause took half
    // as long again on two threads as on one).
    let parallel = text.len() >= PARALLEL_FROM_BYTES && words_memo.is_empty();
    let segments = segment::segment_with(text, format, markdown, texts, words_memo);
    let quotations_found = quotes::find_quotes(&segments, quotes_memo);
    let mut quotations = quotations_found;
    quotes::mark_terms(&segments, &mut quotations.quotes, config);
    let quote_ranges: Vec<TextRange> = quotations.quotes.iter().map(|q| q.range).collect();
    let sentences = segment::sentences(&segments, &quote_ranges, sentences_memo);
    // Names (then attribution) and figures do not depend on each other: on a long draft seen
    // for the first time they run side by side on a second core.
    let mut names = |quotes: &mut Vec<Quote>| {
        let mentions = entities::find_entities(&segments, &sentences, config, names_memo);
        let ctx = quotes::AttributionContext {
            segments: &segments,
            sentences: &sentences,
            mentions: &mentions,
            config,
        };
        quotes::attribute(&ctx, quotes, quotes_memo);
        mentions
    };
    let mut find_figures =
        || figures::find_figures(&segments, &sentences, &quote_ranges, config, figures_memo);
    let (mentions, figures) = if !parallel {
        (names(&mut quotations.quotes), find_figures())
    } else {
        std::thread::scope(|scope| {
            let figures = scope.spawn(find_figures);
            let mentions = names(&mut quotations.quotes);
            match figures.join() {
                Ok(figures) => (mentions, figures),
                // Carry a panic on to the caller's boundary, as if it had happened here.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    };
    texts.end_round();
    quotes_memo.end_round();
    words_memo.end_round();
    sentences_memo.end_round();
    names_memo.end_round();
    figures_memo.end_round();
    let rule_ctx = rules::RuleContext {
        source,
        prose: &segments.prose,
        quotations: &quotations,
        figures: &figures,
        mentions: &mentions,
        config,
    };
    let findings = rules::run(&rule_ctx);
    let (mut findings, suppression_notes) = suppress::apply(source, &segments, format, findings);
    findings.sort_by(|a, b| (a.range.start, a.rule).cmp(&(b.range.start, b.rule)));
    Analysis {
        findings,
        quotes: quotations.quotes,
        figures,
        mentions,
        suppression_notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cast_gathers_each_entitys_mentions_and_quotations_in_order() {
        let text =
            "Harbour master Ines Molnar opened the gate. “We are ready for the first ships,” \
                    Molnar said.\n\nCouncillor Tomas Reyes disagreed. “The quay is not safe yet,” \
                    Reyes said. “Then we wait another week,” Molnar said.\n";
        let analysis = analyze(&Source::new(text), Format::Markdown, &Config::default());
        let names: Vec<&str> = analysis
            .mentions
            .entities
            .iter()
            .map(|e| e.canonical.as_str())
            .collect();
        let cast = analysis.cast();
        assert_eq!(cast.len(), names.len());
        let of = |name: &str| {
            let idx = names.iter().position(|n| *n == name).expect(name);
            let member = &cast[idx];
            let mentions: Vec<&str> = member
                .mentions
                .iter()
                .map(|m| &text[m.range.start..m.range.end])
                .collect();
            let quotes: Vec<&str> = member
                .quotes
                .iter()
                .map(|q| &text[q.inner.start..q.inner.end])
                .collect();
            (mentions, quotes)
        };
        assert_eq!(
            of("Ines Molnar"),
            (
                vec!["Ines Molnar", "Molnar", "Molnar"],
                vec![
                    "We are ready for the first ships,",
                    "Then we wait another week,"
                ]
            )
        );
        assert_eq!(
            of("Tomas Reyes"),
            (
                vec!["Tomas Reyes", "Reyes"],
                vec!["The quay is not safe yet,"]
            )
        );
    }

    /// Each quotation's words and the canonical name of the entity it is attributed to.
    fn speakers(text: &str) -> Vec<(String, Option<String>)> {
        let analysis = analyze(&Source::new(text), Format::Markdown, &Config::default());
        analysis
            .quotes
            .iter()
            .map(|q| {
                let entity = q.attribution.as_ref().and_then(|a| a.entity);
                (
                    text[q.inner.start..q.inner.end].to_string(),
                    entity.map(|idx| analysis.mentions.entities[idx].canonical.clone()),
                )
            })
            .collect()
    }

    /// A quotation's words and its speaker, as `speakers` gives them.
    fn owned(quote: &str, who: Option<&str>) -> (String, Option<String>) {
        (quote.to_string(), who.map(str::to_string))
    }

    #[test]
    fn a_pronoun_speaks_for_the_last_person_named_unless_someone_described_spoke_since() {
        assert_eq!(
            speakers("Nurse Edith Marr has worked nights for a decade. “Nobody can keep this pace for long,” she said.\n\nA spokeswoman for the trust said rotas were under review. “Every shift is covered,” she said.\n"),
            vec![
                owned("Nobody can keep this pace for long,", Some("Edith Marr")),
                owned("Every shift is covered,", None),
            ]
        );
        // A description inside the name's own sentence does not take the pronoun.
        assert_eq!(
            speakers("Coach Ivo Brandt — no friend of the referee — said the second goal stood. “We earned every point today,” he said.\n"),
            vec![owned("We earned every point today,", Some("Ivo Brandt"))]
        );
    }

    #[test]
    fn the_speaker_before_an_apposition_is_the_name_not_the_last_word_of_it() {
        assert_eq!(
            speakers("Tariq Mansour, a union organiser based in Leeds, told the rally it was “a fight for every depot in the country.” Greta Holm, 61, said: “I have never seen a winter like it.”\n"),
            vec![
                owned("a fight for every depot in the country.", Some("Tariq Mansour")),
                owned("I have never seen a winter like it.", Some("Greta Holm")),
            ]
        );
        // An aside between the name and the verb, and a medium named before the speaker.
        assert_eq!(
            speakers("Harbour master Ines Mora, in an interview with Coastline Radio, said: “The channel is safe.”\n\nIn an interview with the Harbour Times, Piet Vos added: “We disagree.”\n"),
            vec![
                owned("The channel is safe.", Some("Ines Mora")),
                owned("We disagree.", Some("Piet Vos")),
            ]
        );
    }

    /// A small deterministic generator, so a failure names its step.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) as usize % n.max(1)
        }
    }

    const FRAGMENTS: &[&str] = &[
        " Peskov",
        "Dmitri Peskov said",
        "“We will appeal,” ",
        "” she said.",
        "$4.2 million",
        " according to the council",
        "\n\n",
        "\n\n> ",
        "\n- ",
        "# ",
        "(NSC)",
        " Marsch",
        "Tomás Reyes",
        ". The ",
        "41%",
        "x",
        "“",
        "<!-- copydesk-disable-next-line unsourced-figure -->\n",
    ];

    #[test]
    fn a_warm_memo_gives_the_same_analysis_as_a_fresh_one() {
        let mut text = [
            include_str!("../../examples/harbour-bridge.md"),
            include_str!("../../tests/drafts/clean.md"),
            include_str!("../../tests/drafts/flagged.txt"),
        ]
        .join("\n\n");
        let config = Config::default();
        let mut memo = Memo::default();
        let mut dice = Dice(7);
        for step in 0..400 {
            let mut at = dice.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let end_within = |dice: &mut Dice, text: &str, limit: usize| {
                let mut end = (at + dice.below(limit)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                end
            };
            if step % 10 == 0 {
                // Paragraphs cut and pasted elsewhere: the memo finds them again by digest.
                let end = end_within(&mut dice, &text, 1500);
                let block: String = text.drain(at..end).collect();
                let mut to = dice.below(text.len() + 1);
                while !text.is_char_boundary(to) {
                    to -= 1;
                }
                text.insert_str(to, &block);
            } else if dice.below(3) == 0 {
                let end = end_within(&mut dice, &text, 40);
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, FRAGMENTS[dice.below(FRAGMENTS.len())]);
            }
            let source = Source::new(text.as_str());
            for format in [Format::Markdown, Format::PlainText] {
                let warm = analyze_with(&source, format, &config, &mut memo);
                let fresh = analyze(&source, format, &config);
                assert_eq!(
                    format!("{warm:?}"),
                    format!("{fresh:?}"),
                    "step {step}, {format:?}:\n{text}"
                );
            }
        }
    }

    /// Edits that leave every name as it was but change the text around one: the last
    /// linking must not be moved over them.
    #[test]
    fn an_edit_beside_a_name_is_linked_afresh() {
        let cases = [
            (
                "The NSC (National Security Council) met on Monday.",
                "The NSC, (National Security Council) met on Monday.",
            ),
            (
                "Maria Eriksen voted no.\n\nMark Eriksen spoke against the plan.",
                "Maria Eriksen voted no.\n\nMark Eriksen, a fisherman, spoke against the plan.",
            ),
            (
                "Maria Eriksen voted no.\n\nMark Eriksen spoke against the plan.",
                "Maria Eriksen voted no.\n\nMark Eriksen spoke against the plan, like his sister.",
            ),
        ];
        let config = Config::default();
        for (before, after) in cases {
            let mut memo = Memo::default();
            analyze_with(&Source::new(before), Format::Markdown, &config, &mut memo);
            let after_source = Source::new(after);
            let warm = analyze_with(&after_source, Format::Markdown, &config, &mut memo);
            let fresh = analyze(&after_source, Format::Markdown, &config);
            assert_eq!(format!("{warm:?}"), format!("{fresh:?}"), "{after}");
            // The edit matters: moving the old linking would have been wrong.
            let old = analyze(&Source::new(before), Format::Markdown, &config);
            let describe = |a: &Analysis| {
                let variants = a.mentions.mentions.iter().filter(|m| m.variant.is_some());
                (a.mentions.entities.len(), variants.count())
            };
            assert_ne!(describe(&old), describe(&fresh), "{after}");
        }
    }

    #[test]
    fn a_changed_config_is_not_answered_from_the_memo() {
        let source = Source::new("Officials said 4,000 people left. Revenue rose 12%.");
        let mut memo = Memo::default();
        let plain = analyze_with(&source, Format::Markdown, &Config::default(), &mut memo);
        assert!(plain.figures.iter().all(|f| f.source.is_some()));
        let config = Config {
            extra_source_words: vec!["rose".to_string()],
            ..Config::default()
        };
        let warm = analyze_with(&source, Format::Markdown, &config, &mut memo);
        let fresh = analyze(&source, Format::Markdown, &config);
        assert_eq!(format!("{warm:?}"), format!("{fresh:?}"));
    }
}
