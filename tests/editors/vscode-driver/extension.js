// Test-only extension, installed beside copydesk.vsix by tests/editors/run.sh. It reads
// copydesk-e2e.json from the workspace, then checks what a reporter would see: diagnostics
// on open covering the right words, a quotation typed key by key flagged, the entity card
// on hover, and the "here" quick fix applied. It writes a JSON report; run.sh reads it.
"use strict";
const vscode = require("vscode");
const fs = require("fs");
const path = require("path");

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(ms, probe) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value || Date.now() > deadline) return value;
    await pause(50);
  }
}

async function check(config, problems) {
  const uri = vscode.Uri.file(config.draft);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === "copydesk");
  const code = (d) => (typeof d.code === "object" && d.code !== null ? d.code.value : d.code);
  const find = (rule, text) => ours().find((d) => code(d) === rule && doc.getText(d.range) === text);

  // 1. Diagnostics arrive and cover the right text.
  if (!(await until(config.waitMs, () => ours().length > 0))) {
    problems.push(`no copydesk diagnostics within ${config.waitMs} ms of opening the draft`);
    return;
  }
  if (!find("unsourced-figure", "31,000")) problems.push("no unsourced-figure covering 31,000");
  if (!find("inconsistent-name", "Marsch")) problems.push("no inconsistent-name covering Marsch");

  // 2. Type an unattributed quotation at the end, one keystroke at a time.
  const quote = "\u201cWe will fight this closure in every court in the land.\u201d";
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  for (const ch of "\n\n" + quote) {
    await vscode.commands.executeCommand("type", { text: ch });
  }
  if (!(await until(config.waitMs, () => find("unattributed-quote", quote)))) {
    problems.push("the typed quotation was not flagged as unattributed-quote");
  }

  // 3. Hover a name and read the entity card.
  const line = doc.getText().split("\n").findIndex((l) => l.includes("Helena Marsh"));
  if (line < 0) {
    problems.push("the draft has no Helena Marsh");
  } else {
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf("Marsh"));
    const hovers = (await vscode.commands.executeCommand("vscode.executeHoverProvider", uri, at)) || [];
    const card = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === "string" ? c : c.value))
      .join("\n");
    if (!(card.includes("Helena Marsh") && card.includes("person"))) {
      problems.push(`the hover card does not show Helena Marsh (person): ${JSON.stringify(card)}`);
    }
  }

  // 4. Apply the quick fix for the misspelt name and see the finding go.
  const misspelt = find("inconsistent-name", "Marsch");
  if (misspelt) {
    const actions =
      (await vscode.commands.executeCommand("vscode.executeCodeActionProvider", uri, misspelt.range)) || [];
    const fix = actions.find((a) => a.title.includes("here") && a.edit);
    if (!fix) {
      problems.push(`no quick fix offered for Marsch: ${actions.map((a) => a.title).join(" | ")}`);
    } else if (!(await vscode.workspace.applyEdit(fix.edit))) {
      problems.push("VS Code refused the quick fix's edit");
    } else {
      if (!doc.getText().includes("Commissioner Marsh is due")) {
        problems.push("the quick fix did not write the first reference's spelling");
      }
      if (!(await until(config.waitMs, () => !find("inconsistent-name", "Marsch")))) {
        problems.push("the inconsistent-name finding stayed after the quick fix");
      }
    }
  }

  // vscode-languageclient silently restarts a crashed server: a healthy run starts it once.
  const extension = vscode.extensions.getExtension("copydesk.copydesk");
  const starts = extension && extension.isActive ? extension.exports.startCount() : 0;
  if (starts !== 1) problems.push(`the copydesk server was started ${starts} times, not once`);
}

async function activate() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const configPath = folder && path.join(folder.uri.fsPath, "copydesk-e2e.json");
  if (!configPath || !fs.existsSync(configPath)) return;
  const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
  const problems = [];
  try {
    await check(config, problems);
  } catch (error) {
    problems.push(`driver error: ${(error && error.stack) || error}`);
  }
  const report = { ok: problems.length === 0, problems, vscode: vscode.version };
  fs.writeFileSync(config.report + ".tmp", JSON.stringify(report, null, 2));
  fs.renameSync(config.report + ".tmp", config.report);
}

module.exports = { activate, deactivate() {} };
