//! Analysing a draft version after version with one memo gives the same result as
//! analysing each version afresh, whatever the edits: the memo's paragraph tables and the
//! moved linking of names must never answer for text that changed.
#![no_main]

use copydesk::analysis::{analyze, analyze_with, Config, Format, Memo};
use copydesk::text::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The input is: the first version, then edits separated by \u{1}, each "at|insert":
    // `at` (a byte offset, moved back to a character boundary) and the text put there; a
    // leading `-` deletes that many characters from `at` first.
    let mut parts = text.split('\u{1}');
    let mut draft = parts.next().unwrap_or("").to_string();
    let format = if text.len() % 2 == 0 {
        Format::Markdown
    } else {
        Format::PlainText
    };
    let config = Config::default();
    let mut memo = Memo::default();
    let mut check = |draft: &str| {
        let source = Source::new(draft);
        let warm = analyze_with(&source, format, &config, &mut memo);
        let fresh = analyze(&source, format, &config);
        assert_eq!(format!("{warm:?}"), format!("{fresh:?}"), "{draft:?}");
    };
    check(&draft);
    for edit in parts.take(16) {
        let (place, insert) = edit.split_once('|').unwrap_or((edit, ""));
        let (delete, place) = match place.strip_prefix('-') {
            Some(rest) => rest.split_once(' ').unwrap_or(("1", rest)),
            None => ("0", place),
        };
        let mut at = place.parse::<usize>().unwrap_or(0).min(draft.len());
        while !draft.is_char_boundary(at) {
            at -= 1;
        }
        let deleted: usize = draft[at..]
            .chars()
            .take(delete.parse().unwrap_or(0))
            .map(char::len_utf8)
            .sum();
        draft.replace_range(at..at + deleted, insert);
        check(&draft);
    }
});
