//! `copydesk check` and `copydesk explain`: read files, analyse, render, pick the exit code.
//!
//! Exit codes: 0 clean, 1 a finding at or above `--fail-on`, 2 a usage, configuration or
//! I/O error (an unreadable file is reported and the other files are still checked).

mod render;

use crate::analysis::{analyze, rules, Analysis, Config, Format, Severity};
use crate::settings;
use crate::text::Source;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
}

pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: OutputFormat,
    pub fail_on: Severity,
    pub config: Option<PathBuf>,
}

/// One checked draft.
pub struct Checked {
    pub path: String,
    pub source: Source,
    pub analysis: Analysis,
}

const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("txt") => Format::PlainText,
        _ => Format::Markdown,
    }
}

/// Expands folders into the drafts inside them, sorted for stable output.
fn collect(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => {
            errors.push(format!("{}: {err}", path.display()));
            return;
        }
    };
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(err) => {
            errors.push(format!("{}: {err}", path.display()));
            return;
        }
    };
    entries.sort();
    for entry in entries {
        let is_symlink =
            std::fs::symlink_metadata(&entry).is_ok_and(|m| m.file_type().is_symlink());
        let hidden = entry
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules");
        if is_symlink || hidden {
            continue;
        }
        if entry.is_dir() {
            collect(&entry, out, errors);
        } else if entry
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e))
        {
            out.push(entry);
        }
    }
}

fn config_for(path: Option<&Path>, explicit: Option<&Path>) -> Result<Config, String> {
    let file = match explicit {
        Some(file) => Some(file.to_path_buf()),
        None => {
            let start = path
                .and_then(Path::parent)
                .map(Path::to_path_buf)
                .or_else(|| std::env::current_dir().ok());
            start.and_then(|dir| {
                let dir = if dir.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    dir
                };
                let absolute = std::fs::canonicalize(&dir).unwrap_or(dir);
                settings::find_config(&absolute, None)
            })
        }
    };
    match file {
        None => Ok(Config::default()),
        Some(file) => settings::load(&file).map_err(|err| format!("{}: {err}", file.display())),
    }
}

/// Runs `copydesk check` and returns the exit code.
pub fn check(options: &CheckOptions) -> u8 {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    let mut read_stdin = false;
    for path in &options.paths {
        if path.as_os_str() == "-" {
            read_stdin = true;
        } else {
            collect(path, &mut files, &mut errors);
        }
    }
    let mut checked = Vec::new();
    if read_stdin {
        let mut bytes = Vec::new();
        match io::stdin().read_to_end(&mut bytes) {
            Ok(_) => match String::from_utf8(bytes) {
                Ok(text) => match config_for(None, options.config.as_deref()) {
                    Ok(config) => checked.push(run_one(
                        "<stdin>".to_string(),
                        text,
                        Format::Markdown,
                        &config,
                    )),
                    Err(err) => errors.push(err),
                },
                Err(err) => errors.push(format!(
                    "<stdin>: not valid UTF-8 (first bad byte at offset {})",
                    err.utf8_error().valid_up_to()
                )),
            },
            Err(err) => errors.push(format!("<stdin>: {err}")),
        }
    }
    for file in &files {
        let display = file.display().to_string();
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(err) => {
                errors.push(format!("{display}: cannot read: {err}"));
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                errors.push(format!(
                    "{display}: not valid UTF-8 (first bad byte at offset {}); save the draft as UTF-8",
                    err.utf8_error().valid_up_to()
                ));
                continue;
            }
        };
        let config = match config_for(Some(file), options.config.as_deref()) {
            Ok(config) => config,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        checked.push(run_one(display, text, format_of(file), &config));
    }
    let output = match options.format {
        OutputFormat::Human => render::human(&checked),
        OutputFormat::Json => render::json(&checked, &errors),
        OutputFormat::Sarif => render::sarif(&checked),
    };
    let mut stdout = io::stdout().lock();
    if let Err(err) = stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if err.kind() == io::ErrorKind::BrokenPipe {
            return 0;
        }
        errors.push(format!("cannot write output: {err}"));
    }
    for error in &errors {
        eprintln!("copydesk: error: {error}");
    }
    if !errors.is_empty() {
        return 2;
    }
    let failing = checked
        .iter()
        .flat_map(|c| c.analysis.findings.iter())
        .any(|f| f.severity >= options.fail_on);
    u8::from(failing)
}

fn run_one(path: String, text: String, format: Format, config: &Config) -> Checked {
    let source = Source::new(text);
    let mut analysis = analyze(&source, format, config);
    analysis.findings.append(&mut analysis.suppression_notes);
    analysis
        .findings
        .sort_by(|a, b| (a.range.start, a.rule).cmp(&(b.range.start, b.rule)));
    Checked {
        path,
        source,
        analysis,
    }
}

/// Prints a rule's explanation, or the list of rules. Returns the exit code.
pub fn explain(rule_id: Option<&str>) -> u8 {
    match rule_id {
        None => {
            for rule in rules::RULES {
                println!(
                    "{:<22} {:<12} {}",
                    rule.id,
                    rule.default_severity.label(),
                    rule.summary
                );
            }
            0
        }
        Some(id) => match rules::rule(id) {
            Some(rule) => {
                println!(
                    "{} ({} by default)\n\n{}\n\n{}",
                    rule.id,
                    rule.default_severity.label(),
                    rule.summary,
                    rule.explanation
                );
                0
            }
            None => {
                let known: Vec<&str> = rules::RULES.iter().map(|r| r.id).collect();
                eprintln!(
                    "copydesk: error: unknown rule `{id}`: expected one of {}",
                    known.join(", ")
                );
                2
            }
        },
    }
}

/// The README anchor of a rule, used as the diagnostic's `codeDescription`.
pub fn rule_url(id: &str) -> String {
    format!("https://github.com/copydesk/copydesk#{id}")
}
