//! inconsistent-figure
//!
//! *What it flags*: the same quantity about the same thing stated twice with different
//! values: `$110 billion in aid to Ukraine` … later `$100 billion in aid to Ukraine`.
//!
//! *Why an editor cares*: one of the two is wrong, and readers notice.
//!
//! *Flagged*: two figures in different paragraphs with the same unit and the same subject
//! (at least two content words right after the figure, in its clause) but different values.
//!
//! *Fine*: figures in the same paragraph (usually a comparison: rose from 12% to 15%), and
//! figures about different things.
//!
//! *Known limits*: the subject is read from the words after the figure only; "Ukraine's
//! $110 billion aid package" is not matched with "$100 billion in aid to Ukraine".

use super::{Rule, RuleContext};
use crate::analysis::config::Severity;
use crate::analysis::hash::FxMap;
use crate::analysis::{Figure, Finding, Related};
use crate::text::Encoding;
use std::fmt::Write;

pub const RULE: Rule = Rule {
    id: "inconsistent-figure",
    default_severity: Severity::Information,
    summary: "The same quantity stated twice with different values",
    explanation: "When a draft gives the same quantity about the same thing twice, the values must agree. \
copydesk compares figures with the same unit whose next words (what they count) match, in different paragraphs.\n\n\
Flagged:  … $110 billion in aid to Ukraine … later … $100 billion in aid to Ukraine …\n\
Fine:     aid rose from $100 billion in aid to Ukraine to $110 billion (one paragraph: a comparison).\n\n\
Silence: <!-- copydesk-disable-next-line inconsistent-figure -->, or inconsistent-figure = \"off\" under [rules].",
    check,
};

fn check(acc: &mut Vec<Finding>, ctx: &RuleContext<'_>) {
    // The first figure of each (unit, subject), so each later one is compared in O(1).
    let mut first_of: FxMap<(&str, &str), &Figure> = FxMap::default();
    for later in ctx.figures {
        // Two words at least: one alone (`jobs`) says too little about what is counted.
        if !later.subject.contains(' ') {
            continue;
        }
        let Some(later_value) = later.value else {
            continue;
        };
        let key = (&*later.unit, &*later.subject);
        let Some(earlier) = first_of.get(&key).copied() else {
            first_of.insert(key, later);
            continue;
        };
        let differs = earlier
            .value
            .is_some_and(|v| (v - later_value).abs() > f64::EPSILON * v.abs().max(1.0));
        if earlier.paragraph == later.paragraph || !differs {
            continue;
        }
        let earlier_text = ctx
            .prose
            .get(earlier.range.start..earlier.range.end)
            .unwrap_or("");
        let later_text = ctx
            .prose
            .get(later.range.start..later.range.end)
            .unwrap_or("");
        let line = ctx
            .source
            .line_col(earlier.range.start, Encoding::Utf8)
            .line
            + 1;
        // “1,099” differs from “1,805” on line 12, both about “jobs … local”: the figures as
        // written, and the subject as the words that matched (content words, lower case).
        // Built by hand: a long draft can hold a hundred of these, remade on every keystroke.
        let mut message =
            String::with_capacity(64 + later_text.len() + earlier_text.len() + later.subject.len());
        for piece in [
            "“",
            later_text,
            "” differs from “",
            earlier_text,
            "” on line ",
        ] {
            message.push_str(piece);
        }
        // Writing into a String cannot fail.
        let _ = write!(message, "{line}");
        message.push_str(", both about “");
        for (idx, word) in later.subject.split(' ').enumerate() {
            if idx > 0 {
                message.push_str(" … ");
            }
            message.push_str(word);
        }
        message.push('”');
        let mut finding = Finding::new(later.range, message);
        finding.related.push(Related {
            range: earlier.range,
            message: ["first stated as ", earlier_text].concat(),
        });
        acc.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::check;

    const ID: &str = "inconsistent-figure";

    #[test]
    fn the_same_thing_with_another_value_is_flagged() {
        check(
            ID,
            "Congress has approved $110 billion in aid to Ukraine since 2022, the Pentagon said.

Critics say the $100 billion in aid to Ukraine has not been audited.
                ^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn the_message_quotes_both_figures_and_names_what_they_count() {
        let draft = "The port shipped 4.1 million tonnes of grain to Egypt last year, the authority said.\n\n\
                     Officials now put the figure at 3.8 million tonnes of grain to Egypt, the ministry said.\n";
        let analysis = crate::analysis::analyze(
            &crate::text::Source::new(draft),
            crate::analysis::Format::Markdown,
            &crate::analysis::Config::default(),
        );
        let messages: Vec<&str> = analysis
            .findings
            .iter()
            .filter(|f| f.rule == ID)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            messages,
            ["“3.8 million tonnes” differs from “4.1 million tonnes” on line 1, both about “grain … egypt”"]
        );
    }

    #[test]
    fn comparisons_and_different_things_are_not() {
        check(ID, "Spending rose from $100 billion in aid to Ukraine to $110 billion in aid to Ukraine, officials said.

The city spent $3 million on roads and $5 million on schools, the budget shows.

Another $4 million on roads came later, the budget office said.
");
    }
}
