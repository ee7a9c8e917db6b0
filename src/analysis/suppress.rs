//! Suppression comments: `<!-- copydesk-disable-next-line RULE -->`,
//! `<!-- copydesk-disable RULE -->` … `<!-- copydesk-enable RULE -->` (to the end of the
//! draft when never re-enabled, so one at the top silences the file), and in plain text a
//! line `copydesk: disable RULE` or `copydesk: disable-next-line RULE`. Without a rule id a
//! comment silences every rule. Comments that silence nothing, or name an unknown rule, are
//! reported as `unused-suppression` (information).

use super::config::Severity;
use super::rules;
use super::segment::{Format, Segments};
use super::Finding;
use crate::text::{Encoding, Source, TextRange};

#[derive(Debug)]
struct Directive {
    range: TextRange,
    kind: DirectiveKind,
    rules: Vec<String>,
    used: bool,
}

#[derive(Debug, PartialEq, Eq)]
enum DirectiveKind {
    NextLine,
    Disable,
    Enable,
}

fn parse(text: &str, range: TextRange, format: Format) -> Option<Directive> {
    let body = match format {
        Format::Markdown => text
            .trim()
            .strip_prefix("<!--")?
            .trim_end()
            .strip_suffix("-->")?
            .trim()
            .strip_prefix("copydesk-")?,
        Format::PlainText => text.trim().strip_prefix("copydesk:")?.trim(),
    };
    let mut parts = body.split_whitespace();
    let kind = match parts.next()? {
        "disable-next-line" => DirectiveKind::NextLine,
        "disable" => DirectiveKind::Disable,
        "enable" => DirectiveKind::Enable,
        _ => return None,
    };
    Some(Directive {
        range,
        kind,
        rules: parts.map(|p| p.trim_end_matches(',').to_string()).collect(),
        used: false,
    })
}

/// The offset of the last non-newline byte of `range`, so a comment's trailing line break
/// does not count as its line.
fn last_byte(source: &Source, range: TextRange) -> usize {
    let text = source.slice(range);
    range.start + text.trim_end().len().saturating_sub(1)
}

fn names(directive: &Directive, rule: &str) -> bool {
    directive.rules.is_empty() || directive.rules.iter().any(|r| r == rule)
}

/// Drops suppressed findings; returns the rest and notes on unused or unknown suppressions.
pub fn apply(
    source: &Source,
    segments: &Segments,
    format: Format,
    findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<Finding>) {
    let mut directives: Vec<Directive> = segments
        .comments
        .iter()
        .filter_map(|range| parse(source.slice(*range), *range, format))
        .collect();
    if directives.is_empty() {
        return (findings, Vec::new());
    }
    let line_of = |offset: usize| source.line_col(offset, Encoding::Utf8).line;
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let line = line_of(finding.range.start);
        let next_line = directives.iter().position(|d| {
            d.kind == DirectiveKind::NextLine
                && names(d, finding.rule)
                && line_of(last_byte(source, d.range)) + 1 == line
        });
        // The last disable or enable before the finding decides.
        let region = directives
            .iter()
            .enumerate()
            .rfind(|(_, d)| {
                d.kind != DirectiveKind::NextLine
                    && names(d, finding.rule)
                    && d.range.end <= finding.range.start
            })
            .filter(|(_, d)| d.kind == DirectiveKind::Disable)
            .map(|(idx, _)| idx);
        match next_line.or(region).and_then(|idx| directives.get_mut(idx)) {
            Some(directive) => directive.used = true,
            None => kept.push(finding),
        }
    }
    let mut notes = Vec::new();
    for directive in &directives {
        if directive.kind == DirectiveKind::Enable {
            continue;
        }
        let unknown: Vec<&String> = directive
            .rules
            .iter()
            .filter(|r| rules::rule(r).is_none())
            .collect();
        let message = if !unknown.is_empty() {
            Some(format!(
                "Suppression names an unknown rule: {}",
                unknown
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        } else if !directive.used {
            Some("Suppression silences nothing".to_string())
        } else {
            None
        };
        if let Some(message) = message {
            let mut note = Finding::new(directive.range, message);
            note.rule = "unused-suppression";
            note.severity = Severity::Information;
            notes.push(note);
        }
    }
    (kept, notes)
}
