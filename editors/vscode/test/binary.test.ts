// Unit tests of finding the server binary and of the settings sent to it.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import { findServer, serverSettings, INSTALL_HINT } from "../src/binary";

const base = {
  configured: "",
  pathEnv: "/usr/bin:/home/reporter/.cargo/bin",
  extensionDir: "/ext",
  platform: "linux" as NodeJS.Platform,
};

test("the setting wins when it names an executable", () => {
  const found = findServer({ ...base, configured: "/opt/copydesk", isExecutable: () => true });
  assert.deepEqual(found, { path: "/opt/copydesk", from: "setting" });
});

test("a setting that names nothing is reported, not ignored", () => {
  const found = findServer({ ...base, configured: "/nope", isExecutable: () => false });
  assert.ok("error" in found && found.error.includes("/nope"));
});

test("then the PATH, in order", () => {
  const wanted = path.join("/home/reporter/.cargo/bin", "copydesk");
  const found = findServer({ ...base, isExecutable: (file) => file === wanted });
  assert.deepEqual(found, { path: wanted, from: "PATH" });
});

test("then the bundled server folder", () => {
  const bundled = path.join("/ext", "server", "copydesk");
  const found = findServer({ ...base, isExecutable: (file) => file === bundled });
  assert.deepEqual(found, { path: bundled, from: "bundled" });
});

test("otherwise it says how to install one", () => {
  const found = findServer({ ...base, isExecutable: () => false });
  assert.deepEqual(found, { error: INSTALL_HINT });
});

test("client-only keys are not sent to the server", () => {
  assert.deepEqual(serverSettings({ server: { path: "x" }, trace: {}, rules: { a: "off" } }), {
    rules: { a: "off" },
  });
});
