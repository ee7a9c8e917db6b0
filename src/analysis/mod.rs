//! The product: a pure, synchronous, total analysis of one draft.
//!
//! `analyze` takes a `Source` and a `Config` and returns every finding plus what the
//! editor features read (quotations, figures, entities). It does no I/O, holds no global
//! mutable state, never fails and never panics: broken markdown, unbalanced quotes and empty
//! drafts are normal input. Findings are sorted by (start, rule id).

pub mod config;
pub mod entities;
pub mod figures;
pub mod lexicon;
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

/// Analyses one draft. Total: any text gives an `Analysis`.
pub fn analyze(source: &Source, format: Format, config: &Config) -> Analysis {
    let text = source.text();
    let segments = segment::segment(text, format);
    let quotations_found = quotes::find_quotes(&segments);
    let mut quotations = quotations_found;
    quotes::mark_terms(&segments, &mut quotations.quotes, config);
    let quote_ranges: Vec<TextRange> = quotations.quotes.iter().map(|q| q.range).collect();
    let sentences = segment::sentences(&segments, &quote_ranges);
    let mentions = entities::find_entities(&segments, &sentences, config);
    let ctx = quotes::AttributionContext {
        segments: &segments,
        sentences: &sentences,
        mentions: &mentions,
        config,
    };
    quotes::attribute(&ctx, &mut quotations.quotes);
    let figures = figures::find_figures(&segments, &sentences, &quotations.quotes, config);
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
