//! Benchmarks of the analysis core on generated newsroom drafts of about 1,000, 10,000 and
//! 100,000 words, whole and stage by stage. Run with `cargo bench`; prints the median of
//! several runs per draft and per 1,000 words, so growth with size is visible, and the
//! fastest run.

use copydesk::analysis::{
    analyze, analyze_with, entities, figures, memo, quotes, segment, Config, Format, Memo,
};
use copydesk::text::{Source, TextRange};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A small deterministic generator (a linear congruential generator).
struct Dice(u64);

impl Dice {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        items[(self.0 >> 33) as usize % items.len()]
    }
    fn number(&mut self, max: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % max
    }
}

const FIRST: &[&str] = &[
    "Anna", "Dmitry", "Helen", "Rosa", "Tomas", "Amélie", "Kwame", "Priya", "Lars", "Mei",
];
const LAST: &[&str] = &[
    "Kowalski", "Peskov", "Brandt", "Delgado", "Reyes", "Roux", "Mensah", "Nair", "Holm", "Chen",
];
const ROLE: &[&str] = &[
    "council member",
    "spokesman",
    "Finance Minister",
    "chief executive",
    "Superintendent",
];
const ORG: &[&str] = &[
    "the Department of Public Works",
    "Harbour Authority",
    "the Ministry of Health",
    "Northline Rail",
];
const PLACE: &[&str] = &["Leeds", "Kyiv", "Seoul", "Portland", "Munich", "Harare"];

/// A draft of about `words` words: paragraphs of narrative, quotations and figures.
fn draft(words: usize, seed: u64) -> String {
    let mut dice = Dice(seed);
    let mut out = String::from("# A generated story for benchmarks\n\n");
    let mut count = 0;
    while count < words {
        let first = dice.pick(FIRST);
        let last = dice.pick(LAST);
        let paragraph = match dice.number(6) {
            0 => format!(
                "{} {first} {last} said on Tuesday that {} would review the plan in {}.",
                dice.pick(ROLE), dice.pick(ORG), dice.pick(PLACE)
            ),
            1 => format!(
                "“We cannot keep patching a bridge that carries {} cars a day,” {last} said. “The money has to come from somewhere.”",
                dice.number(90_000) + 1_000
            ),
            2 => format!(
                "The city spent ${}.{} million last year, up {}% on the year before, according to {}.",
                dice.number(900) + 10, dice.number(10), dice.number(40) + 1, dice.pick(ORG)
            ),
            3 => format!(
                "About {} residents attended the meeting on Jan. {} at {} p.m., and {} of them spoke.",
                dice.number(2_000) + 100, dice.number(28) + 1, dice.number(11) + 1, dice.number(60) + 2
            ),
            4 => "“Nobody asked the people who live here what they wanted from this.”".to_string(),
            _ => format!(
                "{last} later told reporters in {} that the so-called “rescue fund” was not enough.",
                dice.pick(PLACE)
            ),
        };
        count += paragraph.split_whitespace().count();
        out.push_str(&paragraph);
        out.push_str("\n\n");
    }
    out
}

/// The median and the fastest of several runs: on a shared machine the fastest is the
/// steadier figure for comparing two versions of the code.
#[derive(Clone, Copy)]
struct Timing {
    median: Duration,
    fastest: Duration,
}

fn time(runs: usize, mut f: impl FnMut()) -> Timing {
    f();
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    Timing {
        median: samples[samples.len() / 2],
        fastest: samples[0],
    }
}

fn report(label: &str, words: usize, timing: Timing) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let per_thousand = timing.median.as_secs_f64() * 1e6 / (words as f64 / 1000.0);
    println!(
        "{label:<28} {words:>7} words  {:>9.3} ms  {per_thousand:>8.1} µs per 1,000 words  (fastest {:.3} ms)",
        ms(timing.median),
        ms(timing.fastest),
    );
}

/// The re-analysis time after typing one character at the end of the middle paragraph (as
/// lspbench.py types), with the memo of the versions before it, as the server keeps one per
/// open draft.
fn keystrokes(text: &str, config: &Config, runs: usize) -> Timing {
    let paragraph_ends: Vec<usize> = text
        .match_indices("\n\n")
        .map(|(at, _)| at)
        .filter(|&at| at > 0)
        .collect();
    let at = paragraph_ends
        .get(paragraph_ends.len() / 2)
        .copied()
        .unwrap_or(text.len());
    let mut memo = Memo::default();
    analyze_with(
        &Source::new(text.to_string()),
        Format::Markdown,
        config,
        &mut memo,
    );
    // Real prose, a character at a time: a new sentence with a capital, a comma and a cue.
    let sentence = " The ministry did not respond to a request for comment, officials said.";
    let mut keys = sentence.chars().cycle();
    let mut typed = String::new();
    time(runs, || {
        typed.extend(keys.next());
        let edited = format!("{} {typed}{}", &text[..at], &text[at..]);
        let source = Source::new(edited);
        black_box(analyze_with(&source, Format::Markdown, config, &mut memo));
    })
}

fn main() {
    let config = Config::default();
    // COPYDESK_BENCH_FILE=draft.md times a draft of your own as well.
    if let Ok(path) = std::env::var("COPYDESK_BENCH_FILE") {
        if let Ok(text) = std::fs::read_to_string(&path) {
            let source = Source::new(text.clone());
            let words = text.split_whitespace().count();
            report(
                &format!("analyze {path}"),
                words,
                time(31, || {
                    black_box(analyze(black_box(&source), Format::Markdown, &config));
                }),
            );
            report(
                "analyze after a keystroke",
                words,
                keystrokes(&text, &config, 201),
            );
            println!();
        }
    }
    for words in [1_000, 10_000, 100_000] {
        let text = draft(words, 42);
        let actual_words = text.split_whitespace().count();
        let source = Source::new(text.clone());
        let runs = if words >= 100_000 { 11 } else { 31 };
        report(
            "analyze (whole)",
            actual_words,
            time(runs, || {
                black_box(analyze(black_box(&source), Format::Markdown, &config));
            }),
        );
        report(
            "analyze after a keystroke",
            actual_words,
            keystrokes(&text, &config, runs),
        );
        // Stage by stage, in the order analyze runs them.
        let segments = segment::segment(&text, Format::Markdown);
        report(
            "  segmentation",
            actual_words,
            time(runs, || {
                black_box(segment::segment(black_box(&text), Format::Markdown));
            }),
        );
        let mut quotations = quotes::find_quotes(&segments, &mut quotes::QuotesMemo::one_shot());
        quotes::mark_terms(&segments, &mut quotations.quotes, &config);
        let quote_ranges: Vec<TextRange> = quotations.quotes.iter().map(|q| q.range).collect();
        let sentences = segment::sentences(&segments, &quote_ranges, &mut memo::Table::one_shot());
        report(
            "  quotation marks+sentences",
            actual_words,
            time(runs, || {
                let mut found = quotes::find_quotes(&segments, &mut quotes::QuotesMemo::one_shot());
                quotes::mark_terms(&segments, &mut found.quotes, &config);
                let ranges: Vec<TextRange> = found.quotes.iter().map(|q| q.range).collect();
                black_box(segment::sentences(
                    &segments,
                    &ranges,
                    &mut memo::Table::one_shot(),
                ));
            }),
        );
        report(
            "  entities and names",
            actual_words,
            time(runs, || {
                black_box(entities::find_entities(
                    &segments,
                    &sentences,
                    &config,
                    &mut entities::NamesMemo::one_shot(),
                ));
            }),
        );
        let mentions = entities::find_entities(
            &segments,
            &sentences,
            &config,
            &mut entities::NamesMemo::one_shot(),
        );
        report(
            "  attribution",
            actual_words,
            time(runs, || {
                let mut found = quotations.quotes.clone();
                let ctx = quotes::AttributionContext {
                    segments: &segments,
                    sentences: &sentences,
                    mentions: &mentions,
                    config: &config,
                };
                quotes::attribute(&ctx, &mut found, &mut quotes::QuotesMemo::one_shot());
                black_box(found);
            }),
        );
        report(
            "  figures and sources",
            actual_words,
            time(runs, || {
                black_box(figures::find_figures(
                    &segments,
                    &sentences,
                    &quote_ranges,
                    &config,
                    &mut figures::FiguresMemo::one_shot(),
                ));
            }),
        );
        println!();
    }
}
