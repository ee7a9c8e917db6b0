//! Output of `copydesk check`: compiler-style text, JSON (schema `copydesk-check/1`,
//! documented in README.md) and SARIF 2.1.0.

use super::{rule_url, Checked};
use crate::analysis::{rules, Severity};
use crate::text::{Encoding, Source, TextRange};
use serde_json::{json, Value};
use std::fmt::Write;

fn line_column(source: &Source, offset: usize) -> (u32, u32) {
    let position = source.line_col(offset, Encoding::Utf32);
    (position.line + 1, position.col + 1)
}

pub fn human(checked: &[Checked]) -> String {
    let mut out = String::new();
    let mut total = 0;
    for file in checked {
        for finding in &file.analysis.findings {
            total += 1;
            let (line, column) = line_column(&file.source, finding.range.start);
            let _ = writeln!(
                out,
                "{}:{line}:{column}: {}[{}]: {}",
                file.path,
                finding.severity.label(),
                finding.rule,
                finding.message
            );
            let line_start = file
                .source
                .line_starts()
                .get(line as usize - 1)
                .copied()
                .unwrap_or(0);
            let line_end = file
                .source
                .line_starts()
                .get(line as usize)
                .copied()
                .unwrap_or(file.source.len());
            let line_text = file
                .source
                .slice(TextRange::new(line_start, line_end))
                .trim_end_matches(['\n', '\r']);
            let span_end = finding.range.end.min(line_start + line_text.len());
            let width = file
                .source
                .slice(TextRange::new(finding.range.start, span_end))
                .chars()
                .count()
                .max(1);
            let gutter = line.to_string().len();
            let _ = writeln!(out, "{:>gutter$} | {line_text}", line);
            let _ = writeln!(
                out,
                "{:>gutter$} | {}{}",
                "",
                " ".repeat(column as usize - 1),
                "^".repeat(width)
            );
        }
    }
    let files = checked.len();
    let _ = writeln!(
        out,
        "{total} finding{} in {files} file{}",
        if total == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    );
    out
}

fn position(source: &Source, offset: usize) -> Value {
    let (line, column) = line_column(source, offset);
    json!({"line": line, "column": column})
}

pub fn json(checked: &[Checked], errors: &[String]) -> String {
    let files: Vec<Value> = checked
        .iter()
        .map(|file| {
            let source = &file.source;
            let analysis = &file.analysis;
            let findings: Vec<Value> = analysis
                .findings
                .iter()
                .map(|f| {
                    json!({
                        "rule": f.rule,
                        "severity": f.severity.label(),
                        "message": f.message,
                        "text": source.slice(f.range),
                        "start": position(source, f.range.start),
                        "end": position(source, f.range.end),
                        "byte_range": [f.range.start, f.range.end],
                        "related": f.related.iter().map(|r| json!({
                            "message": r.message,
                            "start": position(source, r.range.start),
                            "end": position(source, r.range.end),
                        })).collect::<Vec<_>>(),
                        "fix": f.replacement,
                    })
                })
                .collect();
            let quotes: Vec<Value> = analysis
                .quotes
                .iter()
                .filter(|q| !q.is_term)
                .map(|q| {
                    let speaker = q.attribution.as_ref().map(|a| {
                        let entity = a.entity.and_then(|e| analysis.mentions.entities.get(e));
                        json!({
                            "as_written": a.speaker.map(|s| source.slice(s)),
                            "entity": entity.map(|e| e.canonical.clone()),
                            "cue": source.slice(a.cue),
                            "vague": a.vague,
                        })
                    });
                    json!({
                        "text": source.slice(q.range),
                        "start": position(source, q.range.start),
                        "end": position(source, q.range.end),
                        "speaker": speaker,
                    })
                })
                .collect();
            let cast: Vec<Value> = analysis
                .mentions
                .entities
                .iter()
                .zip(analysis.cast())
                .map(|(entity, member)| {
                    json!({
                        "name": entity.canonical,
                        "kind": entity.kind.label(),
                        "first_reference": position(source, entity.first.start),
                        "mentions": member.mentions.len(),
                        "spellings": entity.spellings,
                        "roles": entity.roles,
                        "quotes": member.quotes.len(),
                    })
                })
                .collect();
            json!({
                "path": file.path,
                "findings": findings,
                "quotes": quotes,
                "cast": cast,
            })
        })
        .collect();
    let document = json!({
        "schema": "copydesk-check/1",
        "files": files,
        "errors": errors,
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

pub fn sarif(checked: &[Checked]) -> String {
    let rule_list: Vec<Value> = rules::RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.explanation},
                "helpUri": rule_url(rule.id),
                "defaultConfiguration": {"level": sarif_level(rule.default_severity)},
            })
        })
        .collect();
    let results: Vec<Value> = checked
        .iter()
        .flat_map(|file| {
            file.analysis.findings.iter().map(move |f| {
                let (start_line, start_column) = line_column(&file.source, f.range.start);
                let (end_line, end_column) = line_column(&file.source, f.range.end);
                json!({
                    "ruleId": f.rule,
                    "level": sarif_level(f.severity),
                    "message": {"text": f.message},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": file.path.replace('\\', "/")},
                            "region": {
                                "startLine": start_line,
                                "startColumn": start_column,
                                "endLine": end_line,
                                "endColumn": end_column,
                                "snippet": {"text": file.source.slice(f.range)},
                            }
                        }
                    }],
                })
            })
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/copydesk/copydesk",
                "rules": rule_list,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}
