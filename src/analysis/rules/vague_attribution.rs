//! vague-attribution
//!
//! *What it flags*: a quotation attributed only to unnamed or vague sources: officials,
//! sources, critics, experts, a person familiar with the matter.
//!
//! *Why an editor cares*: AP and Reuters ask editors to question anonymous sourcing: who
//! they are, why they cannot be named, and whether the reader is told.
//!
//! *Flagged*: `“The talks are dead,” officials said.`
//!
//! *Fine*: `“The talks are dead,” Foreign Minister Anna Kowalski said.`
//!
//! *Known limits*: the rule reads the speaker phrase only; an explanation elsewhere in the
//! paragraph ("who spoke on condition of anonymity because…") does not silence it.

use super::{excerpt, Rule, RuleContext};
use crate::analysis::config::Severity;
use crate::analysis::Finding;

pub const RULE: Rule = Rule {
    id: "vague-attribution",
    default_severity: Severity::Information,
    summary: "A quotation attributed only to unnamed or vague sources",
    explanation: "Quotations attributed to officials, sources, critics, experts or a person familiar with the matter \
leave the reader unable to weigh them. Name the source, or say why the source cannot be named.\n\n\
Flagged:  “The talks are dead,” officials said.\n\
Fine:     “The talks are dead,” Foreign Minister Anna Kowalski said.\n\n\
Silence: <!-- copydesk-disable-next-line vague-attribution -->, or vague-attribution = \"off\" under [rules].",
    check,
};

fn check(acc: &mut Vec<Finding>, ctx: &RuleContext<'_>) {
    for quote in &ctx.quotations.quotes {
        let Some(attribution) = &quote.attribution else {
            continue;
        };
        let speaker = attribution
            .speaker
            .and_then(|s| ctx.prose.get(s.start..s.end))
            .unwrap_or("");
        let configured = ctx
            .config
            .extra_vague_sources
            .iter()
            .any(|vague| speaker.eq_ignore_ascii_case(vague));
        if !(attribution.vague || configured) || quote.is_term {
            continue;
        }
        let inner = ctx
            .prose
            .get(quote.inner.start..quote.inner.end)
            .unwrap_or("");
        acc.push(Finding::new(
            quote.range,
            format!(
                "Quote “{}” is attributed only to “{}”",
                excerpt(inner, 5),
                speaker
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::check;

    const ID: &str = "vague-attribution";

    #[test]
    fn unnamed_sources_are_flagged_and_named_ones_are_not() {
        check(
            ID,
            "“The talks are dead and buried,” officials said.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
“The talks are dead and buried,” Foreign Minister Anna Kowalski said.
",
        );
    }
}
