//! Forwards the client's byte stream to the server and ends it after the `exit`
//! notification. tower-lsp 0.20 stops serving only when its input ends, so without this a
//! server would linger after `exit` until the client closes the pipe.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

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

fn inspect(body: &[u8]) -> Verdict {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(message) if message.get("method").is_some_and(|m| m == "exit") => Verdict::Exit,
        Ok(message) if message.is_object() || message.is_array() => Verdict::Message,
        _ => Verdict::Invalid,
    }
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
    async fn reports_a_closed_input() {
        let mut output = Vec::new();
        assert_eq!(
            forward(&b"Content-Length: 2\r\n\r\n{}"[..], &mut output).await,
            End::Closed
        );
        assert_eq!(output.len(), 23);
    }
}
