//! Position conversion on any text: offsets stay in bounds and on boundaries, and a
//! position made from an offset converts back to it.
#![no_main]

use copydesk::text::{Encoding, LineCol, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (head, rest) = data.split_at(8);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let line = u32::from_le_bytes([head[0], head[1], 0, 0]) % 64;
    let col = u32::from_le_bytes([head[2], head[3], head[4], 0]);
    let encoding = match head[5] % 3 {
        0 => Encoding::Utf8,
        1 => Encoding::Utf16,
        _ => Encoding::Utf32,
    };
    let source = Source::new(text);
    let offset = source.offset(LineCol { line, col }, encoding);
    assert!(offset <= text.len() && text.is_char_boundary(offset));
    let position = source.line_col(offset, encoding);
    assert_eq!(source.offset(position, encoding), offset);
});
