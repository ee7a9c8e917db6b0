//! Tests of `copydesk check` and `copydesk explain` on the built binary.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run copydesk")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn human_output_names_file_line_column_rule_and_marks_the_span() {
    let output = copydesk(&["check", "tests/drafts/flagged.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(
            "tests/drafts/flagged.txt:5:7: warning[unsourced-figure]: Figure “2,400” has no source"
        ),
        "{text}"
    );
    assert!(
        text.contains("5 | About 2,400 ships used the port last year.\n  |       ^^^^^\n"),
        "{text}"
    );
    assert!(
        text.contains("tests/drafts/flagged.txt:7:1: warning[unattributed-quote]"),
        "{text}"
    );
    assert!(text.contains("tests/drafts/flagged.txt:9:1: warning[inconsistent-name]: “Bradlee” is spelled “Bradley”"), "{text}");
    assert!(text.ends_with("3 findings in 1 file\n"), "{text}");
}

#[test]
fn a_clean_draft_exits_zero() {
    let output = copydesk(&["check", "tests/drafts/clean.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "0 findings in 1 file\n");
}

#[test]
fn fail_on_sets_the_threshold() {
    assert_eq!(
        copydesk(&["check", "--fail-on", "error", "tests/drafts/flagged.txt"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copydesk(&["check", "--fail-on", "loud", "tests/drafts/flagged.txt"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_lists_findings_quotes_and_the_cast() {
    let output = copydesk(&["check", "--format", "json", "tests/drafts/flagged.txt"]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["schema"], "copydesk-check/1");
    let file = &report["files"][0];
    let rules: Vec<&str> = file["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(
        rules,
        vec![
            "unsourced-figure",
            "unattributed-quote",
            "inconsistent-name"
        ]
    );
    assert_eq!(file["findings"][0]["text"], "2,400");
    assert_eq!(
        file["findings"][0]["start"],
        serde_json::json!({"line": 5, "column": 7})
    );
    assert_eq!(file["findings"][2]["fix"], "Bradley");
    let quote = &file["quotes"][0];
    assert_eq!(quote["speaker"]["entity"], "Colm Bradley");
    let bradley = file["cast"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["name"] == "Colm Bradley")
        .cloned()
        .unwrap_or_default();
    assert_eq!(bradley["kind"], "person");
    assert_eq!(bradley["quotes"], 1);
    assert_eq!(bradley["roles"][0], "Harbourmaster");
}

#[test]
fn sarif_is_version_2_1_0_with_rules_and_regions() {
    let output = copydesk(&["check", "--format", "sarif", "tests/drafts/flagged.txt"]);
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("sarif");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "copydesk");
    assert!(run["tool"]["driver"]["rules"]
        .as_array()
        .is_some_and(|r| r.len() >= 3));
    assert_eq!(run["results"][0]["ruleId"], "unsourced-figure");
    assert_eq!(run["results"][0]["level"], "warning");
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
}

#[test]
fn folders_are_searched_and_bad_files_reported_without_stopping() {
    let dir = temp_dir("folders");
    std::fs::write(
        dir.join("good.md"),
        "The council met.\n\n“Winter is the weapon now, truly.”\n",
    )
    .expect("write");
    std::fs::write(dir.join("bad.md"), [0x66, 0x6f, 0xff, 0xfe]).expect("write");
    std::fs::write(dir.join("skip.rs"), "fn main() {}").expect("write");
    let output = copydesk(&["check", dir.to_str().unwrap_or(".")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.md: not valid UTF-8"), "{stderr}");
    assert!(stdout(&output).contains("good.md:3:1: warning[unattributed-quote]"));
    assert!(!stdout(&output).contains("skip.rs"));
    let missing = copydesk(&["check", "no/such/draft.md"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all("Rents rose 9% last year.\n".as_bytes());
    }
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("<stdin>:1:12: warning[unsourced-figure]"));
}

#[test]
fn config_file_turns_rules_off_and_broken_config_exits_two() {
    let dir = temp_dir("config");
    let draft = dir.join("draft.md");
    std::fs::write(&draft, "Rents rose 9% last year.\n").expect("write");
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nunsourced-figure = \"off\"\n",
    )
    .expect("write");
    assert_eq!(
        copydesk(&["check", draft.to_str().unwrap_or("")])
            .status
            .code(),
        Some(0)
    );
    let other = dir.join("other.toml");
    std::fs::write(&other, "[rules]\nunsourced-figure = \"error\"\n").expect("write");
    let output = copydesk(&[
        "check",
        "--config",
        other.to_str().unwrap_or(""),
        draft.to_str().unwrap_or(""),
    ]);
    assert!(stdout(&output).contains("error[unsourced-figure]"));
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nunsourced-figure = \"loud\"\n",
    )
    .expect("write");
    let broken = copydesk(&["check", draft.to_str().unwrap_or("")]);
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains("copydesk.toml: line 2: `rules.unsourced-figure` is `loud`"),
        "{stderr}"
    );
}

#[test]
fn suppression_comments_silence_findings() {
    let dir = temp_dir("suppress");
    let draft = dir.join("draft.md");
    std::fs::write(
        &draft,
        "<!-- copydesk-disable-next-line unsourced-figure -->\nRents rose 9% last year.\n\nPrices rose 4% too.\n\n<!-- copydesk-disable-next-line unattributed-quote -->\nNothing here.\n",
    )
    .expect("write");
    let output = copydesk(&["check", draft.to_str().unwrap_or("")]);
    let text = stdout(&output);
    assert!(!text.contains(":2:"), "{text}");
    assert!(text.contains(":4:13: warning[unsourced-figure]"), "{text}");
    assert!(
        text.contains(":6:1: information[unused-suppression]"),
        "{text}"
    );
}

#[test]
fn explain_prints_a_rule_and_rejects_unknown_ones() {
    let output = copydesk(&["explain", "unsourced-figure"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("according to"));
    let list = copydesk(&["explain"]);
    assert!(stdout(&list).contains("inconsistent-name"));
    assert_eq!(
        copydesk(&["explain", "no-such-rule"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_example_draft_in_the_readme_checks() {
    let output = copydesk(&["check", "examples/harbour-bridge.md"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for rule in [
        "unattributed-quote",
        "unsourced-figure",
        "inconsistent-name",
    ] {
        assert!(text.contains(rule), "{rule} missing: {text}");
    }
}
