#!/usr/bin/env python3
"""Peak memory of one copydesk server with ten 10,000-word drafts open, and its memory after
they are closed and after a second round of opening and closing them (the allocator keeps
freed pages, so "freed" shows as a second round that needs no more memory). The drafts come
from ../shared/tools/lspbench.py's generator (seeds 1-10).

usage: python3 benches/ten_drafts.py [SERVER_BINARY]   (default target/release/copydesk)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
lspbench = os.path.join(here, "..", "..", "shared", "tools", "lspbench.py")
ROUNDS = int(os.environ.get("ROUNDS", "5"))
server_bin = sys.argv[1] if len(sys.argv) > 1 else "target/release/copydesk"


def status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    length = 0
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def wait_for(proc, predicate):
    while True:
        message = receive(proc)
        if predicate(message):
            return message


with tempfile.TemporaryDirectory() as tmp:
    drafts = []
    for seed in range(1, 11):
        path = os.path.join(tmp, f"draft{seed}.md")
        subprocess.run(
            [sys.executable, lspbench, "--gen-words", "10000", "--seed", str(seed),
             "--write-doc", path],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        drafts.append(path)
    proc = subprocess.Popen([server_bin, "lsp"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"capabilities": {}, "rootUri": None}})
    wait_for(proc, lambda m: m.get("id") == 1)
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    start = status(proc.pid, "VmRSS")
    uris = ["file://" + path for path in drafts]

    def open_all():
        for uri, path in zip(uris, drafts):
            with open(path) as f:
                text = f.read()
            send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                 "text": text}}})
            wait_for(proc, lambda m: m.get("method") == "textDocument/publishDiagnostics"
                     and m["params"]["uri"] == uri)

    def close_all():
        for uri in uris:
            send(proc, {"jsonrpc": "2.0", "method": "textDocument/didClose",
                        "params": {"textDocument": {"uri": uri}}})
            wait_for(proc, lambda m: m.get("method") == "textDocument/publishDiagnostics"
                     and m["params"]["uri"] == uri)
        time.sleep(0.5)

    open_all()
    open_rss = status(proc.pid, "VmRSS")
    peak = status(proc.pid, "VmHWM")
    close_all()
    closed = status(proc.pid, "VmRSS")
    for _ in range(ROUNDS):
        open_all()
        close_all()
    again = status(proc.pid, "VmRSS")
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    wait_for(proc, lambda m: m.get("id") == 2)
    send(proc, {"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=10)
    print(f"RSS after initialize {start:.1f} MiB; ten drafts open {open_rss:.1f} MiB "
          f"(peak {peak:.1f} MiB); all closed {closed:.1f} MiB; "
          f"after {ROUNDS} more rounds of opening and closing them {again:.1f} MiB")
