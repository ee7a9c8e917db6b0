//! Quick fixes for findings, read from the stored analysis: attribute a quotation, source a
//! figure, fix a name here or everywhere, and silence a finding for a line or the draft.

use super::convert;
use crate::analysis::{Analysis, Finding, Format};
use crate::text::{Encoding, Source, TextRange};
use std::collections::HashMap;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions, Diagnostic,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};

struct Edit {
    range: TextRange,
    text: String,
}

fn action(
    title: String,
    uri: &Url,
    source: &Source,
    edits: Vec<Edit>,
    diagnostic: &Diagnostic,
    encoding: Encoding,
    preferred: bool,
) -> CodeActionOrCommand {
    let text_edits = edits
        .into_iter()
        .map(|edit| TextEdit {
            range: convert::range(source, edit.range, encoding),
            new_text: edit.text,
        })
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), text_edits)])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// Where a line starts, for inserting a suppression above it.
fn line_start(source: &Source, offset: usize) -> usize {
    let line = source.line_col(offset, Encoding::Utf8).line as usize;
    source.line_starts().get(line).copied().unwrap_or(0)
}

/// Where a file-wide suppression goes: the top, or after YAML/TOML front matter.
fn top_of_draft(source: &Source, format: Format) -> usize {
    let text = source.text();
    if format == Format::Markdown {
        for fence in ["---", "+++"] {
            if text.starts_with(&format!("{fence}\n")) || text.starts_with(&format!("{fence}\r\n"))
            {
                let starts = source.line_starts();
                for (idx, start) in starts.iter().enumerate().skip(1) {
                    let end = starts.get(idx + 1).copied().unwrap_or(text.len());
                    if source.slice(TextRange::new(*start, end)).trim_end() == fence {
                        return end;
                    }
                }
            }
        }
    }
    0
}

fn directive(format: Format, kind: &str, rule: &str) -> String {
    match format {
        Format::Markdown => format!("<!-- copydesk-{kind} {rule} -->\n"),
        Format::PlainText => format!("copydesk: {kind} {rule}\n"),
    }
}

fn fixes(
    uri: &Url,
    source: &Source,
    analysis: &Analysis,
    finding: &Finding,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    match finding.rule {
        "unattributed-quote" => out.push(action(
            "Attribute this quotation (insert “[WHO] said:” before it)".to_string(),
            uri,
            source,
            vec![Edit {
                range: TextRange::new(finding.range.start, finding.range.start),
                text: "[WHO] said: ".to_string(),
            }],
            diagnostic,
            encoding,
            true,
        )),
        "unsourced-figure" => out.push(action(
            "Source this figure (insert “according to [SOURCE]”)".to_string(),
            uri,
            source,
            vec![Edit {
                range: TextRange::new(finding.range.end, finding.range.end),
                text: " (according to [SOURCE])".to_string(),
            }],
            diagnostic,
            encoding,
            true,
        )),
        "inconsistent-name" => {
            if let Some(replacement) = &finding.replacement {
                out.push(action(
                    format!("Use “{replacement}” here"),
                    uri,
                    source,
                    vec![Edit {
                        range: finding.range,
                        text: replacement.clone(),
                    }],
                    diagnostic,
                    encoding,
                    true,
                ));
            }
            if let Some(mention) = analysis.mentions.at(finding.range.start) {
                let everywhere: Vec<Edit> = analysis
                    .findings
                    .iter()
                    .filter(|f| f.rule == "inconsistent-name")
                    .filter(|f| {
                        analysis
                            .mentions
                            .at(f.range.start)
                            .is_some_and(|m| m.entity == mention.entity)
                    })
                    .filter_map(|f| {
                        Some(Edit {
                            range: f.range,
                            text: f.replacement.clone()?,
                        })
                    })
                    .collect();
                if everywhere.len() > 1 {
                    let name = analysis
                        .mentions
                        .entities
                        .get(mention.entity)
                        .map_or("", |e| e.canonical.as_str());
                    out.push(action(
                        format!(
                            "Use the first-reference spelling of {name} everywhere ({} changes)",
                            everywhere.len()
                        ),
                        uri,
                        source,
                        everywhere,
                        diagnostic,
                        encoding,
                        false,
                    ));
                }
            }
        }
        _ => {}
    }
    out
}

/// The copydesk.toml a house spelling would go to: where it is (or would be created) and its
/// current text when it exists.
pub struct HouseStyleFile {
    pub uri: Url,
    pub text: Option<String>,
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// "Add this spelling to the house style": `preferred = [variant]` under [house-spellings],
/// creating copydesk.toml or the table when needed.
fn add_house_spelling(
    file: &HouseStyleFile,
    preferred: &str,
    variant: &str,
    diagnostic: &Diagnostic,
) -> Option<CodeActionOrCommand> {
    let entry = format!("{} = [{}]\n", toml_string(preferred), toml_string(variant));
    let key = toml_string(preferred);
    let (insert_at, new_text, create) = match &file.text {
        None => (
            Position::new(0, 0),
            format!("[house-spellings]\n{entry}"),
            true,
        ),
        Some(text) => {
            if text.lines().any(|line| line.trim_start().starts_with(&key)) {
                // The preferred form already has variants; editing its list is left to the desk.
                return None;
            }
            match text
                .lines()
                .position(|line| line.trim() == "[house-spellings]")
            {
                Some(header) => (
                    Position::new(u32::try_from(header + 1).ok()?, 0),
                    entry,
                    false,
                ),
                None => {
                    let n_lines = u32::try_from(text.lines().count()).ok()?;
                    let separator = if text.is_empty() || text.ends_with('\n') {
                        ""
                    } else {
                        "\n"
                    };
                    (
                        Position::new(n_lines, 0),
                        format!("{separator}\n[house-spellings]\n{entry}"),
                        false,
                    )
                }
            }
        }
    };
    let text_edit = TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: file.uri.clone(),
            version: None,
        },
        edits: vec![OneOf::Left(TextEdit {
            range: Range::new(insert_at, insert_at),
            new_text,
        })],
    };
    let mut operations = Vec::new();
    if create {
        operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
            CreateFile {
                uri: file.uri.clone(),
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            },
        )));
    }
    operations.push(DocumentChangeOperation::Edit(text_edit));
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Add “{variant}” to the house style as a variant of “{preferred}”"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(operations)),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }))
}

/// Every quick fix for the findings that overlap `range`.
pub fn code_actions(
    uri: &Url,
    source: &Source,
    analysis: &Analysis,
    format: Format,
    range: Range,
    encoding: Encoding,
    house_style: Option<&HouseStyleFile>,
) -> Vec<CodeActionOrCommand> {
    let start = convert::offset(source, range.start, encoding);
    let end = convert::offset(source, range.end, encoding);
    let wanted = TextRange::new(start, end.max(start + 1));
    let mut out = Vec::new();
    for finding in analysis
        .findings
        .iter()
        .filter(|f| f.range.overlaps(wanted) || f.range.start == start)
    {
        let diagnostic = convert::diagnostic(source, uri, finding, encoding);
        out.extend(fixes(uri, source, analysis, finding, &diagnostic, encoding));
        if let (Some(file), Some(preferred), "inconsistent-name") =
            (house_style, &finding.replacement, finding.rule)
        {
            let variant = source.slice(finding.range);
            if let Some(action) = add_house_spelling(file, preferred, variant, &diagnostic) {
                out.push(action);
            }
        }
        let at_line = line_start(source, finding.range.start);
        out.push(action(
            format!("Silence {} on this line", finding.rule),
            uri,
            source,
            vec![Edit {
                range: TextRange::new(at_line, at_line),
                text: directive(format, "disable-next-line", finding.rule),
            }],
            &diagnostic,
            encoding,
            false,
        ));
        let top = top_of_draft(source, format);
        out.push(action(
            format!("Silence {} in this draft", finding.rule),
            uri,
            source,
            vec![Edit {
                range: TextRange::new(top, top),
                text: directive(format, "disable", finding.rule),
            }],
            &diagnostic,
            encoding,
            false,
        ));
    }
    out
}
