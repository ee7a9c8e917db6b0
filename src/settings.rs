//! The settings shape shared by `copydesk.toml`, LSP `initializationOptions`,
//! `workspace/didChangeConfiguration` and the editors' `copydesk.*` settings, and its
//! conversion into an `analysis::Config`. Errors name the key and the accepted values.
//!
//! ```toml
//! inlay-speakers = true          # speaker hints after quotations
//! max-term-words = 3             # longer quotations (or full sentences) are speech
//! attribution-verbs = ["quipped"]
//! vague-sources = ["insiders"]
//! source-words = ["tallied"]
//!
//! [rules]                        # "off", "hint", "information", "warning", "error"
//! unsourced-figure = "off"
//!
//! [house-spellings]              # preferred = [variants always corrected to it]
//! "Zelenskyy" = ["Zelensky", "Zelenskiy"]
//! ```

use crate::analysis::rules;
use crate::analysis::{Config, HouseSpelling, Severity};
use serde_json::Value;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file name copydesk looks for, from a draft's folder upwards.
pub const CONFIG_FILE: &str = "copydesk.toml";

/// A configuration problem: what is wrong and, for a file, the 0-based line of the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    pub message: String,
    pub line: Option<usize>,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {}: {}", line + 1, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SettingsError {}

fn error(message: String) -> SettingsError {
    SettingsError {
        message,
        line: None,
    }
}

const KEYS: &[&str] = &[
    "attribution-verbs",
    "house-spellings",
    "inlay-speakers",
    "max-term-words",
    "rules",
    "source-words",
    "vague-sources",
];

/// Applies a settings object on top of `base`; later settings win.
pub fn apply_json(base: &Config, value: &Value) -> Result<Config, SettingsError> {
    let mut config = base.clone();
    let Some(object) = value.as_object() else {
        if value.is_null() {
            return Ok(config);
        }
        return Err(error("copydesk settings must be an object".to_string()));
    };
    for (key, value) in object {
        match key.as_str() {
            "rules" => {
                let rules_table = value
                    .as_object()
                    .ok_or_else(|| error("`rules` must be a table of rule ids".to_string()))?;
                for (rule, level) in rules_table {
                    if rules::rule(rule).is_none() {
                        let known: Vec<&str> = rules::RULES.iter().map(|r| r.id).collect();
                        return Err(error(format!(
                            "unknown rule `{rule}` in `rules`: expected one of {}",
                            known.join(", ")
                        )));
                    }
                    let severity = match level {
                        Value::String(text) if text == "off" => None,
                        Value::Bool(false) => None,
                        Value::Bool(true) => rules::rule(rule).map(|r| r.default_severity),
                        Value::String(text) => Some(Severity::parse(text).ok_or_else(|| {
                            error(format!("`rules.{rule}` is `{text}`: expected \"off\", \"hint\", \"information\", \"warning\" or \"error\""))
                        })?),
                        other => {
                            return Err(error(format!(
                                "`rules.{rule}` is {other}: expected \"off\", \"hint\", \"information\", \"warning\" or \"error\""
                            )))
                        }
                    };
                    config.rule_overrides.push((rule.clone(), severity));
                }
            }
            "house-spellings" => {
                let table = value.as_object().ok_or_else(|| {
                    error("`house-spellings` must be a table: preferred = [variants]".to_string())
                })?;
                for (preferred, variants) in table {
                    let variants = string_list(variants, &format!("house-spellings.{preferred}"))?;
                    config.house_spellings.push(HouseSpelling {
                        preferred: preferred.clone(),
                        variants,
                    });
                }
            }
            "attribution-verbs" => config.extra_speech_verbs.extend(
                string_list(value, key)?
                    .into_iter()
                    .map(|v| v.to_lowercase()),
            ),
            "vague-sources" => config.extra_vague_sources.extend(string_list(value, key)?),
            "source-words" => config.extra_source_words.extend(
                string_list(value, key)?
                    .into_iter()
                    .map(|v| v.to_lowercase()),
            ),
            "inlay-speakers" => {
                config.inlay_speakers = value.as_bool().ok_or_else(|| {
                    error(format!(
                        "`inlay-speakers` is {value}: expected true or false"
                    ))
                })?;
            }
            "max-term-words" => {
                config.max_term_words = value
                    .as_u64()
                    .filter(|n| *n <= 50)
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| {
                        error(format!(
                            "`max-term-words` is {value}: expected a whole number from 0 to 50"
                        ))
                    })?;
            }
            // Client-side settings (the binary's path, protocol tracing) that editors send
            // along with the rest of the copydesk section.
            "server" | "trace" => {}
            other => {
                return Err(error(format!(
                    "unknown setting `{other}`: expected one of {}",
                    KEYS.join(", ")
                )))
            }
        }
    }
    Ok(config)
}

fn string_list(value: &Value, key: &str) -> Result<Vec<String>, SettingsError> {
    let items = value
        .as_array()
        .ok_or_else(|| error(format!("`{key}` must be a list of strings")))?;
    items
        .iter()
        .map(|item| {
            item.as_str()
                .map(str::to_string)
                .ok_or_else(|| error(format!("`{key}` must be a list of strings, found {item}")))
        })
        .collect()
}

/// Parses the text of a `copydesk.toml` on top of the defaults.
pub fn from_toml(text: &str) -> Result<Config, SettingsError> {
    let value: Value = toml::from_str(text).map_err(|err| SettingsError {
        message: err.message().to_string(),
        line: err
            .span()
            .map(|span| text.get(..span.start).unwrap_or("").matches('\n').count()),
    })?;
    apply_json(&Config::default(), &value).map_err(|mut err| {
        err.line = locate_key(text, &err.message);
        err
    })
}

/// The line of the first key named in backticks in `message`, for pointing at it.
fn locate_key(text: &str, message: &str) -> Option<usize> {
    let key = message.split('`').nth(1)?;
    let last_part = key.rsplit('.').next().unwrap_or(key);
    text.lines().position(|line| {
        let trimmed = line.trim_start().trim_start_matches('"');
        trimmed.starts_with(last_part) || trimmed.starts_with(&format!("[{last_part}"))
    })
}

/// The nearest `copydesk.toml` from `start` (a folder) upwards, not above `stop` when
/// given. Symbolic links are not followed, so configuration never comes from outside.
pub fn find_config(start: &Path, stop: Option<&Path>) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(current) = dir {
        let candidate = current.join(CONFIG_FILE);
        if let Ok(meta) = std::fs::symlink_metadata(&candidate) {
            if meta.is_file() {
                return Some(candidate);
            }
        }
        if stop.is_some_and(|stop| current == stop) {
            break;
        }
        dir = current.parent();
    }
    None
}

/// Reads and parses a config file.
pub fn load(path: &Path) -> Result<Config, SettingsError> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| error(format!("cannot read {}: {err}", path.display())))?;
    from_toml(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_sets_rules_house_spellings_and_lists() {
        let config = from_toml(
            "attribution-verbs = [\"Quipped\"]\n[rules]\nunsourced-figure = \"off\"\nvague-attribution = \"hint\"\n[house-spellings]\nZelenskyy = [\"Zelensky\"]\n",
        );
        let config = config.unwrap_or_default();
        assert_eq!(config.severity("unsourced-figure", Severity::Warning), None);
        assert_eq!(
            config.severity("vague-attribution", Severity::Information),
            Some(Severity::Hint)
        );
        assert_eq!(config.extra_speech_verbs, vec!["quipped".to_string()]);
        assert_eq!(config.house_spellings[0].preferred, "Zelenskyy");
    }

    #[test]
    fn errors_name_the_key_and_its_line() {
        let err = from_toml("[rules]\nunsourced-figure = \"loud\"\n").err();
        assert_eq!(err.as_ref().and_then(|e| e.line), Some(1));
        assert!(err.is_some_and(|e| e.message.contains("rules.unsourced-figure")));
        let err = from_toml("inlay = true\n").err();
        assert!(
            err.is_some_and(|e| e.message.contains("unknown setting `inlay`") && e.line == Some(0))
        );
        let err = from_toml("[rules\n").err();
        assert!(err.is_some_and(|e| e.line == Some(0)));
    }
}
