//! The `LanguageServer` implementation. Handlers are short: they update the document store,
//! queue analysis, or read the stored analysis. Analysis runs on a worker off the message
//! loop, in `spawn_blocking`, newest version only; a stale result is never published.

use super::convert;
use super::documents::{Analyzed, Document};
use super::stdio;
use crate::analysis::{analyze_with, Analysis, Config, Format, Memo};
use crate::settings::{self, SettingsError};
use crate::text::{Encoding, Source, TextRange};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, Notify};
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService, Server};

/// Everything the handlers share. Locked briefly, never across an `.await`.
#[derive(Default)]
struct State {
    encoding: Encoding,
    documents: HashMap<Url, Document>,
    /// Documents whose newest version has not been analysed yet, oldest request first.
    pending: Vec<Url>,
    /// Settings from the client (initializationOptions or didChangeConfiguration).
    client_settings: Value,
    /// The last good configuration of each copydesk.toml, and the config of each document.
    file_configs: HashMap<PathBuf, Config>,
    root: Option<PathBuf>,
    pull_configuration: bool,
    watch_dynamically: bool,
    /// The client applies WorkspaceEdits that create files.
    create_files: bool,
    /// Documents whose last analysis failed: the reporter is told once, not per keystroke.
    failing: std::collections::HashSet<Url>,
}

/// The analysis the worker runs; `analysis::analyze_with` except in the panic-boundary test.
type Analyzer = fn(&Source, Format, &Config, &mut Memo) -> Analysis;

struct Shared {
    state: Mutex<State>,
    wake: Notify,
    analyze: Analyzer,
    /// Frames for the client, written between tower-lsp's own (see `stdio::merge`).
    frames: mpsc::UnboundedSender<Vec<u8>>,
}

/// A publishDiagnostics notification, ready to write.
fn diagnostics_frame(
    uri: Url,
    diagnostics: Vec<Diagnostic>,
    version: Option<i32>,
) -> Option<Vec<u8>> {
    let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
    stdio::notification_frame("textDocument/publishDiagnostics", &params)
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the store half-edited in a way that
        // matters more than stopping service, so recover the guard and go on.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn send(&self, frame: Option<Vec<u8>>) {
        // Fails only once the output has closed, when nothing can reach the client anyway.
        if let Some(frame) = frame {
            let _ = self.frames.send(frame);
        }
    }

    fn publish(&self, uri: Url, diagnostics: Vec<Diagnostic>) {
        self.send(diagnostics_frame(uri, diagnostics, None));
    }

    fn queue(&self, uri: Url) {
        {
            let mut state = self.lock();
            if !state.pending.contains(&uri) {
                state.pending.push(uri);
            }
        }
        self.wake.notify_one();
    }
}

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
    shutdown_seen: Arc<std::sync::atomic::AtomicBool>,
}

/// Serves LSP over the given streams until the client exits or input closes. Returns the
/// process exit code: 1 when the client sent `exit` without `shutdown`, else 0.
pub async fn serve<I, O>(input: I, output: O) -> u8
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    serve_with(input, output, analyze_with).await
}

async fn serve_with<I, O>(input: I, output: O, analyze: Analyzer) -> u8
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let shutdown_seen = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let shutdown_flag = Arc::clone(&shutdown_seen);
    let (frames, extra_frames) = mpsc::unbounded_channel();
    let (service, socket) = LspService::build(|client| {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Notify::new(),
            analyze,
            frames,
        });
        tokio::spawn(analysis_worker(client.clone(), Arc::clone(&shared)));
        Backend {
            client,
            shared,
            shutdown_seen: shutdown_flag,
        }
    })
    .finish();
    let (server_input, forwarder_output) = tokio::io::duplex(256 * 1024);
    let forwarder = tokio::spawn(stdio::forward(input, forwarder_output));
    let (server_output, merger_input) = tokio::io::duplex(256 * 1024);
    let serve = async move {
        Server::new(server_input, server_output, socket)
            .concurrency_level(8)
            .serve(service)
            .await;
    };
    let output = std::pin::pin!(output);
    tokio::join!(serve, stdio::merge(merger_input, extra_frames, output));
    let ended = forwarder.await.unwrap_or(stdio::End::Closed);
    let clean =
        ended == stdio::End::Closed || shutdown_seen.load(std::sync::atomic::Ordering::SeqCst);
    u8::from(!clean)
}

/// Analyses the newest version of each queued document, one at a time, and publishes it
/// unless the document changed meanwhile (then it is queued again and analysed anew).
async fn analysis_worker(client: Client, shared: Arc<Shared>) {
    loop {
        shared.wake.notified().await;
        loop {
            let job = {
                let mut state = shared.lock();
                if state.pending.is_empty() {
                    break;
                }
                let uri = state.pending.remove(0);
                let encoding = state.encoding;
                state.documents.get_mut(&uri).map(|doc| {
                    (
                        uri,
                        doc.text(),
                        doc.version,
                        doc.format,
                        Arc::clone(&doc.config),
                        doc.memo.take(),
                        doc.published.take().unwrap_or_default(),
                        encoding,
                    )
                })
            };
            let Some((uri, text, version, format, config, memo, mut published, encoding)) = job
            else {
                continue;
            };
            // A draft seen for the first time is analysed once without keeping anything,
            // which is quicker, and its findings are published; its memo is filled after.
            let first_time = memo.is_none();
            let mut memo = memo.unwrap_or_default();
            // The boundary: a panic inside analysis (or conversion) ends this one job, the
            // document keeps its last good diagnostics, and the worker goes on serving.
            let analyzer = shared.analyze;
            let job_uri = uri.clone();
            let job_config = Arc::clone(&config);
            let result = tokio::task::spawn_blocking(move || {
                let source = Arc::new(Source::new(text));
                let analysis = if first_time {
                    analyzer(&source, format, &config, &mut Memo::one_shot(&config))
                } else {
                    analyzer(&source, format, &config, &mut memo)
                };
                let findings = analysis.findings.iter().chain(&analysis.suppression_notes);
                let frame = published.frame(&source, &job_uri, findings, encoding, Some(version));
                (source, analysis, frame, memo, published)
            })
            .await;
            match result {
                Ok((source, analysis, frame, memo, published)) => {
                    {
                        let mut state = shared.lock();
                        state.failing.remove(&uri);
                        // The memo and the JSON are keyed by content, so they serve any later
                        // version too.
                        match state.documents.get_mut(&uri) {
                            Some(doc) if doc.version == version => {
                                doc.memo = (!first_time).then_some(memo);
                                doc.published = Some(published);
                                let previous = doc.analyzed.replace(Analyzed {
                                    source: Arc::clone(&source),
                                    analysis: Arc::new(analysis),
                                });
                                // Sent under the lock, so a close cannot slip its clearing
                                // publish in before this one; the previous analysis is freed
                                // while the frame is written.
                                shared.send(frame);
                                drop(previous);
                            }
                            Some(doc) => {
                                doc.memo = (!first_time).then_some(memo);
                                doc.published = Some(published);
                            }
                            None => {}
                        }
                    }
                    if first_time {
                        fill_memo(&shared, &uri, source, format, job_config).await;
                    }
                }
                Err(err) => {
                    eprintln!("copydesk: analysis of {uri} (version {version}) failed: {err}");
                    let first_failure = shared.lock().failing.insert(uri.clone());
                    if first_failure {
                        client
                            .show_message(
                                MessageType::WARNING,
                                format!(
                                    "copydesk could not analyse {}; its findings are from the last version it could read. Please report the draft.",
                                    uri.path().rsplit('/').next().unwrap_or("this draft")
                                ),
                            )
                            .await;
                    }
                }
            }
        }
    }
}

/// Fills the memo of a draft whose findings were just published from a one-off analysis,
/// so the next keystroke re-analyses only what it touched. Edits that arrive meanwhile wait
/// in the queue and are coalesced; a panic here only leaves the draft without a memo.
async fn fill_memo(
    shared: &Shared,
    uri: &Url,
    source: Arc<Source>,
    format: Format,
    config: Arc<Config>,
) {
    let analyzer = shared.analyze;
    let filled = tokio::task::spawn_blocking(move || {
        let mut memo = Box::<Memo>::default();
        analyzer(&source, format, &config, &mut memo);
        memo
    })
    .await;
    if let Ok(memo) = filled {
        let mut state = shared.lock();
        if let Some(doc) = state.documents.get_mut(uri) {
            // Keyed by content: it serves whatever version the draft is at now.
            doc.memo.get_or_insert(memo);
        }
    }
}

/// The configuration for a document: its nearest copydesk.toml (last good version), then
/// the client's settings on top.
fn config_for(state: &State, uri: &Url) -> Config {
    let base = uri
        .to_file_path()
        .ok()
        .and_then(|path| path.parent().map(Path::to_path_buf))
        .and_then(|dir| settings::find_config(&dir, state.root.as_deref()))
        .and_then(|file| state.file_configs.get(&file).cloned())
        .unwrap_or_default();
    settings::apply_json(&base, &state.client_settings).unwrap_or(base)
}

/// Stores the resolved configuration on an open draft.
fn refresh_config(state: &mut State, uri: &Url) {
    let config = Arc::new(config_for(state, uri));
    if let Some(doc) = state.documents.get_mut(uri) {
        doc.config = config;
    }
}

fn format_for(language_id: &str, uri: &Url) -> Option<Format> {
    match language_id {
        "markdown" | "gfm" | "mdx" => return Some(Format::Markdown),
        "plaintext" | "text" => return Some(Format::PlainText),
        _ => {}
    }
    let path = uri.path().to_ascii_lowercase();
    if path.ends_with(".md") || path.ends_with(".markdown") {
        Some(Format::Markdown)
    } else if path.ends_with(".txt") || path.ends_with(".text") {
        Some(Format::PlainText)
    } else {
        None
    }
}

fn pick_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.clone())
        .unwrap_or_default();
    if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if offered.is_empty() || offered.contains(&PositionEncodingKind::UTF16) {
        Encoding::Utf16
    } else if offered.contains(&PositionEncodingKind::UTF32) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

impl Backend {
    fn stored(&self, uri: &Url) -> Option<(Analyzed, Encoding)> {
        let state = self.shared.lock();
        let analyzed = state.documents.get(uri)?.analyzed.clone()?;
        Some((analyzed, state.encoding))
    }

    /// Where "add to the house style" writes: the draft's copydesk.toml, or a new one at the
    /// workspace root (the draft's folder without one) when the client can create files.
    fn house_style_file(&self, uri: &Url) -> Option<super::actions::HouseStyleFile> {
        let (root, can_create) = {
            let state = self.shared.lock();
            (state.root.clone(), state.create_files)
        };
        let dir = uri.to_file_path().ok()?.parent()?.to_path_buf();
        match settings::find_config(&dir, root.as_deref()) {
            Some(file) => Some(super::actions::HouseStyleFile {
                uri: Url::from_file_path(&file).ok()?,
                text: Some(std::fs::read_to_string(&file).ok()?),
            }),
            None if can_create => Some(super::actions::HouseStyleFile {
                uri: Url::from_file_path(root.unwrap_or(dir).join(settings::CONFIG_FILE)).ok()?,
                text: None,
            }),
            None => None,
        }
    }

    async fn log(&self, message: String) {
        self.client.log_message(MessageType::LOG, message).await;
    }

    /// Reads every copydesk.toml under the workspace root that documents use, keeping the
    /// last good version of each and reporting errors on the file itself.
    async fn reload_config_files(&self) {
        let files: Vec<PathBuf> = {
            let state = self.shared.lock();
            let mut files: Vec<PathBuf> = state
                .documents
                .keys()
                .filter_map(|uri| uri.to_file_path().ok())
                .filter_map(|path| path.parent().map(Path::to_path_buf))
                .filter_map(|dir| settings::find_config(&dir, state.root.as_deref()))
                .collect();
            files.extend(state.file_configs.keys().cloned());
            files.sort();
            files.dedup();
            files
        };
        for file in files {
            let uri = Url::from_file_path(&file).ok();
            match settings::load(&file) {
                Ok(config) => {
                    self.shared.lock().file_configs.insert(file, config);
                    if let Some(uri) = uri {
                        self.shared.publish(uri, Vec::new());
                    }
                }
                Err(err) => self.report_config_error(&file, uri, err).await,
            }
        }
    }

    async fn report_config_error(&self, file: &Path, uri: Option<Url>, err: SettingsError) {
        self.client
            .show_message(
                MessageType::ERROR,
                format!(
                    "copydesk: {}: {err}; the previous settings stay in force",
                    file.display()
                ),
            )
            .await;
        if let Some(uri) = uri {
            let line = u32::try_from(err.line.unwrap_or(0)).unwrap_or(0);
            let diagnostic = Diagnostic {
                range: Range::new(Position::new(line, 0), Position::new(line, u32::MAX / 2)),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("copydesk".to_string()),
                code: Some(NumberOrString::String("config".to_string())),
                message: err.message.clone(),
                ..Diagnostic::default()
            };
            self.shared.publish(uri, vec![diagnostic]);
        }
    }

    async fn set_client_settings(&self, value: Value) {
        match settings::apply_json(&Config::default(), &value) {
            Ok(_) => {
                self.shared.lock().client_settings = value;
                self.reanalyze_all();
            }
            Err(err) => {
                self.client
                    .show_message(
                        MessageType::ERROR,
                        format!("copydesk: invalid settings: {err}; the previous settings stay in force"),
                    )
                    .await;
            }
        }
    }

    /// Re-resolves every draft's configuration and queues it for analysis.
    fn reanalyze_all(&self) {
        let uris: Vec<Url> = {
            let mut state = self.shared.lock();
            let uris: Vec<Url> = state.documents.keys().cloned().collect();
            for uri in &uris {
                refresh_config(&mut state, uri);
            }
            uris
        };
        for uri in uris {
            self.shared.queue(uri);
        }
    }

    async fn pull_settings(&self) {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("copydesk".to_string()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(mut values) => {
                if let Some(value) = values.pop() {
                    self.set_client_settings(value).await;
                }
            }
            Err(err) => {
                self.log(format!("copydesk: workspace/configuration failed: {err}"))
                    .await
            }
        }
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = pick_encoding(&params);
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .and_then(|folder| folder.uri.to_file_path().ok())
            .or_else(|| {
                #[allow(deprecated)] // Older clients send only root_uri.
                params
                    .root_uri
                    .as_ref()
                    .and_then(|uri| uri.to_file_path().ok())
            });
        let workspace = params.capabilities.workspace.as_ref();
        let mut settings_error = None;
        {
            let mut state = self.shared.lock();
            state.encoding = encoding;
            state.root = root;
            state.pull_configuration = workspace.and_then(|w| w.configuration).unwrap_or(false);
            state.create_files = workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create));
            state.watch_dynamically = workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false);
            if let Some(options) = params.initialization_options {
                match settings::apply_json(&Config::default(), &options) {
                    Ok(_) => state.client_settings = options,
                    Err(err) => settings_error = Some(err),
                }
            }
        }
        if let Some(err) = settings_error {
            self.client
                .show_message(
                    MessageType::ERROR,
                    format!("copydesk: invalid initializationOptions: {err}"),
                )
                .await;
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
                inlay_hint_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let (watch, pull) = {
            let state = self.shared.lock();
            (state.watch_dynamically, state.pull_configuration)
        };
        if watch {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!("**/{}", settings::CONFIG_FILE)),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "copydesk-config-watch".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(err) = self.client.register_capability(vec![registration]).await {
                self.log(format!(
                    "copydesk: cannot watch {}: {err}",
                    settings::CONFIG_FILE
                ))
                .await;
            }
        }
        if pull {
            self.pull_settings().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown_seen
            .store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Some(format) = format_for(&doc.language_id, &doc.uri) else {
            return;
        };
        let new_config_file = doc
            .uri
            .to_file_path()
            .ok()
            .and_then(|path| path.parent().map(Path::to_path_buf))
            .and_then(|dir| {
                let state = self.shared.lock();
                settings::find_config(&dir, state.root.as_deref())
                    .filter(|file| !state.file_configs.contains_key(file))
            });
        self.shared.lock().documents.insert(
            doc.uri.clone(),
            Document::new(&doc.text, doc.version, format),
        );
        if new_config_file.is_some() {
            self.reload_config_files().await;
        }
        refresh_config(&mut self.shared.lock(), &doc.uri);
        self.shared.queue(doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        // Applied before any await, so edits land in the order they were received.
        let outcome = {
            let mut state = self.shared.lock();
            let encoding = state.encoding;
            match state.documents.get_mut(&uri) {
                None => Err("a document that is not open"),
                Some(doc) if version <= doc.version => Err("an older version"),
                Some(doc) => {
                    let clamped = doc.apply(&params.content_changes, encoding);
                    doc.version = version;
                    Ok(clamped)
                }
            }
        };
        match outcome {
            Ok(clamped) => {
                if clamped {
                    self.log(format!(
                        "copydesk: clamped an edit range past the end of a line in {uri}"
                    ))
                    .await;
                }
                self.shared.queue(uri);
            }
            Err(why) => {
                self.log(format!(
                    "copydesk: ignored didChange for {why}: {uri} v{version}"
                ))
                .await
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut state = self.shared.lock();
            state.documents.remove(&uri);
            state.pending.retain(|pending| *pending != uri);
            state.failing.remove(&uri);
            // Under the lock, so no analysis of the draft can publish after this.
            self.shared.publish(uri, Vec::new());
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let section = params.settings.get("copydesk").cloned();
        match section {
            Some(value) => self.set_client_settings(value).await,
            None => {
                let pull = self.shared.lock().pull_configuration;
                if pull {
                    self.pull_settings().await;
                } else if params.settings.is_object() {
                    self.set_client_settings(params.settings).await;
                }
            }
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let touched = params
            .changes
            .iter()
            .any(|change| change.uri.path().ends_with(settings::CONFIG_FILE));
        if touched {
            for change in &params.changes {
                if change.typ == FileChangeType::DELETED {
                    if let Ok(path) = change.uri.to_file_path() {
                        self.shared.lock().file_configs.remove(&path);
                    }
                }
            }
            self.reload_config_files().await;
            self.reanalyze_all();
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = &params.text_document_position_params.text_document.uri;
        let Some((analyzed, encoding)) = self.stored(uri) else {
            return Ok(None);
        };
        let position = params.text_document_position_params.position;
        let offset = convert::offset(&analyzed.source, position, encoding);
        Ok(
            convert::hover(&analyzed.source, &analyzed.analysis, offset).map(
                |(markdown, covered)| Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: markdown,
                    }),
                    range: Some(convert::range(&analyzed.source, covered, encoding)),
                },
            ),
        )
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some((analyzed, encoding)) = self.stored(&params.text_document.uri) else {
            return Ok(None);
        };
        let show = self
            .shared
            .lock()
            .documents
            .get(&params.text_document.uri)
            .is_some_and(|doc| doc.config.inlay_speakers);
        if !show {
            return Ok(Some(Vec::new()));
        }
        let source = &analyzed.source;
        let visible = TextRange::new(
            convert::offset(source, params.range.start, encoding),
            convert::offset(source, params.range.end, encoding),
        );
        Ok(Some(convert::inlay_hints(
            source,
            &analyzed.analysis,
            visible,
            encoding,
        )))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((analyzed, encoding)) = self.stored(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(
            convert::document_symbols(&analyzed.source, &analyzed.analysis, encoding),
        )))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let Some((analyzed, encoding)) = self.stored(&uri) else {
            return Ok(None);
        };
        let format = self.shared.lock().documents.get(&uri).map(|d| d.format);
        let Some(format) = format else {
            return Err(Error::invalid_params("document is not open"));
        };
        let house_style = self.house_style_file(&uri);
        Ok(Some(super::actions::code_actions(
            &uri,
            &analyzed.source,
            &analyzed.analysis,
            format,
            params.range,
            encoding,
            house_style.as_ref(),
        )))
    }
}

#[cfg(test)]
mod tests {
    //! The panic boundary, in process: a stand-in analysis that panics on a marker word.
    use super::*;
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

    fn panics_on_marker(
        source: &Source,
        format: Format,
        config: &Config,
        memo: &mut Memo,
    ) -> Analysis {
        assert!(!source.text().contains("KABOOM"), "injected analysis panic");
        analyze_with(source, format, config, memo)
    }

    async fn send(to: &mut (impl AsyncWrite + Unpin), message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        to.write_all(frame.as_bytes()).await.expect("write frame");
    }

    async fn receive(from: &mut BufReader<impl AsyncRead + Unpin>) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            from.read_line(&mut line).await.expect("read header");
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length:") {
                length = value.trim().parse().expect("content length");
            }
        }
        let mut body = vec![0; length];
        from.read_exact(&mut body).await.expect("read body");
        serde_json::from_slice(&body).expect("json body")
    }

    fn change(version: i32, text: &str) -> Value {
        serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "file:///desk/story.md", "version": version},
            "contentChanges": [{"text": text}]}})
    }

    #[tokio::test]
    async fn a_panicking_analysis_is_reported_once_and_the_server_keeps_serving() {
        let (client_end, server_end) = tokio::io::duplex(64 * 1024);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(serve_with(server_read, server_write, panics_on_marker));
        let (client_read, mut to_server) = tokio::io::split(client_end);
        let mut from_server = BufReader::new(client_read);
        let quote = "“We will not close the bridge,” said Mayor Ana Ruiz.\n";

        send(
            &mut to_server,
            serde_json::json!({"jsonrpc": "2.0", "id": 1,
            "method": "initialize", "params": {"capabilities": {}}}),
        )
        .await;
        while receive(&mut from_server).await.get("id") != Some(&Value::from(1)) {}
        send(
            &mut to_server,
            serde_json::json!({"jsonrpc": "2.0",
            "method": "initialized", "params": {}}),
        )
        .await;
        send(
            &mut to_server,
            serde_json::json!({"jsonrpc": "2.0",
            "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": "file:///desk/story.md", "languageId": "markdown", "version": 1,
                "text": quote}}}),
        )
        .await;
        while receive(&mut from_server).await["params"]["version"] != 1 {}
        // A failing version: the reporter is told.
        send(&mut to_server, change(2, &format!("{quote}KABOOM\n"))).await;
        let mut warnings = Vec::new();
        let mut published = Vec::new();
        let mut hover = None;
        let mut note = |message: Value| match message["method"].as_str() {
            Some("window/showMessage") => warnings.push(message["params"]["message"].clone()),
            Some("textDocument/publishDiagnostics") => {
                published.push(message["params"]["version"].as_i64().unwrap_or(-1));
            }
            _ if message["id"] == 2 => hover = Some(message["result"].clone()),
            _ => {}
        };
        loop {
            let message = receive(&mut from_server).await;
            let warned = message["method"] == "window/showMessage";
            note(message);
            if warned {
                break;
            }
        }
        // A second failing version (not told again), a hover, then a readable version.
        send(&mut to_server, change(3, &format!("{quote}KABOOM again\n"))).await;
        send(
            &mut to_server,
            serde_json::json!({"jsonrpc": "2.0", "id": 2,
            "method": "textDocument/hover", "params": {
                "textDocument": {"uri": "file:///desk/story.md"},
                "position": {"line": 0, "character": 47}}}),
        )
        .await;
        send(&mut to_server, change(4, quote)).await;
        loop {
            let message = receive(&mut from_server).await;
            let done = message["params"]["version"] == 4;
            note(message);
            if done {
                break;
            }
        }
        assert!(
            !published.contains(&2) && !published.contains(&3),
            "{published:?}"
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0]
            .as_str()
            .is_some_and(|m| m.contains("could not analyse story.md")));
        // The hover may be answered before or after version 4: either way from a good analysis
        // (version 1's, the last the server could read, or version 4's).
        while hover.is_none() {
            let message = receive(&mut from_server).await;
            if message["id"] == 2 {
                hover = Some(message["result"].clone());
            }
        }
        let card = hover.unwrap_or_default();
        assert!(card["contents"]["value"]
            .as_str()
            .is_some_and(|value| value.contains("Ana Ruiz")));

        send(
            &mut to_server,
            serde_json::json!({"jsonrpc": "2.0", "id": 3,
            "method": "shutdown"}),
        )
        .await;
        while receive(&mut from_server).await.get("id") != Some(&Value::from(3)) {}
        send(
            &mut to_server,
            serde_json::json!({"jsonrpc": "2.0", "method": "exit"}),
        )
        .await;
        assert_eq!(server.await.ok(), Some(0));
    }
}
