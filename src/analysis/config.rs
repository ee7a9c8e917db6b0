//! Analysis settings as plain data: rule severities, word lists a newsroom extends, house
//! spellings. Parsing TOML or LSP settings into a `Config` is the edges' job.

/// How serious a finding is, in LSP's four levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `hint`, `information` (or `info`), `warning` and `error`.
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "hint" => Some(Severity::Hint),
            "information" | "info" => Some(Severity::Information),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A house spelling: the preferred form of a name and variants always corrected to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseSpelling {
    pub preferred: String,
    pub variants: Vec<String>,
}

/// Everything the analysis can be told. `Config::default()` is what a reporter gets with
/// no configuration at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Per-rule overrides: `None` turns the rule off, `Some` sets its severity.
    pub rule_overrides: Vec<(String, Option<Severity>)>,
    /// A quotation of this many words or fewer that is not a full sentence is a term.
    pub max_term_words: usize,
    pub extra_speech_verbs: Vec<String>,
    pub extra_source_words: Vec<String>,
    pub extra_vague_sources: Vec<String>,
    pub house_spellings: Vec<HouseSpelling>,
    /// Whether inlay hints show the speaker after each quotation.
    pub inlay_speakers: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rule_overrides: Vec::new(),
            max_term_words: 3,
            extra_speech_verbs: Vec::new(),
            extra_source_words: Vec::new(),
            extra_vague_sources: Vec::new(),
            house_spellings: Vec::new(),
            inlay_speakers: true,
        }
    }
}

impl Config {
    /// The severity of rule `id` under this configuration, or `None` when it is off.
    pub fn severity(&self, id: &str, default: Severity) -> Option<Severity> {
        self.rule_overrides
            .iter()
            .rev()
            .find(|(rule, _)| rule == id)
            .map_or(Some(default), |(_, severity)| *severity)
    }
}
