//! The rule table: each rule's id, default severity, explanation and check function.
//!
//! A rule reads the shared `RuleContext` and pushes findings into the accumulator; it keeps
//! no state and does not read other rules' findings. The runner applies configured
//! severities and drops rules that are off.

use super::config::{Config, Severity};
use super::entities::Mentions;
use super::figures::Figure;
use super::quotes::Quotations;
use super::Finding;
use crate::text::Source;

mod inconsistent_figure;
mod inconsistent_name;
mod name_first_reference;
mod unattributed_quote;
mod unbalanced_quote;
mod unsourced_figure;
mod vague_attribution;

/// What every rule can read.
pub struct RuleContext<'a> {
    pub source: &'a Source,
    pub prose: &'a str,
    pub quotations: &'a Quotations,
    pub figures: &'a [Figure],
    pub mentions: &'a Mentions,
    pub config: &'a Config,
}

/// One rule: stable id (the diagnostic code, config key and README anchor), default
/// severity, one-line summary, the long explanation `copydesk explain` prints, and its check.
pub struct Rule {
    pub id: &'static str,
    pub default_severity: Severity,
    pub summary: &'static str,
    pub explanation: &'static str,
    pub check: fn(&mut Vec<Finding>, &RuleContext<'_>),
}

/// Every rule, alphabetical by id.
pub const RULES: &[Rule] = &[
    inconsistent_figure::RULE,
    inconsistent_name::RULE,
    name_first_reference::RULE,
    unattributed_quote::RULE,
    unbalanced_quote::RULE,
    unsourced_figure::RULE,
    vague_attribution::RULE,
];

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.id == id)
}

/// Runs every rule that is on and gives each finding its configured severity.
pub fn run(ctx: &RuleContext<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES {
        let Some(severity) = ctx.config.severity(rule.id, rule.default_severity) else {
            continue;
        };
        let start = findings.len();
        (rule.check)(&mut findings, ctx);
        for finding in &mut findings[start..] {
            finding.rule = rule.id;
            finding.severity = severity;
        }
    }
    findings
}

/// The first words of a quotation or figure for a message, shortened with an ellipsis.
pub fn excerpt(text: &str, max_words: usize) -> String {
    let trimmed = text.trim();
    let mut words = trimmed.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(max_words).collect();
    let joined = head.join(" ");
    if words.next().is_some() {
        format!("{joined}…")
    } else {
        joined
    }
}

#[cfg(test)]
pub mod test_support {
    //! The one helper every rule test goes through: a draft with marker lines under the
    //! flagged text (`^^^ rule-id`) is compared with the real findings of that rule.

    use crate::analysis::{analyze, Config, Format};
    use crate::text::Source;

    /// Checks `draft` against its markers for `rule_id`. A marker line holds only spaces and
    /// carets, optionally followed by the rule id; the carets mark columns of the line above.
    pub fn check(rule_id: &str, draft: &str) {
        check_with(rule_id, draft, &Config::default(), Format::Markdown);
    }

    pub fn check_with(rule_id: &str, draft: &str, config: &Config, format: Format) {
        let mut text = String::new();
        let mut expected: Vec<(usize, usize)> = Vec::new();
        let mut previous_line_start = 0usize;
        for line in draft.split_inclusive('\n') {
            let body = line.trim_end_matches('\n');
            let is_marker = body.contains('^')
                && body
                    .trim_end()
                    .trim_end_matches(|c: char| c.is_alphanumeric() || c == '-')
                    .chars()
                    .all(|c| c == ' ' || c == '^');
            if is_marker {
                let first = body.find('^').unwrap_or(0);
                let last = body.rfind('^').unwrap_or(0) + 1;
                let above = &text[previous_line_start..];
                let to_byte = |col: usize| {
                    above
                        .char_indices()
                        .nth(col)
                        .map_or(above.len(), |(i, _)| i)
                };
                expected.push((
                    previous_line_start + to_byte(first),
                    previous_line_start + to_byte(last),
                ));
            } else {
                previous_line_start = text.len();
                text.push_str(line);
            }
        }
        let analysis = analyze(&Source::new(text.clone()), Format::clone(&format), config);
        let found: Vec<(usize, usize)> = analysis
            .findings
            .iter()
            .filter(|f| f.rule == rule_id)
            .map(|f| (f.range.start, f.range.end))
            .collect();
        let show = |spans: &[(usize, usize)]| -> Vec<String> {
            spans
                .iter()
                .map(|(s, e)| text[*s..*e].to_string())
                .collect()
        };
        let overlaps = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
        let false_positives: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| !expected.iter().any(|e| overlaps(e, f)))
            .copied()
            .collect();
        let misses: Vec<(usize, usize)> = expected
            .iter()
            .filter(|e| !found.iter().any(|f| overlaps(e, f)))
            .copied()
            .collect();
        assert!(
            false_positives.is_empty() && misses.is_empty(),
            "{rule_id}\n  false positives: {:?}\n  missed: {:?}\n  draft:\n{text}",
            show(&false_positives),
            show(&misses)
        );
    }
}
