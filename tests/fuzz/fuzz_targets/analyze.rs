//! Any text, as markdown or as plain text (by the parity of its length, so each input costs
//! one analysis): analysis ends, and every range it reports is in bounds and on character
//! boundaries.
#![no_main]

use copydesk::analysis::{analyze, Config, Format};
use copydesk::text::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new(text);
    let format = if text.len() % 2 == 0 {
        Format::Markdown
    } else {
        Format::PlainText
    };
    {
        let analysis = analyze(&source, format, &Config::default());
        for finding in analysis.findings.iter().chain(&analysis.suppression_notes) {
            assert!(finding.range.start <= finding.range.end && finding.range.end <= text.len());
            assert!(text.is_char_boundary(finding.range.start) && text.is_char_boundary(finding.range.end));
        }
        for mention in &analysis.mentions.mentions {
            assert!(text.is_char_boundary(mention.range.start) && text.is_char_boundary(mention.range.end));
        }
    }
});
