//! Hostile drafts: the analysis ends, never panics, and reports in-bounds ranges on
//! character boundaries, for every kind of input a client might send.

use copydesk::analysis::{analyze, Config, Format};
use copydesk::text::{Encoding, LineCol, Source};

fn check(name: &str, text: &str) {
    let source = Source::new(text);
    for format in [Format::Markdown, Format::PlainText] {
        let analysis = analyze(&source, format, &Config::default());
        for finding in analysis.findings.iter().chain(&analysis.suppression_notes) {
            let range = finding.range;
            assert!(
                range.start <= range.end && range.end <= text.len(),
                "{name}: {range:?}"
            );
            assert!(
                text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                "{name}: {range:?} splits a character"
            );
        }
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for offset in [0, text.len() / 2, text.len()] {
                let position = source.line_col(offset, encoding);
                let back = source.offset(position, encoding);
                assert!(back <= text.len() && text.is_char_boundary(back), "{name}");
            }
            let far = source.offset(
                LineCol {
                    line: u32::MAX,
                    col: u32::MAX,
                },
                encoding,
            );
            assert_eq!(far, text.len());
        }
    }
}

#[test]
fn hostile_drafts_do_not_break_the_analysis() {
    let long_line = "Officials said the fund, worth $3 million, “grew”. ".repeat(200_000);
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("only quote marks", "“”‘’\"'«»„“".repeat(500)),
        (
            "10,000 unclosed quotes",
            "“Nobody said this ".repeat(10_000),
        ),
        ("10 MB single line", long_line),
        (
            "NUL and control characters",
            "Aid of $5\0 million\u{1}\u{7}\u{1b}[31m rose 4%\u{0}.".to_string(),
        ),
        (
            "BOM",
            "\u{feff}“Winter is the weapon now,” she said. Costs rose 9%.".to_string(),
        ),
        (
            "lone CR and CRLF",
            "Line one said 4%.\rLine two.\r\n“Quote here now.”\r\n".to_string(),
        ),
        (
            "right to left",
            "قال المتحدث إن 40% من السكان غادروا. “שלום עולם כאן”".to_string(),
        ),
        (
            "combining marks",
            "Jose\u{301} A\u{301}lvarez said 12%. Jose\u{301} left.".repeat(50),
        ),
        (
            "emoji and ZWJ",
            "👩‍🚀 “🚶‍♀️🚶 We walk 🏳️‍🌈 now 👨‍👩‍👧‍👦,” said Ana 🙂 Ruiz. 3 👍".repeat(100),
        ),
        (
            "1,000 nested block quotes",
            format!("{} “Deep quote here now.”\n", ">".repeat(1000)),
        ),
        (
            "1,000 nested lists",
            (0..1000)
                .map(|i| format!("{}- item {i} rose 5%\n", "  ".repeat(i)))
                .collect(),
        ),
        (
            "unclosed fence",
            "```\n“Code quote here.”\n$4 million\n".to_string(),
        ),
        (
            "regex bait digits",
            "1".repeat(100_000) + &",000".repeat(10_000),
        ),
        ("regex bait words", "one in ".repeat(50_000)),
        (
            "other digits before a digit",
            "٣,".repeat(50_000) + &",".repeat(50_000) + "5",
        ),
        (
            "many names",
            "Ana Ruiz met Bo Li and Cy Ng. ".repeat(20_000),
        ),
        ("many periods", ". ".repeat(100_000)),
        (
            // Found by fuzzing: each quotation re-read its whole sentence, and each source
            // lookup compared every word with every quotation; this took minutes.
            "thousands of quotations in one sentence",
            "the schedule \"\" in Marche \"x\" according to 4% ".repeat(8_000),
        ),
        (
            // 30,000 findings on one line: columns are counted from checkpoints.
            "30,000 figures and quotations on one line",
            "\"a\" 4% ".repeat(30_000),
        ),
        ("many colons", "X said: ".repeat(20_000)),
        ("html comments", "<!-- copydesk-disable -->".repeat(5_000)),
    ];
    for (name, text) in &cases {
        check(name, text);
    }
}
