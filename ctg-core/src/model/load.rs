//! Loading and saving plans (TOML and JSON, one serde model).
//!
//! Loading runs in three passes so that every problem is reported at once:
//! 1. syntax (TOML or JSON), with line and column;
//! 2. every target expression is parsed, and each failure is recorded with the fiche,
//!    indicator, and line/column of the offending text;
//! 3. the typed model is read (type errors carry their line and column when the source
//!    had no target error), then validated semantically ([`Plan::issues`]).

use std::path::Path;

use serde_json::Value;

use super::{Plan, PlanError, PlanErrorCode as Code, PlanIssue, PlanLocation};

/// The file formats a plan is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Toml,
    Json,
}

impl Plan {
    /// Load and validate a plan written in TOML.
    ///
    /// ```
    /// let text = ctg_core::plans::SUNDGAU_TOML;
    /// let plan = ctg_core::model::Plan::from_toml(text).unwrap();
    /// assert_eq!(plan.fiches.len(), 12);
    /// ```
    pub fn from_toml(src: &str) -> Result<Plan, PlanError> {
        load(src, Format::Toml)
    }

    /// Load and validate a plan written in JSON (same model as TOML).
    ///
    /// ```
    /// let json = ctg_core::plans::sundgau().unwrap().to_json().unwrap();
    /// let plan = ctg_core::model::Plan::from_json(&json).unwrap();
    /// assert_eq!(plan, ctg_core::plans::sundgau().unwrap());
    /// ```
    pub fn from_json(src: &str) -> Result<Plan, PlanError> {
        load(src, Format::Json)
    }

    /// Load a plan from a `.toml` or `.json` file (by extension; TOML otherwise).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Plan, PlanError> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path).map_err(|e| {
            PlanError::single(PlanIssue::new(
                Code::IoError,
                PlanLocation::default(),
                format!("cannot read {}: {e}", path.display()),
                format!("impossible de lire {} : {e}", path.display()),
            ))
        })?;
        let is_json = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        load(&src, if is_json { Format::Json } else { Format::Toml })
    }

    /// Write the plan as TOML (targets as canonical French text).
    pub fn to_toml(&self) -> Result<String, PlanError> {
        toml::to_string_pretty(self).map_err(|e| serialize_error(e.to_string()))
    }

    /// Write the plan as pretty-printed JSON (targets as canonical French text).
    pub fn to_json(&self) -> Result<String, PlanError> {
        serde_json::to_string_pretty(self).map_err(|e| serialize_error(e.to_string()))
    }

    /// Validate: `Ok` when [`Plan::issues`] finds nothing.
    pub fn validate(&self) -> Result<(), PlanError> {
        let issues = self.issues();
        if issues.is_empty() {
            Ok(())
        } else {
            Err(PlanError { issues })
        }
    }
}

fn serialize_error(msg: String) -> PlanError {
    let fr = format!("le plan n'a pas pu être écrit : {msg}");
    PlanError::single(PlanIssue::new(
        Code::SerializeError,
        PlanLocation::default(),
        msg,
        fr,
    ))
}

fn load(src: &str, format: Format) -> Result<Plan, PlanError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    // Pass 1: syntax.
    let mut value: Value = match format {
        Format::Toml => toml::from_str(src)
            .map_err(|e| PlanError::single(toml_issue(src, Code::SyntaxError, &e)))?,
        Format::Json => serde_json::from_str(src)
            .map_err(|e| PlanError::single(json_issue(Code::SyntaxError, &e)))?,
    };
    // Pass 2: targets.
    let mut issues = check_targets(src, &mut value);
    // Pass 3: typed model.
    let typed = if issues.is_empty() {
        match format {
            Format::Toml => {
                toml::from_str::<Plan>(src).map_err(|e| toml_issue(src, Code::SchemaError, &e))
            }
            Format::Json => {
                serde_json::from_str::<Plan>(src).map_err(|e| json_issue(Code::SchemaError, &e))
            }
        }
    } else {
        serde_json::from_value::<Plan>(value).map_err(|e| {
            PlanIssue::new(
                Code::SchemaError,
                PlanLocation::default(),
                e.to_string(),
                format!("{SCHEMA_FR}{e}"),
            )
        })
    };
    let plan = match typed {
        Ok(plan) => plan,
        Err(issue) => {
            issues.push(issue);
            return Err(PlanError { issues });
        }
    };
    for mut issue in plan.issues() {
        locate_issue(src, &mut issue);
        issues.push(issue);
    }
    if issues.is_empty() {
        Ok(plan)
    } else {
        Err(PlanError { issues })
    }
}

/// Parse every `fiches[*].indicators[*].target` string; record failures and drop the bad
/// targets from `value` so the typed pass can go on and find the other problems.
fn check_targets(src: &str, value: &mut Value) -> Vec<PlanIssue> {
    let mut issues = Vec::new();
    let Some(fiches) = field_mut(value, &["fiches", "fiche"]).and_then(Value::as_array_mut) else {
        return issues;
    };
    for fiche in fiches {
        let number = field(fiche, &["number", "numéro", "numero"])
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok());
        let Some(inds) =
            field_mut(fiche, &["indicators", "indicateurs"]).and_then(Value::as_array_mut)
        else {
            continue;
        };
        for ind in inds {
            let id = field(ind, &["id"])
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let Some(obj) = ind.as_object_mut() else {
                continue;
            };
            for key in TARGET_KEYS {
                // A table of per-year levels: each level is checked where it is written.
                if let Some(table) = obj.get(key).filter(|v| v.is_object()) {
                    if let Some(issue) = check_schedule_table(src, number, &id, key, table) {
                        issues.push(issue);
                        obj.remove(key);
                    }
                    continue;
                }
                let Some(text) = obj.get(key).and_then(Value::as_str).map(str::to_string) else {
                    continue;
                };
                if text.trim().is_empty() {
                    continue;
                }
                if let Err(err) = crate::target::parse(&text) {
                    let mut location = PlanLocation {
                        fiche: number,
                        indicator: (!id.is_empty()).then(|| id.clone()),
                        field: Some(key.to_string()),
                        ..Default::default()
                    };
                    // The target text's place in the source, after the indicator's id.
                    let after = find_quoted(src, &id, 0).map(|(o, _)| o).unwrap_or(0);
                    if let Some((offset, _)) = find_quoted(src, &text, after) {
                        let at = offset + 1 + err.span.start.min(text.len());
                        let (line, column) = line_col(src, at);
                        location.line = Some(line);
                        location.column = Some(column);
                    }
                    let what = (format!("target `{text}`"), format!("la cible `{text}`"));
                    issues.push(target_issue(location, what, err));
                    obj.remove(key);
                }
            }
        }
    }
    issues
}

/// The keys a target may be written under (the serde name and its aliases).
const TARGET_KEYS: [&str; 6] = [
    "target",
    "cible",
    "cibles",
    "targets",
    "cibles_annuelles",
    "annual_targets",
];

/// Check a schedule table (`cibles = { 2026 = "≥ 20", 2028 = "≥ 30" }`): the issue of its
/// first problem, located at the offending year's level when it can be found.
fn check_schedule_table(
    src: &str,
    fiche: Option<u32>,
    id: &str,
    key: &str,
    table: &Value,
) -> Option<PlanIssue> {
    let entries = match crate::target::text_serde::schedule_entries(table)? {
        Ok(entries) => entries,
        Err(message) => {
            let location = PlanLocation {
                fiche,
                indicator: (!id.is_empty()).then(|| id.to_string()),
                field: Some(key.to_string()),
                ..Default::default()
            };
            return Some(PlanIssue::new(
                Code::InvalidTarget,
                location,
                message.clone(),
                format!("échéancier de cibles invalide : {message}"),
            ));
        }
    };
    // A level that does not read, or the schedule as a whole.
    let bad_level = entries.iter().find_map(|(year, text)| {
        crate::target::schedule(&[(*year, text.as_str())])
            .err()
            .map(|e| (Some(*year), text.clone(), e))
    });
    let (year, text, err) = match bad_level {
        Some(found) => found,
        None => {
            let borrowed: Vec<(i32, &str)> =
                entries.iter().map(|(y, t)| (*y, t.as_str())).collect();
            let err = crate::target::schedule(&borrowed).err()?;
            (None, String::new(), err)
        }
    };
    let mut location = PlanLocation {
        fiche,
        indicator: (!id.is_empty()).then(|| id.to_string()),
        field: Some(match year {
            Some(y) => format!("{key}.{y}"),
            None => key.to_string(),
        }),
        ..Default::default()
    };
    let after = find_quoted(src, id, 0).map(|(o, _)| o).unwrap_or(0);
    let at = if text.is_empty() {
        // The schedule as a whole: at the line that opens its key, after the indicator's id
        // (`cibles = {` in TOML, `"cibles": {` in JSON).
        let quoted = format!("\"{key}\"");
        let mut offset = after;
        src.get(after..).and_then(|rest| {
            rest.split_inclusive('\n').find_map(|line| {
                let start = offset + (line.len() - line.trim_start().len());
                offset += line.len();
                let t = line.trim_start();
                (t.starts_with(key) || t.starts_with(&quoted)).then_some(start)
            })
        })
    } else {
        find_quoted(src, &text, after).map(|(o, _)| o + 1 + err.span.start.min(text.len()))
    };
    if let Some(at) = at {
        let (line, column) = line_col(src, at);
        location.line = Some(line);
        location.column = Some(column);
    }
    let what = match year {
        Some(y) => format!("the level of {y} `{text}`"),
        None => "the schedule".to_string(),
    };
    let what_fr = match year {
        Some(y) => format!("la cible de {y} `{text}`"),
        None => "l'échéancier".to_string(),
    };
    Some(target_issue(location, (what, what_fr), err))
}

/// The issue of a target that does not parse: `what` names it in English and French.
fn target_issue(
    location: PlanLocation,
    (what, what_fr): (String, String),
    err: crate::target::TargetError,
) -> PlanIssue {
    let mut issue = PlanIssue::new(
        Code::InvalidTarget,
        location,
        format!("{what} does not parse: {}", err.message),
        format!("{what_fr} ne se lit pas : {}", err.message),
    );
    // The target parser speaks English: its hint serves both languages.
    issue.hint = err.hint.clone();
    issue.hint_fr = err.hint.clone();
    issue.target_error = Some(err);
    issue
}

fn field<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| v.get(*k))
}

fn field_mut<'a>(v: &'a mut Value, keys: &[&str]) -> Option<&'a mut Value> {
    let key = keys.iter().find(|k| v.get(**k).is_some())?;
    v.get_mut(*key)
}

/// Give a validation issue the line and column of its indicator id (or fiche header) in
/// the source, when they can be found. A duplicate points at the second occurrence.
fn locate_issue(src: &str, issue: &mut PlanIssue) {
    let nth = usize::from(matches!(
        issue.code,
        Code::DuplicateIndicator | Code::DuplicateFiche
    ));
    let found = if let Some(id) = &issue.location.indicator {
        let mut at = find_quoted(src, id, 0);
        for _ in 0..nth {
            at = at.and_then(|(o, len)| find_quoted(src, id, o + len));
        }
        at.map(|(o, _)| o)
    } else if let Some(n) = issue.location.fiche {
        fiche_headers(src, n).into_iter().nth(nth)
    } else {
        None
    };
    if let Some(offset) = found {
        let (line, column) = line_col(src, offset);
        issue.location.line = Some(line);
        issue.location.column = Some(column);
    }
}

/// The byte offset of `"needle"` (quoted, as TOML and JSON write strings) at or after `from`.
fn find_quoted(src: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let quoted = format!("\"{needle}\"");
    let rest = src.get(from..)?;
    rest.find(&quoted).map(|i| (from + i, quoted.len()))
}

/// The offsets of the `[[fiches]]` headers (TOML) of the fiches numbered `n` (the first
/// `number = …` line after each header). JSON gives no fiche lines.
fn fiche_headers(src: &str, n: u32) -> Vec<usize> {
    let wanted = format!("number={n}");
    let mut out = Vec::new();
    let mut pending: Option<usize> = None;
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if compact == "[[fiches]]" {
            pending = Some(offset + (line.len() - line.trim_start().len()));
        } else if compact.starts_with('[') {
            pending = None;
        } else if let Some(header) = pending {
            if compact.starts_with("number=") {
                if compact == wanted {
                    out.push(header);
                }
                pending = None;
            }
        }
        offset += line.len();
    }
    out
}

/// 1-based line and character column of a byte offset.
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut col = 1;
    for (i, c) in src.char_indices() {
        if i >= offset {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

fn toml_issue(src: &str, code: Code, e: &toml::de::Error) -> PlanIssue {
    let mut location = PlanLocation::default();
    if let Some(span) = e.span() {
        let (line, column) = line_col(src, span.start);
        location.line = Some(line);
        location.column = Some(column);
    }
    let message = e.message().trim().to_string();
    let prefix = match code {
        Code::SyntaxError => "syntaxe TOML invalide : ",
        _ => SCHEMA_FR,
    };
    let message_fr = format!("{prefix}{message}");
    PlanIssue::new(code, location, message, message_fr)
}

/// The French prefix of a schema error, before the parser's (English) message.
const SCHEMA_FR: &str = "le plan ne suit pas le schéma attendu : ";

fn json_issue(code: Code, e: &serde_json::Error) -> PlanIssue {
    let location = PlanLocation {
        line: (e.line() > 0).then_some(e.line()),
        column: (e.column() > 0).then_some(e.column()),
        ..Default::default()
    };
    let prefix = match code {
        Code::SyntaxError => "syntaxe JSON invalide : ",
        _ => SCHEMA_FR,
    };
    PlanIssue::new(code, location, e.to_string(), format!("{prefix}{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let s = "ab\nçd\"x\"";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        // `d` is after the two-byte `ç`: byte 5, column 2.
        assert_eq!(line_col(s, 5), (2, 2));
        assert_eq!(find_quoted(s, "x", 0), Some((6, 3)));
    }
}
