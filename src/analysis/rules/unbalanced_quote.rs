//! unbalanced-quote
//!
//! *What it flags*: an opening quotation mark never closed in its paragraph (outside the
//! convention for quotations over several paragraphs), and a closing mark never opened.
//!
//! *Why an editor cares*: the reader cannot tell where the speaker's words end.
//!
//! *Flagged*: `“We will appeal this decision, Ahmed said.`
//!
//! *Fine*: a paragraph that leaves a quotation open when the next paragraph opens with a mark.
//!
//! *Known limits*: straight marks that never close are taken for inch signs and not flagged.

use super::{excerpt, Rule, RuleContext};
use crate::analysis::config::Severity;
use crate::analysis::Finding;
use crate::text::TextRange;

pub const RULE: Rule = Rule {
    id: "unbalanced-quote",
    default_severity: Severity::Warning,
    summary: "A quotation mark that is opened and never closed, or closed and never opened",
    explanation: "Every opening quotation mark needs its closing mark in the same paragraph, unless the quotation \
goes on into the next paragraph, which then opens with a quotation mark (the news convention).\n\n\
Flagged:  “We will appeal this decision, Ahmed said.\n\
Fine:     “We will appeal this decision,” Ahmed said.\n\n\
Fix: add the missing mark.\n\
Silence: <!-- copydesk-disable-next-line unbalanced-quote -->, or unbalanced-quote = \"off\" under [rules].",
    check,
};

fn check(acc: &mut Vec<Finding>, ctx: &RuleContext<'_>) {
    for quote in &ctx.quotations.quotes {
        if quote.closed {
            continue;
        }
        let mark_len = ctx
            .prose
            .get(quote.range.start..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, char::len_utf8);
        let inner = ctx
            .prose
            .get(quote.inner.start..quote.inner.end)
            .unwrap_or("");
        acc.push(Finding::new(
            TextRange::new(quote.range.start, quote.range.start + mark_len),
            format!("Quotation “{}” is never closed", excerpt(inner, 5)),
        ));
    }
    for stray in &ctx.quotations.stray_closers {
        acc.push(Finding::new(
            *stray,
            "Closing quotation mark has no opening mark".to_string(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::check;

    const ID: &str = "unbalanced-quote";

    #[test]
    fn unclosed_and_unopened_marks_are_flagged() {
        check(
            ID,
            "“We will appeal this decision, Ahmed said.
^

Nothing was decided,” the clerk said.
                    ^
",
        );
    }

    #[test]
    fn continuation_over_paragraphs_is_balanced() {
        check(
            ID,
            "“He never missed a day,” Lund said. “Not for holidays.

“Not for illness either.”
",
        );
    }
}
