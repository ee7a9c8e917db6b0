//! Core values to LSP values: findings to diagnostics, quotations, figures and entities to
//! hover cards, inlay hints and the cast list. Positions go through `text::position` only.

use crate::analysis::rules::{self, excerpt};
use crate::analysis::{Analysis, EntityKind, FigureKind, Finding, Severity};
use crate::cli::rule_url;
use crate::text::{Encoding, LineCol, Source, TextRange};
use serde_json::json;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Mutex, OnceLock};
use tower_lsp::lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol,
    InlayHint, InlayHintKind, InlayHintLabel, Location, NumberOrString, Position, Range,
    SymbolKind, Url,
};

pub fn position(source: &Source, offset: usize, encoding: Encoding) -> Position {
    let LineCol { line, col } = source.line_col(offset, encoding);
    Position::new(line, col)
}

pub fn range(source: &Source, range: TextRange, encoding: Encoding) -> Range {
    Range::new(
        position(source, range.start, encoding),
        position(source, range.end, encoding),
    )
}

pub fn offset(source: &Source, position: Position, encoding: Encoding) -> usize {
    source.offset(
        LineCol {
            line: position.line,
            col: position.character,
        },
        encoding,
    )
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The documentation link of a rule, parsed once per rule rather than once per finding.
fn rule_href(rule: &'static str) -> Option<Url> {
    static HREFS: OnceLock<Mutex<HashMap<&'static str, Option<Url>>>> = OnceLock::new();
    let hrefs = HREFS.get_or_init(Mutex::default);
    let mut hrefs = hrefs
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    hrefs
        .entry(rule)
        .or_insert_with(|| Url::parse(&rule_url(rule)).ok())
        .clone()
}

pub fn diagnostic(source: &Source, uri: &Url, finding: &Finding, encoding: Encoding) -> Diagnostic {
    let related: Vec<Range> = finding
        .related
        .iter()
        .map(|r| range(source, r.range, encoding))
        .collect();
    diagnostic_at(
        uri,
        finding,
        range(source, finding.range, encoding),
        &related,
    )
}

/// `diagnostic`, with the finding's range and its related places already converted.
pub fn diagnostic_at(uri: &Url, finding: &Finding, at: Range, related_at: &[Range]) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .zip(related_at)
        .map(|(r, &place)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), place),
            message: r.message.clone(),
        })
        .collect();
    Diagnostic {
        range: at,
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: rule_href(finding.rule).map(|href| CodeDescription { href }),
        source: Some("copydesk".to_string()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: finding
            .replacement
            .as_ref()
            .map(|replacement| json!({ "replacement": replacement })),
    }
}

/// The markdown hover at `offset`: a finding's rule, a quotation's speaker, a figure's
/// value and source, or an entity's card. Returns the text and the range it covers.
pub fn hover(source: &Source, analysis: &Analysis, offset: usize) -> Option<(String, TextRange)> {
    let mut sections: Vec<String> = Vec::new();
    let mut covered: Option<TextRange> = None;
    if let Some(mention) = analysis.mentions.at(offset) {
        sections.push(entity_card(source, analysis, mention.entity));
        covered = Some(mention.range);
    }
    if let Some(figure) = analysis.figures.iter().find(|f| f.range.contains(offset)) {
        let mut card = String::new();
        let kind = match figure.kind {
            FigureKind::Money => "money",
            FigureKind::Percent => "percentage",
            FigureKind::Proportion => "proportion",
            FigureKind::Count => "count",
            FigureKind::Measurement => "measurement",
            FigureKind::Ranking => "ranking",
        };
        let _ = writeln!(
            card,
            "**Figure** `{}` — {kind}\n",
            source.slice(figure.range)
        );
        if let Some(value) = figure.value {
            let _ = writeln!(card, "Value: {} {}\n", format_value(value), figure.unit);
        }
        match &figure.source {
            Some(found) => {
                let line = source.line_col(found.cue.start, Encoding::Utf8).line + 1;
                let place = if found.same_sentence {
                    "in this sentence"
                } else {
                    "in this paragraph"
                };
                let _ = writeln!(
                    card,
                    "Source: “{}” {place} (line {line})",
                    source.slice(found.cue)
                );
            }
            None => card.push_str("Source: no source found in this sentence or paragraph\n"),
        }
        sections.push(card);
        covered = covered.or(Some(figure.range));
    }
    if covered.is_none() {
        if let Some(quote) = analysis
            .quotes
            .iter()
            .find(|q| q.range.contains(offset) && !q.is_term)
        {
            let mut card = format!(
                "**Quotation** “{}”\n\n",
                excerpt(source.slice(quote.inner), 8)
            );
            match &quote.attribution {
                Some(attribution) => {
                    let speaker = attribution
                        .entity
                        .and_then(|e| analysis.mentions.entities.get(e))
                        .map(|e| format!("{} ({})", e.canonical, e.kind.label()))
                        .or_else(|| attribution.speaker.map(|s| source.slice(s).to_string()))
                        .unwrap_or_else(|| "an unnamed speaker".to_string());
                    let line = source.line_col(attribution.cue.start, Encoding::Utf8).line + 1;
                    let _ = writeln!(
                        card,
                        "Said by: {speaker}\n\nAttribution: “{}” (line {line})",
                        source.slice(attribution.cue)
                    );
                }
                None => {
                    card.push_str("Said by: nobody — no attribution in its sentence or paragraph\n")
                }
            }
            sections.push(card);
            covered = Some(quote.range);
        }
    }
    for finding in analysis
        .findings
        .iter()
        .filter(|f| f.range.contains(offset))
    {
        if let Some(rule) = rules::rule(finding.rule) {
            sections.push(format!(
                "**{}** — {}\n\n{}",
                rule.id, rule.summary, rule.explanation
            ));
            covered = covered.or(Some(finding.range));
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some((
        sections.join("\n---\n"),
        covered.unwrap_or(TextRange::new(offset, offset)),
    ))
}

fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e18 {
        // Group thousands the way newsrooms print them.
        let digits = format!("{}", value.abs() as u64);
        let mut out = String::new();
        for (idx, ch) in digits.chars().enumerate() {
            if idx > 0 && (digits.len() - idx) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if value < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        format!("{value}")
    }
}

/// What the draft says about one entity, as markdown.
pub fn entity_card(source: &Source, analysis: &Analysis, entity_idx: usize) -> String {
    let Some(entity) = analysis.mentions.entities.get(entity_idx) else {
        return String::new();
    };
    let mut card = format!("**{}** — {}\n\n", entity.canonical, entity.kind.label());
    if !entity.roles.is_empty() {
        let _ = writeln!(card, "Role: {}\n", entity.roles.join("; "));
    }
    if let Some(acronym) = &entity.acronym {
        let _ = writeln!(card, "Also: {acronym}\n");
    }
    let first_line = source.line_col(entity.first.start, Encoding::Utf8).line + 1;
    let n_mentions = analysis.mentions.of(entity_idx).count();
    let _ = writeln!(
        card,
        "First reference: line {first_line} · {n_mentions} mention{}\n",
        if n_mentions == 1 { "" } else { "s" }
    );
    if entity.spellings.len() > 1 {
        let _ = writeln!(card, "Spellings: {}\n", entity.spellings.join(", "));
    }
    let quotes: Vec<String> = analysis
        .quotes
        .iter()
        .filter(|q| q.attribution.as_ref().and_then(|a| a.entity) == Some(entity_idx))
        .map(|q| format!("- “{}”", excerpt(source.slice(q.inner), 8)))
        .collect();
    if !quotes.is_empty() {
        let _ = writeln!(card, "Quotes ({}):\n{}", quotes.len(), quotes.join("\n"));
    }
    card
}

/// `— Peskov` after each attributed quotation's closing mark.
pub fn inlay_hints(
    source: &Source,
    analysis: &Analysis,
    visible: TextRange,
    encoding: Encoding,
) -> Vec<InlayHint> {
    analysis
        .quotes
        .iter()
        .filter(|q| !q.is_term && visible.overlaps(q.range) || q.range.end == visible.end)
        .filter_map(|q| {
            let attribution = q.attribution.as_ref()?;
            let name = match attribution
                .entity
                .and_then(|e| analysis.mentions.entities.get(e))
            {
                Some(entity) if entity.kind == EntityKind::Person => entity
                    .canonical
                    .rsplit(' ')
                    .next()
                    .unwrap_or(&entity.canonical)
                    .to_string(),
                Some(entity) => entity.canonical.clone(),
                None => source.slice(attribution.speaker?).to_string(),
            };
            Some(InlayHint {
                position: position(source, q.range.end, encoding),
                label: InlayHintLabel::String(format!("— {name}")),
                kind: Some(InlayHintKind::PARAMETER),
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}

/// The draft's cast list: each entity with its mentions and the quotations attributed to it.
#[allow(deprecated)] // DocumentSymbol::deprecated must be set; the field itself is deprecated.
pub fn document_symbols(
    source: &Source,
    analysis: &Analysis,
    encoding: Encoding,
) -> Vec<DocumentSymbol> {
    analysis
        .mentions
        .entities
        .iter()
        .zip(analysis.cast())
        .map(|(entity, member)| {
            let mut children: Vec<DocumentSymbol> = member
                .quotes
                .iter()
                .map(|q| DocumentSymbol {
                    name: format!("“{}”", excerpt(source.slice(q.inner), 6)),
                    detail: Some("quotation".to_string()),
                    kind: SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    range: range(source, q.range, encoding),
                    selection_range: range(source, q.range, encoding),
                    children: None,
                })
                .collect();
            children.extend(member.mentions.iter().map(|m| DocumentSymbol {
                name: source.slice(m.range).to_string(),
                detail: Some(format!(
                    "mention, line {}",
                    source.line_col(m.range.start, Encoding::Utf8).line + 1
                )),
                kind: SymbolKind::FIELD,
                tags: None,
                deprecated: None,
                range: range(source, m.range, encoding),
                selection_range: range(source, m.range, encoding),
                children: None,
            }));
            let kind = match entity.kind {
                EntityKind::Person => SymbolKind::OBJECT,
                EntityKind::Organization => SymbolKind::CLASS,
                EntityKind::Place => SymbolKind::PACKAGE,
            };
            let detail = if entity.roles.is_empty() {
                entity.kind.label().to_string()
            } else {
                format!("{} · {}", entity.kind.label(), entity.roles.join("; "))
            };
            DocumentSymbol {
                name: entity.canonical.clone(),
                detail: Some(detail),
                kind,
                tags: None,
                deprecated: None,
                range: range(source, entity.first, encoding),
                selection_range: range(source, entity.first, encoding),
                children: Some(children),
            }
        })
        .collect()
}
