//! unsourced-figure
//!
//! *What it flags*: a number printed as fact (money, a percentage, a count, a measurement,
//! a ranking) with no source in its sentence or paragraph.
//!
//! *Why an editor cares*: a reader must be able to see where a figure comes from.
//!
//! *Flagged*: `Congress has approved about $61 billion in military aid.` on its own.
//!
//! *Fine*: `… $61 billion, according to the Pentagon.`; a source earlier or later in the
//! paragraph; figures inside quotations; dates, years, times, durations, ages, addresses,
//! identifiers (Section 230, Boeing 777, COVID-19), compounds (a four-story building),
//! scores and vote tallies, vague quantities (dozens, hundreds of).
//!
//! *Known limits*: a source in the previous paragraph does not reach a figure, as the
//! guidelines say, even when a reader would connect them.

use super::{Rule, RuleContext};
use crate::analysis::config::Severity;
use crate::analysis::Finding;

pub const RULE: Rule = Rule {
    id: "unsourced-figure",
    default_severity: Severity::Warning,
    summary: "A number presented as fact with no source",
    explanation: "A figure (money, a percentage, a count, a measurement, a ranking) needs a source the reader can \
see in its sentence or paragraph: according to X, X said, data from X, a report by X, per X, citing X, or a link. \
Agentless phrasing (an estimated 2,800; is expected to top $5 billion) is not a source. Dates, years, times, \
durations, ages, addresses, identifiers, compounds such as a four-story building, sports scores, vote tallies, \
vague quantities and numbers inside quotations are not figures.\n\n\
Flagged:  Congress has approved about $61 billion in military aid.\n\
Fine:     Congress has approved about $61 billion in military aid, according to the Pentagon.\n\n\
Fix: add the source (according to …) to the sentence or paragraph.\n\
Silence: <!-- copydesk-disable-next-line unsourced-figure -->, or unsourced-figure = \"off\" under [rules].",
    check,
};

fn check(acc: &mut Vec<Finding>, ctx: &RuleContext<'_>) {
    for figure in ctx.figures {
        if figure.source.is_some() {
            continue;
        }
        let text = ctx
            .prose
            .get(figure.range.start..figure.range.end)
            .unwrap_or("");
        acc.push(Finding::new(
            figure.range,
            format!("Figure “{text}” has no source in its sentence or paragraph"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::check;

    const ID: &str = "unsourced-figure";

    #[test]
    fn unsourced_money_percent_and_counts_are_flagged() {
        check(
            ID,
            "Congress has approved about $61 billion in military aid.
                                 ^^^^^^^^^^^
The war has forced 3.5 million people from their homes, and 40% of capacity is gone.
                   ^^^^^^^^^^^                              ^^^
A crowd of 21,480 watched, and the club is now the third-largest in the region.
           ^^^^^^                                  ^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn a_source_in_the_sentence_or_paragraph_covers_the_figure() {
        check(
            ID,
            "The city will spend $184.6 million next year, according to the budget office.

Prosecutors said Tran claimed a fleet of 300 trucks. In fact it leased fewer than 40.

Turnout reached 62%, the electoral commission reported.

Rents rose 8% last year ([city data](https://example.org/rents)).

Analysts polled by the Harbour Times had expected 2.1% growth.
",
        );
    }

    #[test]
    fn a_source_does_not_reach_into_the_next_paragraph() {
        check(
            ID,
            "Wages rose 6.7 per cent, the statistics office said.

The average salary is now £48,000 a year.
                          ^^^^^^^
",
        );
    }

    #[test]
    fn agentless_phrasing_is_not_a_source() {
        check(
            ID,
            "An estimated 2,800 people were treated for heat exhaustion.
             ^^^^^
Damage was estimated at $1.5 million.
                        ^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn numbers_that_are_not_claims_are_left_alone() {
        check(
            ID,
            "Tran, 52, was sentenced on Jan. 15 to nine years under Section 1343 at 6 p.m.

The four-story building at 212 Canal Street was built in the 1990s by a 15-member crew.

Rovers beat City 2-1 and the council voted 5-2; dozens of people and hundreds of fans watched.

The Boeing 777 crew reported COVID-19 and H5N1 cases among the two companies.

“We lost 40 workers this year,” the mayor said.
",
        );
    }

    #[test]
    fn more_numbers_that_are_not_claims() {
        check(ID, "Call 555-0199 or see chapter 12 on page 48 about World War II and the G7 on Fifth Avenue.

It was his ninth goal of the season, and she won 6-3, 7-5 in the final.

The hearing is at 9 a.m. on Tuesday, a year and a half after the fire.

The screening is offered to women under 50 and to smokers older than 40.

Her father, Einar Lund, now 88, still bakes at Christmas and on Saturdays.
");
    }

    #[test]
    fn a_list_after_a_sourced_colon_lead_in_is_sourced() {
        check(
            ID,
            "The electoral commission published the results:

- Talagi: 578 votes
- Vivian: 563 votes
",
        );
    }

    #[test]
    fn a_table_after_a_sourced_colon_lead_in_is_sourced_and_one_without_is_not() {
        check(
            ID,
            "The Treasury said the package would cost £9bn. Here is what changes:

| Measure | Cost |
|---|---|
| Fuel duty freeze | £3bn |
| Childcare | £1.7bn |

Other measures:

| Measure | Cost |
|---|---|
| Rail fares | £400m |
               ^^^^^
",
        );
    }

    #[test]
    fn a_bound_on_people_that_is_not_an_age_is_a_figure() {
        check(
            ID,
            "The ward took in men over 6 feet tall.
                          ^^^^^^
It also took in over 40 children.
                     ^^
",
        );
    }

    #[test]
    fn spelled_counts_and_proportions_are_figures() {
        check(
            ID,
            "Vik appeared in 17 novels and was played by four different actors.
                ^^                          ^^^^
One in three tenants now spends half of their income on rent.
^^^^^^^^^^^^                    ^^^^
Four out of 10 households have no meter, and the jury cleared him on two of three charges.
^^^^^^^^^^^^^^                                                      ^^^^^^^^^^^^
",
        );
    }
}
