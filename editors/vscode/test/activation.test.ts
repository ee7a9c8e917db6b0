// Activation with `vscode` and the language client mocked: the client is started with the
// right command, selector and settings, commands are registered, and restarts are counted.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import Module = require("module");

interface Started {
  command: string;
  args: string[];
  selector: { language: string; scheme: string }[];
  init: Record<string, unknown>;
}

const started: Started[] = [];
const commands = new Map<string, () => Promise<void>>();
const errors: string[] = [];
let stateListener: ((event: { newState: number }) => void) | undefined;

const settings: Record<string, unknown> = {
  "server.path": process.execPath,
  rules: { "unsourced-figure": "off" },
};

const vscodeMock = {
  workspace: {
    getConfiguration: () => ({
      get: (key: string, fallback: unknown) => settings[key] ?? fallback,
      inspect: (key: string) => (key in settings ? { globalValue: settings[key] } : undefined),
    }),
  },
  window: { showErrorMessage: (message: string) => errors.push(message) },
  commands: {
    registerCommand: (name: string, run: () => Promise<void>) => {
      commands.set(name, run);
      return { dispose: () => undefined };
    },
    executeCommand: async () => undefined,
  },
};

class FakeClient {
  constructor(
    _id: string,
    _name: string,
    server: { run: { command: string; args: string[] } },
    options: { documentSelector: Started["selector"]; initializationOptions: Started["init"] },
  ) {
    started.push({
      command: server.run.command,
      args: server.run.args,
      selector: options.documentSelector,
      init: options.initializationOptions,
    });
  }
  onDidChangeState(listener: (event: { newState: number }) => void) {
    stateListener = listener;
  }
  async start() {
    stateListener?.({ newState: 2 });
  }
  async stop() {}
}

const originalLoad = (Module as unknown as { _load: (...args: unknown[]) => unknown })._load;
(Module as unknown as { _load: (...args: unknown[]) => unknown })._load = function (
  request: unknown,
  ...rest: unknown[]
) {
  if (request === "vscode") {
    return vscodeMock;
  }
  if (request === "vscode-languageclient/node") {
    return { LanguageClient: FakeClient };
  }
  return originalLoad.call(this, request, ...rest);
};

test("activation starts copydesk lsp for markdown and plain text with the settings", async () => {
  const extension = await import("../src/extension");
  const subscriptions: unknown[] = [];
  const api = await extension.activate({
    subscriptions,
    extensionPath: "/ext",
  } as unknown as Parameters<typeof extension.activate>[0]);
  assert.equal(started.length, 1);
  assert.equal(started[0].command, process.execPath);
  assert.deepEqual(started[0].args, ["lsp"]);
  assert.deepEqual(
    started[0].selector.map((s) => `${s.language}:${s.scheme}`),
    ["markdown:file", "markdown:untitled", "plaintext:file", "plaintext:untitled"],
  );
  assert.deepEqual(started[0].init, { rules: { "unsourced-figure": "off" } });
  assert.equal(api.startCount(), 1);
  assert.ok(commands.has("copydesk.restartServer") && commands.has("copydesk.showCast"));
  await commands.get("copydesk.restartServer")?.();
  assert.equal(api.startCount(), 2);
  assert.equal(started.length, 2);
  assert.deepEqual(errors, []);
});
