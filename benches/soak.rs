//! Soak benchmark: drives the release server for a bounded time (COPYDESK_SOAK_SECONDS,
//! default 20), opening, editing and closing drafts in a loop, and prints its resident
//! memory at the start and the end. Memory must not grow with the length of the session.
//! Run with `cargo bench --bench soak` (it builds and uses target/release/copydesk).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let seconds: u64 = std::env::var("COPYDESK_SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let built = Command::new("cargo")
        .args(["build", "--release", "--quiet"])
        .status();
    if !built.is_ok_and(|s| s.success()) {
        eprintln!("soak: cargo build --release failed");
        return;
    }
    let mut server = match Command::new("target/release/copydesk")
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(server) => server,
        Err(err) => {
            eprintln!("soak: cannot start the server: {err}");
            return;
        }
    };
    let pid = server.id();
    let (Some(mut input), Some(output)) = (server.stdin.take(), server.stdout.take()) else {
        return;
    };
    // Drain the server's output so it never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut reader = BufReader::new(output);
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            if let Some(length) = line
                .trim()
                .strip_prefix("Content-Length: ")
                .and_then(|n| n.parse::<usize>().ok())
            {
                let mut rest = String::new();
                let _ = reader.read_line(&mut rest);
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
            }
            line.clear();
        }
    });
    let mut send = |body: String| {
        let _ = input.write_all(&frame(&body));
        let _ = input.flush();
    };
    send(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#
            .to_string(),
    );
    send(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.to_string());
    let paragraph =
        "“We will not raise taxes,” Mayor Ann Cole said. Costs rose 12% to $4 million. ";
    let draft = paragraph.repeat(400).replace("\"", "\\\"");
    std::thread::sleep(Duration::from_millis(300));
    let start_rss = rss_kib(pid);
    let started = Instant::now();
    let mut cycles = 0u64;
    while started.elapsed() < Duration::from_secs(seconds) {
        let uri = format!("file:///soak/draft-{}.md", cycles % 10);
        send(format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"markdown","version":1,"text":"{draft}"}}}}}}"#
        ));
        for version in 2..40 {
            send(format!(
                r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":{version}}},"contentChanges":[{{"range":{{"start":{{"line":0,"character":5}},"end":{{"line":0,"character":5}}}},"text":"x"}}]}}}}"#
            ));
        }
        send(format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didClose","params":{{"textDocument":{{"uri":"{uri}"}}}}}}"#
        ));
        cycles += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    let end_rss = rss_kib(pid);
    println!(
        "soak: {cycles} open/edit/close cycles in {seconds} s; RSS {} MiB at start, {} MiB at end",
        start_rss / 1024,
        end_rss / 1024
    );
    let _ = server.kill();
}
