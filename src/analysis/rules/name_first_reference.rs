//! name-first-reference
//!
//! *What it flags*: a person referred to by surname alone before the draft gives the full name.
//!
//! *Why an editor cares*: news style gives the full name on first reference.
//!
//! *Flagged*: `Brandt proposed the cut. … Council member Helen Brandt said …`
//!
//! *Fine*: `Council member Helen Brandt proposed the cut. Brandt said …`
//!
//! *Known limits*: only people; only when a later full reference with the same surname exists.

use super::{Rule, RuleContext};
use crate::analysis::config::Severity;
use crate::analysis::{Finding, Related};

pub const RULE: Rule = Rule {
    id: "name-first-reference",
    default_severity: Severity::Information,
    summary: "A surname used before the person's full name is given",
    explanation: "News style gives a person's full name on first reference and the surname after it.\n\n\
Flagged:  Brandt proposed the cut. … Council member Helen Brandt said …\n\
Fine:     Council member Helen Brandt proposed the cut. … Brandt said …\n\n\
Fix: move the full name to the first reference.\n\
Silence: <!-- copydesk-disable-next-line name-first-reference -->, or name-first-reference = \"off\" under [rules].",
    check,
};

fn check(acc: &mut Vec<Finding>, ctx: &RuleContext<'_>) {
    for (surname, full) in &ctx.mentions.surname_first {
        let surname_text = ctx.prose.get(surname.start..surname.end).unwrap_or("");
        let full_text = ctx.prose.get(full.start..full.end).unwrap_or("");
        let mut finding = Finding::new(
            *surname,
            format!("“{surname_text}” appears before the full name “{full_text}”"),
        );
        finding.related.push(Related {
            range: *full,
            message: "full name given here".to_string(),
        });
        acc.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::check;

    const ID: &str = "name-first-reference";

    #[test]
    fn surname_before_full_name_is_flagged() {
        check(
            ID,
            "Officials say Brandt proposed the cut.
              ^^^^^^
Council member Helen Brandt defended it.
",
        );
    }

    #[test]
    fn full_name_first_is_fine() {
        check(
            ID,
            "Council member Helen Brandt proposed the cut. Brandt defended it.
",
        );
    }
}
