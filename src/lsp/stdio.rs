//! The byte streams around tower-lsp.
//!
//! Input: forwards the client's stream to the server and ends it after the `exit`
//! notification. tower-lsp 0.20 stops serving only when its input ends, so without this a
//! server would linger after `exit` until the client closes the pipe.
//!
//! Output: merges tower-lsp's frames with frames the server writes itself (diagnostics,
//! serialised straight to JSON: tower-lsp would build a `serde_json::Value` tree first, which
//! cost more than a millisecond per keystroke on a long draft).

use super::convert;
use crate::analysis::{Finding, Related};
use crate::text::{Encoding, Source};
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp::lsp_types::{Range, Url};

/// Headers longer than this are not LSP; they are passed through for the server to reject.
const MAX_HEADER: usize = 64 * 1024;

/// What ended the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The client sent `exit`.
    Exit,
    /// The input closed or failed.
    Closed,
}

/// The length of the complete frame at the start of `buffer`, `Some(Err(n))` for `n` bytes
/// that are not a valid frame, or `None` when more bytes are needed.
fn frame_len(buffer: &[u8]) -> Option<Result<(usize, usize), usize>> {
    let header_end = buffer.windows(4).position(|w| w == b"\r\n\r\n");
    let Some(header_end) = header_end else {
        return (buffer.len() > MAX_HEADER).then_some(Err(buffer.len()));
    };
    let body_start = header_end + 4;
    let headers = String::from_utf8_lossy(&buffer[..header_end]);
    let length = headers.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    });
    match length {
        None => Some(Err(body_start)),
        Some(length) if buffer.len() >= body_start.saturating_add(length) => {
            Some(Ok((body_start, body_start + length)))
        }
        Some(_) => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Message,
    Exit,
    Invalid,
}

/// Only what `inspect` needs of a message: the rest is checked for syntax but not kept, so
/// a long `didOpen` is not built into a tree here.
#[derive(serde::Deserialize)]
struct Probe<'a> {
    #[serde(borrow)]
    method: Option<std::borrow::Cow<'a, str>>,
}

fn inspect(body: &[u8]) -> Verdict {
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    match start.and_then(|at| body.get(at)) {
        Some(b'{') => match serde_json::from_slice::<Probe<'_>>(body) {
            Ok(probe) if probe.method.as_deref() == Some("exit") => Verdict::Exit,
            Ok(_) => Verdict::Message,
            Err(_) => Verdict::Invalid,
        },
        Some(b'[') => match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
            Ok(_) => Verdict::Message,
            Err(_) => Verdict::Invalid,
        },
        _ => Verdict::Invalid,
    }
}

/// A whole notification frame for `method` with `params`, serialised without a `Value` tree.
pub fn notification_frame<P: Serialize>(method: &str, params: &P) -> Option<Vec<u8>> {
    #[derive(Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    let body = serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method,
        params,
    })
    .ok()?;
    Some(framed(&body))
}

/// `body` behind its Content-Length header.
fn framed(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// Each diagnostic of a draft's last publish with its JSON, so that the next publish
/// converts and serialises only the findings that changed: after a keystroke, those on the
/// edited line. A finding is found again by its place in the editor (line and column, which
/// text typed on another line leaves alone) and by what it says.
#[derive(Default)]
pub struct DiagnosticsJson {
    last: Vec<Published>,
}

struct Published {
    range: Range,
    /// The finding as last converted; its byte ranges are stale and never compared.
    finding: Finding,
    related: Vec<Range>,
    json: Vec<u8>,
}

impl Published {
    /// Whether this would be published for `finding` at `range` (and `related`) unchanged:
    /// everything the JSON is made of agrees. Every field is named, so a field added to
    /// `Finding` or `Related` must be placed here before this compiles.
    fn shows(&self, range: Range, finding: &Finding, related: &[Range]) -> bool {
        let Finding {
            rule,
            severity,
            range: _,
            message,
            related: old_related,
            replacement,
        } = &self.finding;
        let same_related = |a: &Related, b: &Related| {
            let Related { range: _, message } = a;
            *message == b.message
        };
        self.range == range
            && self.related == related
            && (*rule, *severity) == (finding.rule, finding.severity)
            && *message == finding.message
            && *replacement == finding.replacement
            && old_related.len() == finding.related.len()
            && old_related
                .iter()
                .zip(&finding.related)
                .all(|(a, b)| same_related(a, b))
    }
}

impl DiagnosticsJson {
    /// The publishDiagnostics frame for `findings` (in document order) of `source`, reusing
    /// the JSON of each one the last call published unchanged.
    pub fn frame<'a>(
        &mut self,
        source: &Source,
        uri: &Url,
        findings: impl Iterator<Item = &'a Finding>,
        encoding: Encoding,
        version: Option<i32>,
    ) -> Option<Vec<u8>> {
        let mut last = std::mem::take(&mut self.last).into_iter().peekable();
        let mut next = Vec::with_capacity(last.len());
        for finding in findings {
            let range = convert::range(source, finding.range, encoding);
            let related: Vec<Range> = finding
                .related
                .iter()
                .map(|r| convert::range(source, r.range, encoding))
                .collect();
            // Both lists are in document order (a list of suppression notes follows the
            // findings; those are found again only by chance, which costs a serialisation).
            while last.peek().is_some_and(|old| old.range.start < range.start) {
                last.next();
            }
            let published = match last.next_if(|old| old.shows(range, finding, &related)) {
                Some(old) => old,
                None => Published {
                    range,
                    finding: finding.clone(),
                    json: serde_json::to_vec(&convert::diagnostic_at(
                        uri, finding, range, &related,
                    ))
                    .ok()?,
                    related,
                },
            };
            next.push(published);
        }
        let mut body =
            Vec::with_capacity(next.iter().map(|p| p.json.len() + 1).sum::<usize>() + 256);
        body.extend_from_slice(
            br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
        );
        serde_json::to_writer(&mut body, uri).ok()?;
        body.extend_from_slice(br#","diagnostics":["#);
        for (idx, published) in next.iter().enumerate() {
            if idx > 0 {
                body.push(b',');
            }
            body.extend_from_slice(&published.json);
        }
        body.push(b']');
        if let Some(version) = version {
            body.extend_from_slice(format!(r#","version":{version}"#).as_bytes());
        }
        body.extend_from_slice(b"}}");
        self.last = next;
        Some(framed(&body))
    }
}

/// Copies tower-lsp's output and the frames arriving on `extra` to `output`, each frame
/// whole, until tower-lsp's output ends; frames already queued on `extra` then follow.
pub async fn merge<R, W>(mut server: R, mut extra: mpsc::UnboundedReceiver<Vec<u8>>, mut output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buffer: Vec<u8> = Vec::with_capacity(8192);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut extra_open = true;
    loop {
        tokio::select! {
            read = server.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    buffer.extend_from_slice(&chunk[..n]);
                    // tower-lsp writes only valid frames; pass each on once it is complete.
                    while let Some(frame) = frame_len(&buffer) {
                        let end = match frame {
                            Ok((_, end)) | Err(end) => end,
                        };
                        if output.write_all(&buffer[..end]).await.is_err() {
                            return;
                        }
                        buffer.drain(..end);
                    }
                }
            },
            frame = extra.recv(), if extra_open => match frame {
                Some(frame) => {
                    if output.write_all(&frame).await.is_err() {
                        return;
                    }
                }
                None => extra_open = false,
            },
        }
        let _ = output.flush().await;
    }
    let _ = output.write_all(&buffer).await;
    while let Ok(frame) = extra.try_recv() {
        let _ = output.write_all(&frame).await;
    }
    let _ = output.flush().await;
}

/// Copies `input` to `output` frame by frame until `exit` or the end of input.
pub async fn forward<R, W>(mut input: R, mut output: W) -> End
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buffer: Vec<u8> = Vec::with_capacity(8192);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        while let Some(frame) = frame_len(&buffer) {
            let (end, verdict) = match frame {
                Ok((body_start, end)) => (end, inspect(buffer.get(body_start..end).unwrap_or(&[]))),
                Err(end) => (end, Verdict::Invalid),
            };
            // tower-lsp 0.20 loses the frame after one it cannot parse, so a malformed
            // frame is dropped here (and logged) rather than passed on.
            if verdict == Verdict::Invalid {
                eprintln!("copydesk: dropped a malformed message of {end} bytes");
            } else if output.write_all(&buffer[..end]).await.is_err() {
                return End::Closed;
            }
            buffer.drain(..end);
            let exit = verdict == Verdict::Exit;
            if exit {
                let _ = output.flush().await;
                return End::Exit;
            }
        }
        let _ = output.flush().await;
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                let _ = output.write_all(&buffer).await;
                return End::Closed;
            }
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::PublishDiagnosticsParams;

    fn body(frame: &[u8]) -> serde_json::Value {
        let start = frame.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0) + 4;
        serde_json::from_slice(&frame[start..]).unwrap_or_default()
    }

    #[test]
    fn diagnostics_frames_reuse_json_and_equal_a_whole_serialisation() {
        use crate::analysis::Related;
        use crate::text::TextRange;
        /// A finding: the text it marks, its message, and the text of its related place.
        type Found<'a> = (&'a str, &'a str, Option<&'a str>);
        // Each version: a draft and its findings.
        let versions: [(&str, Vec<Found>); 5] = [
            (
                "Aid rose to $4 million.\nMaria Eriksen said so. Later Eriksen left.",
                vec![("$4 million", "no source", None), ("Later", "later", Some("Maria"))],
            ),
            // Typed on the first line: the second line's finding is the same as before.
            (
                "Aid rose to $4 million, the mayor said.\nMaria Eriksen said so. Later Eriksen left.",
                vec![("$4 million", "no source", None), ("Later", "later", Some("Maria"))],
            ),
            // A line break above moves every later finding down a line.
            (
                "Aid rose\nto $4 million, the mayor said.\nMaria Eriksen said so. Later Eriksen left.",
                vec![("$4 million", "no source", None), ("Later", "later", Some("Maria"))],
            ),
            // Same places, new words; a related place that moved.
            (
                "Aid rose\nto $4 million, the mayor said.\nMaria Eriksen said so. Later Eriksen left.",
                vec![("$4 million", "no source given", None), ("Later", "later", Some("Eriksen"))],
            ),
            ("", vec![]),
        ];
        let uri = Url::parse("file:///drafts/bridge.md").unwrap_or_else(|_| unreachable!());
        let mut json = DiagnosticsJson::default();
        for (version, (text, found)) in versions.into_iter().enumerate() {
            let source = Source::new(text);
            let at = |needle: &str| {
                let start = text.find(needle).unwrap_or(0);
                TextRange::new(start, start + needle.len())
            };
            let findings: Vec<Finding> = found
                .iter()
                .map(|&(needle, message, related)| Finding {
                    rule: "unsourced-figure",
                    related: related
                        .map(|r| Related {
                            range: at(r),
                            message: "here".to_string(),
                        })
                        .into_iter()
                        .collect(),
                    ..Finding::new(at(needle), message.to_string())
                })
                .collect();
            let diagnostics: Vec<_> = findings
                .iter()
                .map(|f| convert::diagnostic(&source, &uri, f, Encoding::Utf16))
                .collect();
            let version = Some(version as i32);
            let whole = notification_frame(
                "textDocument/publishDiagnostics",
                &PublishDiagnosticsParams::new(uri.clone(), diagnostics, version),
            )
            .unwrap_or_default();
            let pieced = json
                .frame(&source, &uri, findings.iter(), Encoding::Utf16, version)
                .unwrap_or_default();
            assert_eq!(body(&pieced), body(&whole), "version {version:?}");
            assert_ne!(body(&pieced), serde_json::Value::Null);
        }
        assert!(json.last.is_empty());
    }

    #[tokio::test]
    async fn stops_after_exit_and_passes_everything_before_it() {
        let exit = b"Content-Length: 33\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}";
        let junk = b"garbage\r\n\r\nContent-Length: 3\r\n\r\n{x}";
        let good = b"Content-Length: 2\r\n\r\n{}";
        let mut input = Vec::new();
        input.extend_from_slice(junk);
        input.extend_from_slice(good);
        input.extend_from_slice(exit);
        input.extend_from_slice(good);
        let mut output = Vec::new();
        let end = forward(&input[..], &mut output).await;
        assert_eq!(end, End::Exit);
        assert_eq!(output, [&good[..], &exit[..]].concat());
    }

    #[tokio::test]
    async fn merged_output_keeps_frames_whole() {
        let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let from_server = format!("{}{}", frame("{\"id\":1}"), frame("{\"id\":2}"));
        let (tx, rx) = mpsc::unbounded_channel();
        let ours = notification_frame("textDocument/publishDiagnostics", &[1, 2]);
        tx.send(ours.clone().unwrap_or_default()).ok();
        let mut output = Vec::new();
        // The server's bytes arrive one at a time; ours may only go between whole frames.
        let (mut writer, reader) = tokio::io::duplex(1);
        let feed = async {
            for byte in from_server.bytes() {
                let _ = writer.write_all(&[byte]).await;
            }
            drop(writer);
        };
        tokio::join!(feed, merge(reader, rx, &mut output));
        let output = String::from_utf8(output).unwrap_or_default();
        let ours = String::from_utf8(ours.unwrap_or_default()).unwrap_or_default();
        assert!(ours.ends_with(
            "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":[1,2]}"
        ));
        let without_ours = output.replacen(&ours, "", 1);
        assert_eq!(without_ours, from_server);
        assert!(
            [0, frame("{\"id\":1}").len(), from_server.len()]
                .iter()
                .any(|&at| output.get(at..).is_some_and(|rest| rest.starts_with(&ours))),
            "{output}"
        );
    }

    #[test]
    fn inspect_tells_exit_messages_and_garbage_apart() {
        assert_eq!(
            inspect(br#"{"jsonrpc":"2.0","method":"exit"}"#),
            Verdict::Exit
        );
        assert_eq!(
            inspect(br#" {"method":"initialized","params":{}}"#),
            Verdict::Message
        );
        assert_eq!(inspect(br#"[{"method":"exit"}]"#), Verdict::Message);
        assert_eq!(inspect(br#"{"method":"exit""#), Verdict::Invalid);
        assert_eq!(inspect(b"42"), Verdict::Invalid);
        assert_eq!(inspect(b""), Verdict::Invalid);
    }

    #[tokio::test]
    async fn reports_a_closed_input() {
        let mut output = Vec::new();
        assert_eq!(
            forward(&b"Content-Length: 2\r\n\r\n{}"[..], &mut output).await,
            End::Closed
        );
        assert_eq!(output.len(), 23);
    }
}
