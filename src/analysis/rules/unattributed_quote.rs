//! unattributed-quote
//!
//! *What it flags*: a direct quotation of speech that nobody in the draft is said to have said.
//!
//! *Why an editor cares*: a quotation without a speaker cannot be checked, and readers
//! cannot weigh it. It is the error a copy desk fears most.
//!
//! *Flagged*: `“Winter is the weapon now.”` in a paragraph of its own, after narrative;
//! a quotation after a paragraph that only paraphrases the speaker.
//!
//! *Fine*: `“…,” Peskov said.`, `Peskov said: “…”`, `according to Peskov`, a later quotation
//! in the same paragraph, a paragraph opening with a quotation right after an attributed
//! one, terms and titles (`so-called “peace process”`, the film “Oppenheimer”).
//!
//! *Known limits*: a pronoun speaker is accepted when any person was named before it.

use super::{excerpt, Rule, RuleContext};
use crate::analysis::config::Severity;
use crate::analysis::Finding;

pub const RULE: Rule = Rule {
    id: "unattributed-quote",
    default_severity: Severity::Warning,
    summary: "A direct quotation with no one saying it",
    explanation: "A direct quotation must say who said it. copydesk looks for a speaker and a speech verb \
(said, told, wrote, according to, in a statement) in the quotation's sentence, a lead-in ending in a colon, \
an attributed quotation earlier in the same paragraph, or, when the paragraph opens with the quotation, an \
attributed quotation at the end of the paragraph before. Terms, nicknames, titles and scare quotes (three words \
or fewer that are not a full sentence, or right after so-called, dubbed, the film, the book) are not speech.\n\n\
Flagged:  Officials in Kiev have opened heating centres.\n\n          “Winter is the weapon now.”\n\
Fine:     “Winter is the weapon now,” the mayor said.\n\n\
Fix: name the speaker in the quotation's sentence (“…,” Name said), or make it a paraphrase.\n\
Silence: <!-- copydesk-disable-next-line unattributed-quote --> above the line, or set\n\
unattributed-quote = \"off\" under [rules] in copydesk.toml.",
    check,
};

fn check(acc: &mut Vec<Finding>, ctx: &RuleContext<'_>) {
    for quote in &ctx.quotations.quotes {
        if quote.is_term || quote.attribution.is_some() {
            continue;
        }
        let inner = ctx
            .prose
            .get(quote.inner.start..quote.inner.end)
            .unwrap_or("");
        acc.push(Finding::new(
            quote.range,
            format!(
                "Quote “{}” has no attribution in its sentence or paragraph",
                excerpt(inner, 6)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::check;

    const ID: &str = "unattributed-quote";

    #[test]
    fn quote_after_narrative_is_flagged() {
        check(
            ID,
            "Crews worked through the night to restore power.

“Winter is the weapon now.”
^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn speaker_after_before_and_inside_attribute() {
        check(
            ID,
            "“We will rebuild the bridge,” Mayor Dana Cole said.

Cole said: “Nobody will be left behind on this.”

“The money is there,” she said, “and the will is there too.”

“The river is rising faster than forecast,” according to the Environment Agency.

The ministry said in a statement that “every household will be compensated in full.”
",
        );
    }

    #[test]
    fn a_pronoun_with_no_one_named_and_a_named_colon_lead_in_attribute() {
        check(
            ID,
            "The minister was blunt. ‘We will not be lectured by people who caused this,’ she told the Commons.

Opposition leader Kemi Adeyinka hit back: ‘The minister should read her own figures.’

Adeyinka went further:

> “This budget will be remembered for what it left out.”

The forecast was grim: “Growth will stall by the summer.”
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn speaker_goes_on_in_the_paragraph_and_into_the_next() {
        check(
            ID,
            "“The bridge closes tonight,” Cole said. “It reopens when engineers say so.”

“We will not take chances with people's lives.”
",
        );
    }

    #[test]
    fn paraphrase_before_does_not_attribute_a_new_quote() {
        check(
            ID,
            "Cole said the council had not cut spending.

“We fixed none of them.”
^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn sentence_without_speech_verb_does_not_attribute() {
        check(
            ID,
            "Nakamura wants a cap on rents. “A city that only the rich can afford is not a city.”
                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn narrative_sentence_after_attributed_quote_breaks_the_chain() {
        check(
            ID,
            "“We are losing customers,” said shop owner Ray Tate.

Prices keep rising. “Nobody can keep up with this any more.”
                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn terms_titles_and_scare_quotes_are_not_speech() {
        check(
            ID,
            "Moscow calls the war a “special military operation” and critics mock its “peace plan.”

Her first novel, “The Harbour Dead in Winter,” sold well, as did the film “Oppenheimer.”

The goalkeeper Marco “The Wall” Bianchi saved twice.
",
        );
    }

    #[test]
    fn british_single_quotes_and_apostrophes() {
        check(
            ID,
            "‘Our members keep this region moving,’ the union’s leader said.

The strike’s cost isn’t known. ‘It is always the passengers who pay in the end.’
                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn guillemets_and_german_marks() {
        check(
            ID,
            "« We did not expect this at all, » said researcher Amélie Roux.

Becker wrote: „Das hat uns alle sehr überrascht.“

The flock moved south in spring.

« The gulls are the missing piece here. »
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn a_quote_over_two_paragraphs_is_one_quotation() {
        check(
            ID,
            "“He wrote every single morning,” his daughter Maja Lund said. “He never missed a day.

“When my mother was ill he wrote in the waiting room.”
",
        );
    }

    #[test]
    fn lead_in_with_colon_attributes_a_block_quote() {
        check(
            ID,
            "Superintendent Laura Greene wrote in an email to parents:

> “This was the hardest recommendation I have made in my career.”
",
        );
    }

    #[test]
    fn unclosed_quote_runs_to_the_end_of_its_paragraph() {
        check(
            ID,
            "“We will appeal this decision, Ahmed said after the meeting.

The board adjourned at nine.

“Nobody asked the families, nobody listened.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn headings_and_code_are_never_judged() {
        check(
            ID,
            "# “Sweeping victory for nobody at all”

Use `“a quoted string in code”` here.

```
“Fenced quotation with no speaker.”
```
",
        );
    }

    #[test]
    fn pronoun_with_nobody_before_it_does_not_attribute() {
        check(
            ID,
            "“The vote was rigged from the start,” he said.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn list_items_are_judged_like_prose() {
        check(
            ID,
            "Residents told the meeting:

- “We were never asked about the closure.”

Other points:

- “Nobody from the council came to see us.”
  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
",
        );
    }
}
