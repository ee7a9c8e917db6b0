// The copydesk client: starts `copydesk lsp` for markdown and plain-text drafts and passes
// the copydesk.* settings. No analysis happens here.

import * as fs from "fs";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { findServer, serverSettings } from "./binary";

/** What the extension exports, so a test can tell a healthy server from a restarted one. */
export interface CopydeskApi {
  /** How many times a server process was started (restarts included). */
  startCount(): number;
  /** The binary in use, or undefined when none was found. */
  serverPath(): string | undefined;
}

let client: LanguageClient | undefined;
let starts = 0;
let serverPath: string | undefined;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function currentSettings(): Record<string, unknown> {
  const section = vscode.workspace.getConfiguration("copydesk");
  const keys = [
    "rules",
    "house-spellings",
    "attribution-verbs",
    "vague-sources",
    "source-words",
    "inlay-speakers",
    "max-term-words",
  ];
  const values: Record<string, unknown> = {};
  for (const key of keys) {
    const inspected = section.inspect(key);
    const set =
      inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (set !== undefined) {
      values[key] = set;
    }
  }
  return serverSettings(values);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const found = findServer({
    configured: vscode.workspace.getConfiguration("copydesk").get<string>("server.path", ""),
    pathEnv: process.env.PATH ?? "",
    extensionDir: context.extensionPath,
    platform: process.platform,
    isExecutable,
  });
  if ("error" in found) {
    serverPath = undefined;
    void vscode.window.showErrorMessage(found.error);
    return;
  }
  serverPath = found.path;
  const serverOptions: ServerOptions = {
    run: { command: found.path, args: ["lsp"] },
    debug: { command: found.path, args: ["lsp"] },
  };
  const selector = ["markdown", "plaintext"].flatMap((language) =>
    ["file", "untitled"].map((scheme) => ({ language, scheme })),
  );
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    initializationOptions: currentSettings(),
    synchronize: { configurationSection: "copydesk" },
    middleware: {
      workspace: {
        // The server asks for section "copydesk"; answer with its own keys only.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          return Array.isArray(result) ? result.map(() => currentSettings()) : result;
        },
      },
    },
  };
  client = new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    // State 2 is Running: count every (re)start, including silent restarts after a crash.
    if (event.newState === 2) {
      starts += 1;
    }
  });
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<CopydeskApi> {
  context.subscriptions.push(
    vscode.commands.registerCommand("copydesk.restartServer", async () => {
      if (client) {
        await client.stop();
        client = undefined;
      }
      await start(context);
    }),
    vscode.commands.registerCommand("copydesk.showCast", async () => {
      // The cast list is the document outline (document symbols); open it in Quick Open.
      await vscode.commands.executeCommand("workbench.action.gotoSymbol");
    }),
  );
  await start(context);
  return {
    startCount: () => starts,
    serverPath: () => serverPath,
  };
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}
