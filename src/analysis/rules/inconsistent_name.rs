//! inconsistent-name
//!
//! *What it flags*: a later mention of a person, organisation or place spelled differently
//! from its first reference: transliteration (Peskov/Peskow), hyphens and spaces (Kim Jong
//! Un/Kim Jong-un), accents (José/Jose), letter case (McKenna/Mckenna), typos, a different
//! given name on a later full reference (Gregory Tran/Gary Tran), and house spellings.
//!
//! *Why an editor cares*: readers and lawyers notice a name spelled two ways.
//!
//! *Fine*: surname alone, title and surname, possessives, acronyms, short forms of a company,
//! all-capital datelines, two people who share a surname.
//!
//! *Known limits*: a misspelling more than two letters off (or one letter off in a name of
//! four to seven letters) is taken for a different name.

use super::{Rule, RuleContext};
use crate::analysis::config::Severity;
use crate::analysis::entities::VariantKind;
use crate::analysis::{Finding, Related};
use crate::text::Encoding;

pub const RULE: Rule = Rule {
    id: "inconsistent-name",
    default_severity: Severity::Warning,
    summary: "One person, organisation or place spelled two ways",
    explanation: "The first full reference fixes a name's spelling. Later mentions must match it: the surname alone, \
a title and surname, a possessive or an acronym are fine; a different transliteration, hyphenation, accent, letter \
case, a typo or a different given name is not.\n\n\
Flagged:  Kremlin spokesman Dmitry Peskov … Peskow later told reporters …\n\
Fine:     Kremlin spokesman Dmitry Peskov … Peskov later told reporters …\n\n\
Fix: use the first reference's spelling (a quick fix does it here or everywhere), or set a house spelling.\n\
Silence: <!-- copydesk-disable-next-line inconsistent-name -->, or inconsistent-name = \"off\" under [rules].",
    check,
};

fn check(acc: &mut Vec<Finding>, ctx: &RuleContext<'_>) {
    for mention in &ctx.mentions.mentions {
        let Some(variant) = &mention.variant else {
            continue;
        };
        let Some(entity) = ctx.mentions.entities.get(mention.entity) else {
            continue;
        };
        let found = ctx
            .prose
            .get(mention.range.start..mention.range.end)
            .unwrap_or("");
        let line = ctx.source.line_col(entity.first.start, Encoding::Utf8).line + 1;
        let message = match variant.kind {
            VariantKind::HouseStyle => {
                format!("House style spells “{found}” as “{}”", variant.expected)
            }
            VariantKind::GivenName => format!(
                "“{found}” has a different given name from the first reference “{}” (line {line})",
                variant.expected
            ),
            _ => format!(
                "“{found}” is spelled “{}” on first reference (line {line})",
                variant.expected
            ),
        };
        let mut finding = Finding::new(mention.range, message);
        finding.related.push(Related {
            range: entity.first,
            message: format!("first reference: {}", entity.canonical),
        });
        finding.replacement = Some(replacement(found, &variant.expected));
        acc.push(finding);
    }
}

/// The spelling to put in place of `found`: the expected form, with the same number of
/// words when the expected form is a full name and `found` a surname.
fn replacement(found: &str, expected: &str) -> String {
    let found_words = found.split_whitespace().count();
    let expected_words: Vec<&str> = expected.split_whitespace().collect();
    if found_words == 1 && expected_words.len() > 1 {
        return expected_words
            .last()
            .copied()
            .unwrap_or(expected)
            .to_string();
    }
    expected.to_string()
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{check, check_with};
    use crate::analysis::{Config, Format, HouseSpelling};

    const ID: &str = "inconsistent-name";

    #[test]
    fn transliteration_and_typos_in_a_later_surname() {
        check(
            ID,
            "Kremlin spokesman Dmitry Peskov dismissed the package. Peskov said it changed nothing.

Peskow later told reporters that talks were possible.
^^^^^^
Council member Rosa Delgado objected. Delgato voted against.
                                      ^^^^^^^
",
        );
    }

    #[test]
    fn hyphenation_accents_and_case() {
        check(
            ID,
            "Kim Jong Un met Ban Ki-moon and José Álvarez with Zoë Harper and Ian McKenna.

Later Kim Jong-un and Ban Ki Moon spoke while Jose Alvarez, Zoe Harper and Ian Mckenna listened.
      ^^^^^^^^^^^     ^^^^^^^^^^^             ^^^^^^^^^^^^  ^^^^^^^^^^     ^^^^^^^^^^^
",
        );
    }

    #[test]
    fn a_double_surname_halved_or_a_surname_split_in_two() {
        check(
            ID,
            "Deputy mayor Inés Robles-Vidal opened the hearing. Vidal said the tram would be late.
                                                   ^^^^
Trade minister Karim Benaissa met the delegation. Later Ben Aissa said talks had gone well.
                                                        ^^^^^^^^^
Judge Mary Ellen Fox-Tate presided. Fox-Tate said Fox Tate's ruling stood.
                                                  ^^^^^^^^
",
        );
    }

    #[test]
    fn a_different_given_name_on_a_later_full_reference() {
        check(
            ID,
            "Gregory Tran founded the firm. Tran pleaded guilty.

Gary Tran must report to prison by June.
^^^^^^^^^
",
        );
    }

    #[test]
    fn the_apostrophes_style_is_not_a_variant_but_a_dropped_accent_is() {
        check(
            ID,
            "Substitute Jamie O'Connell scored late. “I just hit it,” O’Connell said.

Council leader Siobhán O’Rourke called for calm. Siobhan O'Rourke later met residents.
                                                 ^^^^^^^^^^^^^^^^
",
        );
    }

    #[test]
    fn places_spelled_two_ways() {
        check(
            ID,
            "Ministers met in Kyiv on Monday.

Officials in Kiev opened heating centres.
             ^^^^
",
        );
    }

    #[test]
    fn consistent_references_are_not_flagged() {
        check(
            ID,
            "Council member Helen Brandt proposed the cut. Brandt said Ms Brandt's plan was fair.

The Department of Public Works (DPW) said the DPW would hire. Nordlicht Systems said Nordlicht grew.

NEWARK — Gregory Tran was sentenced in Newark. Russia said Russian troops would stay.

Kim Jong Un’s sister spoke. Kim said nothing.

Poet Rocío Ruiz Ortega read first. Ruiz Ortega said the prize mattered.

Ana Lucía Pardo-Vega and her son, Tomás Vega, arrived. Ana spoke first, then Lucía. Union leader Khalil al-Hayya spoke; Al-Hayya left.
",
        );
    }

    #[test]
    fn two_people_who_share_a_surname_are_not_a_variant() {
        check(
            ID,
            "City equalised through Tom Hale.

City manager Ryan Hale — no relation to the scorer — said little.

Henrik Sørensen died. Ingrid Sørensen, his wife, died in 2019.

Foreign Minister Park Jin spoke. Defence Minister Park Min-soo spoke later.
",
        );
    }

    #[test]
    fn house_spellings_are_enforced() {
        let config = Config {
            house_spellings: vec![HouseSpelling {
                preferred: "Zelenskyy".to_string(),
                variants: vec!["Zelensky".to_string()],
            }],
            ..Config::default()
        };
        let draft = "President Volodymyr Zelensky spoke.
                    ^^^^^^^^
";
        check_with(ID, draft, &config, Format::Markdown);
    }
}
