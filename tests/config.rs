//! House style over LSP: copydesk.toml picked up on watched-file changes, broken files
//! reported while the last good settings stay in force, house spellings, and the quick fix
//! that writes a spelling into copydesk.toml.

mod common;

use common::{codes, Client};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn workspace(name: &str, toml: Option<&str>, draft: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("copydesk-config-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    if let Some(toml) = toml {
        std::fs::write(dir.join("copydesk.toml"), toml).expect("write toml");
    }
    let draft_path = dir.join("draft.md");
    std::fs::write(&draft_path, draft).expect("write draft");
    (dir, format!("file://{}", draft_path.display()))
}

fn start(dir: &Path) -> Client {
    let mut client = Client::spawn();
    client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": format!("file://{}", dir.display()),
            "capabilities": {"workspace": {
                "didChangeWatchedFiles": {"dynamicRegistration": true},
                "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]},
            }},
        }),
    );
    client.notify("initialized", json!({}));
    client
}

fn touched(client: &mut Client, dir: &Path) {
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}/copydesk.toml", dir.display()), "type": 2}]}),
    );
}

const DRAFT: &str =
    "Congress approved $61 billion in aid.\n\n“Winter is the weapon now, and everyone knows it.”\n";

#[test]
fn edits_to_copydesk_toml_apply_without_a_restart_and_broken_ones_keep_the_last_good() {
    let (dir, uri) = workspace(
        "watch",
        Some("[rules]\nunsourced-figure = \"off\"\n"),
        DRAFT,
    );
    let mut client = start(&dir);
    let registration = client.wait_for(|m| m["method"] == "client/registerCapability");
    assert!(registration.is_some_and(
        |r| r["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
    ));
    client.open(&uri, "markdown", DRAFT);
    assert_eq!(
        codes(&client.diagnostics(&uri, Some(1))),
        vec!["unattributed-quote"]
    );

    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nunattributed-quote = \"off\"\n",
    )
    .expect("write");
    touched(&mut client, &dir);
    assert_eq!(
        codes(&client.diagnostics(&uri, Some(1))),
        vec!["unsourced-figure"]
    );

    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nunsourced-figure = \"loud\"\n",
    )
    .expect("write");
    touched(&mut client, &dir);
    let message = client
        .wait_for(|m| m["method"] == "window/showMessage")
        .unwrap_or_default();
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("rules.unsourced-figure"),
        "{message}"
    );
    let toml_uri = format!("file://{}/copydesk.toml", dir.display());
    let on_file = client
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == toml_uri.as_str()
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| !d.is_empty())
        })
        .unwrap_or_default();
    assert_eq!(
        on_file["params"]["diagnostics"][0]["range"]["start"]["line"],
        1
    );
    // The last good configuration stays in force.
    assert_eq!(
        codes(&client.diagnostics(&uri, Some(1))),
        vec!["unsourced-figure"]
    );
    client.shutdown();
}

#[test]
fn house_spellings_from_settings_are_enforced() {
    let (dir, uri) = workspace("house", None, "President Volodymyr Zelensky spoke.\n");
    let mut client = Client::spawn();
    client.initialize(
        json!({}),
        json!({"house-spellings": {"Zelenskyy": ["Zelensky"]}}),
    );
    client.open(&uri, "markdown", "President Volodymyr Zelensky spoke.\n");
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(codes(&diagnostics), vec!["inconsistent-name"]);
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("Zelenskyy"));
    client.shutdown();
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_house_style_quick_fix_writes_copydesk_toml() {
    let text = "Kremlin spokesman Dmitry Peskov spoke.\n\nPeskow later told reporters the talks were over.\n";
    let (dir, uri) = workspace("fix", None, text);
    let mut client = start(&dir);
    client.open(&uri, "markdown", text);
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(codes(&diagnostics), vec!["inconsistent-name"]);
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostics[0]["range"], "context": {"diagnostics": diagnostics}}),
    );
    let actions = response["result"].as_array().cloned().unwrap_or_default();
    let action = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("house style"))
        .cloned()
        .unwrap_or(Value::Null);
    let changes = action["edit"]["documentChanges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(changes[0]["kind"], "create");
    let new_text = changes[1]["edits"][0]["newText"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert_eq!(new_text, "[house-spellings]\n\"Peskov\" = [\"Peskow\"]\n");
    // Apply it as the client would, and the server takes it up.
    std::fs::write(dir.join("copydesk.toml"), &new_text).expect("write");
    touched(&mut client, &dir);
    let after = client.diagnostics(&uri, Some(1));
    assert!(
        after[0]["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("House style spells “Peskow” as “Peskov”"),
        "{after:?}"
    );
    client.shutdown();
}
