//! A sequence of client edits applied to a rope gives the same text as the same edits
//! applied to a plain string through `Source` positions.
#![no_main]

use copydesk::text::position::apply_edit;
use copydesk::text::{Encoding, LineCol, Source};
use libfuzzer_sys::fuzz_target;
use ropey::Rope;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The input is: initial text, then edits separated by \u{1}: "l1 c1 l2 c2 e|insert".
    let mut parts = text.split('\u{1}');
    let initial = parts.next().unwrap_or("");
    let mut rope = Rope::from_str(initial);
    let mut expected = initial.to_string();
    for edit in parts.take(32) {
        let (numbers, insert) = edit.split_once('|').unwrap_or((edit, ""));
        let n: Vec<u32> = numbers
            .split(' ')
            .filter_map(|n| n.parse().ok())
            .chain(std::iter::repeat(0))
            .take(5)
            .collect();
        let encoding = match n[4] % 3 {
            0 => Encoding::Utf8,
            1 => Encoding::Utf16,
            _ => Encoding::Utf32,
        };
        let start = LineCol { line: n[0] % 64, col: n[1] };
        let end = LineCol { line: n[2] % 64, col: n[3] };
        apply_edit(&mut rope, start, end, insert, encoding);
        let source = Source::new(expected.as_str());
        let a = source.offset(start, encoding);
        let b = source.offset(end, encoding);
        let (from, to) = (a.min(b), a.max(b));
        expected = format!("{}{}{}", &expected[..from], insert, &expected[to..]);
        assert_eq!(rope.to_string(), expected);
    }
});
