//! End-to-end tests of `copydesk lsp`: the built binary, spoken to over stdio.

mod common;

use common::{apply_edits, codes, Client};
use serde_json::{json, Value};

const URI: &str = "file:///drafts/story.md";

fn start() -> Client {
    let mut client = Client::spawn();
    client.initialize(json!({}), Value::Null);
    client
}

fn change(client: &mut Client, uri: &str, version: i64, range: Value, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": range, "text": text}],
        }),
    );
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

#[test]
fn negotiates_utf16_by_default_and_utf8_when_offered() {
    let mut client = Client::spawn();
    let response = client.initialize(json!({}), Value::Null);
    assert_eq!(
        response["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    client.shutdown();
    let mut client = Client::spawn();
    let response = client.initialize(
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
        Value::Null,
    );
    assert_eq!(
        response["result"]["capabilities"]["positionEncoding"],
        "utf-8"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn unattributed_quote_after_emoji_has_a_utf16_range() {
    let mut client = start();
    let text = "Fans 🎉 cheered. Crews cleared the square.\n\nThe crowd left 🚶‍♀️ slowly. “Nobody will forget this night.”\n";
    client.open(URI, "markdown", text);
    let diagnostics = client.diagnostics(URI, Some(1));
    let quote: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "unattributed-quote")
        .collect();
    assert_eq!(quote.len(), 1, "{diagnostics:?}");
    let line = text.lines().nth(2).unwrap_or("");
    let before: String = line.chars().take_while(|c| *c != '“').collect();
    let start = before.encode_utf16().count();
    let quote_text = "“Nobody will forget this night.”";
    assert_eq!(
        quote[0]["range"],
        range(
            2,
            start as u32,
            2,
            (start + quote_text.encode_utf16().count()) as u32
        )
    );
    assert_eq!(quote[0]["source"], "copydesk");
    assert!(quote[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("Nobody will forget"));
    assert!(quote[0]["codeDescription"]["href"]
        .as_str()
        .unwrap_or("")
        .ends_with("#unattributed-quote"));
    client.shutdown();
}

#[test]
fn incremental_edits_add_and_remove_findings_and_close_clears_them() {
    let mut client = start();
    let text = "The council met on Monday.\n\n“We will not raise taxes this year,”\n";
    client.open(URI, "markdown", text);
    assert_eq!(
        codes(&client.diagnostics(URI, Some(1))),
        vec!["unattributed-quote"]
    );
    // Attribute it: insert after the closing mark on line 2.
    let end = "“We will not raise taxes this year,”"
        .encode_utf16()
        .count() as u32;
    change(
        &mut client,
        URI,
        2,
        range(2, end, 2, end),
        " Mayor Ann Cole said.",
    );
    assert!(codes(&client.diagnostics(URI, Some(2))).is_empty());
    // Take the attribution away again.
    change(&mut client, URI, 3, range(2, end, 2, end + 21), "");
    assert_eq!(
        codes(&client.diagnostics(URI, Some(3))),
        vec!["unattributed-quote"]
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(client.diagnostics(URI, None).is_empty());
    client.shutdown();
}

#[test]
fn hover_on_a_name_shows_the_entity_card() {
    let mut client = start();
    let text = "Kremlin spokesman Dmitry Peskov dismissed the plan. “The package changes nothing on the ground,” Peskov said.\n\nPeskow later told reporters the talks were over.\n";
    client.open(URI, "markdown", text);
    let diagnostics = client.diagnostics(URI, Some(1));
    assert_eq!(codes(&diagnostics), vec!["inconsistent-name"]);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 1}}),
    );
    let card = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        card.contains("Dmitry Peskov") && card.contains("person"),
        "{card}"
    );
    assert!(card.contains("Kremlin spokesman"), "{card}");
    assert!(card.contains("The package changes nothing"), "{card}");
    client.shutdown();
}

#[test]
fn a_burst_of_edits_ends_with_the_same_text_and_diagnostics_as_a_fresh_open() {
    let mut client = start();
    let mut text = String::from("Intro line.\n\n");
    client.open(URI, "markdown", &text);
    client.diagnostics(URI, Some(1));
    let typed = "“Prices rose 12% in a year 🌍,” said Ana Ruiz.\n\nAid reached $3 million.\n";
    let mut version = 1;
    for ch in typed.chars() {
        version += 1;
        let line = text.lines().count() as u32;
        let col = text
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .encode_utf16()
            .count() as u32;
        let (line, col) = if text.ends_with('\n') {
            (line, 0)
        } else {
            (line - 1, col)
        };
        change(
            &mut client,
            URI,
            version,
            range(line, col, line, col),
            &ch.to_string(),
        );
        text.push(ch);
    }
    let burst = client.diagnostics(URI, Some(version));
    let fresh_uri = "file:///drafts/fresh.md";
    client.open(fresh_uri, "markdown", &text);
    let fresh = client.diagnostics(fresh_uri, Some(1));
    let strip = |list: &[Value]| -> Vec<Value> {
        list.iter()
            .map(|d| json!([d["code"], d["range"], d["message"]]))
            .collect()
    };
    assert_eq!(strip(&burst), strip(&fresh), "{text:?}");
    assert_eq!(codes(&fresh), vec!["unsourced-figure"]);
    client.shutdown();
}

#[test]
fn settings_turn_rules_off_at_start_and_on_change() {
    let mut client = Client::spawn();
    client.initialize(json!({}), json!({"rules": {"unsourced-figure": "off"}}));
    let text = "Congress approved $61 billion in aid.\n\n“Winter is the weapon now, and everyone knows it.”\n";
    client.open(URI, "markdown", text);
    assert_eq!(
        codes(&client.diagnostics(URI, Some(1))),
        vec!["unattributed-quote"]
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"unattributed-quote": "off"}}}}),
    );
    let after = client.diagnostics(URI, Some(1));
    assert_eq!(codes(&after), vec!["unsourced-figure"]);
    client.shutdown();
}

#[test]
fn every_quick_fix_removes_its_finding() {
    let mut client = start();
    let text = "Kremlin spokesman Dmitry Peskov spoke first.\n\nPeskow later told reporters the talks were over.\n\nCongress approved $61 billion in aid.\n\nCrews worked overnight.\n\n“Winter is the weapon now, and everyone knows it.”\n";
    client.open(URI, "markdown", text);
    let diagnostics = client.diagnostics(URI, Some(1));
    assert_eq!(codes(&diagnostics).len(), 3, "{diagnostics:?}");
    let mut version = 1;
    for diagnostic in &diagnostics {
        let code = diagnostic["code"].clone();
        let response = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
        );
        let actions = response["result"].as_array().cloned().unwrap_or_default();
        assert!(actions.len() >= 3, "{code}: {actions:?}");
        for action in actions {
            let edits = action["edit"]["changes"][URI]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let fixed = apply_edits(text, &edits);
            version += 1;
            let fixed_uri = format!("file:///drafts/fixed-{version}.md");
            client.open(&fixed_uri, "markdown", &fixed);
            let after = client.diagnostics(&fixed_uri, Some(1));
            let title = action["title"].as_str().unwrap_or("");
            assert!(
                !after.iter().any(|d| d["code"] == code),
                "{title} left {code}: {fixed}"
            );
        }
    }
    client.shutdown();
}

#[test]
fn inlay_hints_and_cast_list() {
    let mut client = start();
    let text = "“The bridge closes tonight,” said Mayor Dana Cole.\n";
    client.open(URI, "markdown", text);
    client.diagnostics(URI, Some(1));
    let hints = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": range(0, 0, 1, 0)}),
    );
    assert_eq!(hints["result"][0]["label"], "— Cole");
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(symbols["result"][0]["name"], "Dana Cole");
    assert_eq!(symbols["result"][0]["children"][0]["detail"], "quotation");
    client.shutdown();
}

#[test]
fn other_languages_are_ignored() {
    let mut client = start();
    client.open(
        "file:///src/main.rs",
        "rust",
        "fn main() { println!(\"Winter is the weapon now.\"); }",
    );
    client.open(
        "file:///notes/draft.txt",
        "text",
        "Officials said nothing.\n“Winter is the weapon now, truly.”\n",
    );
    let diagnostics = client.diagnostics("file:///notes/draft.txt", Some(1));
    assert_eq!(codes(&diagnostics), vec!["unattributed-quote"]);
    assert!(client
        .backlog
        .iter()
        .all(|m| m["params"]["uri"] != "file:///src/main.rs"));
    client.shutdown();
}

#[test]
fn hostile_client_messages_do_not_stop_the_server() {
    let mut client = start();
    client.send_raw(b"Content-Length: 12\r\n\r\n{not json!!}");
    client.send(&json!({"jsonrpc": "2.0", "id": 900, "method": "copydesk/unknown", "params": {}}));
    let unknown = client.wait_for(|m| m["id"] == 900).unwrap_or_default();
    assert!(unknown.get("error").is_some(), "{unknown}");
    let missing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///never-opened.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(missing["result"], Value::Null);
    let text = "Kremlin spokesman Dmitry Peskov spoke.\n";
    client.open(URI, "markdown", text);
    client.diagnostics(URI, Some(1));
    // Out-of-range edits are clamped; an older version is ignored.
    change(&mut client, URI, 2, range(40, 9, 99, 99), " Peskov agreed.");
    change(&mut client, URI, 1, range(0, 0, 0, 0), "IGNORED ");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": "nonsense"}),
    );
    client.diagnostics(URI, Some(2));
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 30}}),
    );
    assert!(hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .contains("Dmitry Peskov"));
    let far = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4000, "character": 4000}}),
    );
    assert!(far.get("error").is_none());
    // No shutdown: closing stdin must end the server.
    assert_eq!(client.close_stdin_and_wait(), Some(0));
}
