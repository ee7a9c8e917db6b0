// Finding the copydesk binary: the setting, then the PATH, then the extension's server/
// folder. Pure apart from the injected file check, so it is unit-tested without VS Code.

import * as path from "path";

export interface FindOptions {
  /** The copydesk.server.path setting ("" when unset). */
  configured: string;
  /** The PATH environment variable. */
  pathEnv: string;
  /** The extension's install folder. */
  extensionDir: string;
  platform: NodeJS.Platform;
  /** True when an executable file exists at the path. */
  isExecutable: (file: string) => boolean;
}

export type Found = { path: string; from: "setting" | "PATH" | "bundled" } | { error: string };

export const INSTALL_HINT =
  "copydesk: no server binary found. Install it with `cargo install --path .` from a copydesk " +
  "checkout (it lands in ~/.cargo/bin), or set copydesk.server.path to the binary.";

export function findServer(options: FindOptions): Found {
  const exe = options.platform === "win32" ? "copydesk.exe" : "copydesk";
  if (options.configured.trim() !== "") {
    const configured = options.configured.trim();
    if (options.isExecutable(configured)) {
      return { path: configured, from: "setting" };
    }
    return {
      error: `copydesk: copydesk.server.path is set to ${configured}, which is not an executable file.`,
    };
  }
  const separator = options.platform === "win32" ? ";" : ":";
  for (const dir of options.pathEnv.split(separator)) {
    if (dir === "") {
      continue;
    }
    const candidate = path.join(dir, exe);
    if (options.isExecutable(candidate)) {
      return { path: candidate, from: "PATH" };
    }
  }
  const bundled = path.join(options.extensionDir, "server", exe);
  if (options.isExecutable(bundled)) {
    return { path: bundled, from: "bundled" };
  }
  return { error: INSTALL_HINT };
}

/** The settings the server understands: the copydesk section without client-only keys. */
export function serverSettings(section: Record<string, unknown>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (key !== "server" && key !== "trace") {
      settings[key] = value;
    }
  }
  return settings;
}
