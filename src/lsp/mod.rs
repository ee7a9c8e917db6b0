//! The language server: the only code that knows tower-lsp, tokio or JSON-RPC.

mod actions;
mod convert;
mod documents;
mod server;
mod stdio;

use std::process::ExitCode;

/// Serves LSP on stdin/stdout until the client exits or stdin closes.
pub fn run_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("copydesk: error: cannot start the async runtime: {err}");
            return ExitCode::from(2);
        }
    };
    let code = runtime.block_on(server::serve(tokio::io::stdin(), tokio::io::stdout()));
    // The stdin reader is a blocking thread that may never return; do not wait for it.
    runtime.shutdown_background();
    ExitCode::from(code)
}

pub use server::serve;
