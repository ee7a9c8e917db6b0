//! The `copydesk` binary: `lsp` (stdio), `check PATH...` and `explain RULE`.

use clap::{Parser, Subcommand};
use copydesk::analysis::Severity;
use copydesk::cli::{self, CheckOptions, OutputFormat};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Checks news drafts for unattributed quotes, unsourced figures and inconsistent names"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Speak the Language Server Protocol over stdio.
    Lsp {
        /// Accepted for clients that pass it (VS Code); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check drafts (.md, .markdown, .txt; folders are searched; - reads stdin).
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
        /// Exit 1 when a finding at or above this severity exists.
        #[arg(long, default_value = "warning", value_parser = parse_severity)]
        fail_on: Severity,
        /// Use this copydesk.toml instead of searching upwards from each file.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Explain a rule: why it exists, what it flags, how to fix or silence it.
    Explain {
        /// A rule id such as unattributed-quote; omit to list the rules.
        rule: Option<String>,
    },
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(text).ok_or_else(|| {
        format!("unknown severity `{text}`: expected hint, information, warning or error")
    })
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match args.command {
        Command::Lsp { stdio: _ } => copydesk::lsp::run_stdio(),
        Command::Check {
            paths,
            format,
            fail_on,
            config,
        } => ExitCode::from(cli::check(&CheckOptions {
            paths,
            format,
            fail_on,
            config,
        })),
        Command::Explain { rule } => ExitCode::from(cli::explain(rule.as_deref())),
    }
}
