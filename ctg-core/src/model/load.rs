//! Loading and saving plans (TOML and JSON, one serde model).
//!
//! The source is parsed **once** into a tree that keeps the span of every node
//! ([`source`]); loading then runs in three passes over that tree, so that every problem is
//! reported at once:
//! 1. every target expression is parsed, and each failure is recorded with its fiche and
//!    indicator (the bad targets are dropped so that the next passes go on);
//! 2. the typed model is read from the tree (a schema error knows the node it is about);
//! 3. the plan is validated semantically ([`Plan::issues`]), each issue knowing its node.
//!
//! Two checks no serde reader makes: a **key written twice** in a JSON object is a
//! `duplicate_key` error at the second key (`serde_json` would keep the last one; TOML's
//! parser refuses it itself), and a **field the model does not know**, in any table read as
//! a struct (the plan, a period, an axis, a fiche, an indicator, a baseline…), is an
//! `unknown_field` error at its key, with the closest known field (French aliases included)
//! as a did-you-mean: a misspelt `cibel = "> 200"` would otherwise drop the target.
//!
//! Every problem then gets the line and column of its node: the target's culprit inside its
//! text, the field's value, else the indicator, fiche or axis. TOML nodes carry the
//! parser's spans; JSON ones are found by one structural scan of the text, done only when
//! there is a problem to place.

mod source;

use std::ops::Range;
use std::path::Path;

use self::source::{Node, Value};
use super::validate::NodePath;
use super::{Plan, PlanError, PlanErrorKind as K, PlanIssue, PlanLocation, TargetSubject};
use crate::problem::Segment;

/// The file formats a plan is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    #[cfg(feature = "toml")]
    Toml,
    Json,
}

impl Plan {
    /// Load and validate a plan written in TOML. Without the `toml` feature (the main web
    /// module), every text is refused with `toml_unsupported`.
    ///
    /// ```
    /// let text = ctg_core::plans::SUNDGAU_TOML;
    /// let plan = ctg_core::model::Plan::from_toml(text).unwrap();
    /// assert_eq!(plan.fiches.len(), 12);
    /// ```
    pub fn from_toml(src: &str) -> Result<Plan, PlanError> {
        #[cfg(feature = "toml")]
        return load(src, Format::Toml);
        #[cfg(not(feature = "toml"))]
        {
            let _ = src;
            Err(toml_unsupported())
        }
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
                K::Io {
                    path: path.display().to_string(),
                    error: e.to_string(),
                },
                PlanLocation::default(),
            ))
        })?;
        let is_json = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json {
            load(&src, Format::Json)
        } else {
            Plan::from_toml(&src)
        }
    }

    /// Write the plan as TOML (targets as canonical French text); `toml_unsupported`
    /// without the `toml` feature.
    pub fn to_toml(&self) -> Result<String, PlanError> {
        #[cfg(feature = "toml")]
        return toml::to_string_pretty(self).map_err(|e| serialize_error(e.to_string()));
        #[cfg(not(feature = "toml"))]
        Err(toml_unsupported())
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

#[cfg(not(feature = "toml"))]
fn toml_unsupported() -> PlanError {
    PlanError::single(PlanIssue::new(K::TomlUnsupported, PlanLocation::default()))
}

fn serialize_error(error: String) -> PlanError {
    PlanError::single(PlanIssue::new(
        K::Serialize { error },
        PlanLocation::default(),
    ))
}

/// Where in the source an issue is, to be turned into its line and column.
#[derive(Debug, Clone)]
enum Place {
    /// Nowhere in particular (a TOML syntax error without a span).
    #[cfg_attr(not(feature = "toml"), allow(dead_code))]
    Nowhere,
    /// A byte offset.
    Offset(usize),
    /// A node, by path (keys as written, or canonical names resolved through
    /// [`aliases`]; list positions): its key when `on_key`, else its value; `inner` is an
    /// offset inside its text (a target's culprit).
    Node {
        path: NodePath,
        on_key: bool,
        inner: Option<usize>,
    },
}

/// The TOML parser's message, or, when it has none (a control character such as NUL in a
/// comment), « unexpected character '\0' » naming the character at the error's place
/// (« unexpected end of file » at the end): a syntax error always says something.
#[cfg(feature = "toml")]
fn toml_message(src: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim();
    if !message.is_empty() {
        return message.to_string();
    }
    match e
        .span()
        .and_then(|s| src.get(s.start..))
        .and_then(|rest| rest.chars().next())
    {
        Some(c) => format!("unexpected character {c:?}"),
        None => "unexpected end of file".to_string(),
    }
}

fn load(src: &str, format: Format) -> Result<Plan, PlanError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    // The one parse.
    let mut root = match format {
        #[cfg(feature = "toml")]
        Format::Toml => source::parse_toml(src).map_err(|e| {
            let issue = PlanIssue::new(
                K::TomlSyntax {
                    error: toml_message(src, &e),
                },
                PlanLocation::default(),
            );
            let place = e.span().map_or(Place::Nowhere, |s| Place::Offset(s.start));
            PlanError::single(located(src, None, issue, &place))
        })?,
        Format::Json => match serde_json::from_str::<serde_json::Value>(src) {
            Ok(value) => Node::from(value),
            Err(e) => {
                let location = PlanLocation {
                    line: (e.line() > 0).then_some(e.line()),
                    column: (e.column() > 0).then_some(e.column()),
                    ..Default::default()
                };
                return Err(PlanError::single(PlanIssue::new(
                    K::JsonSyntax {
                        error: e.to_string(),
                    },
                    location,
                )));
            }
        },
    };
    // Pass 1: targets.
    let (mut found, bad) = check_targets(&root);
    // A JSON key written twice (serde_json keeps the last one).
    if format == Format::Json {
        for dup in source::json_duplicate_keys(src) {
            let mut path = dup.path;
            path.push(Segment::from(dup.key.as_str()));
            let location = schema_location(&root, &path);
            found.push((
                PlanIssue::new(K::DuplicateKey { key: dup.key }, location),
                Place::Offset(dup.offset),
            ));
        }
    }
    // Pass 2: the typed model, without the bad targets (a copy, kept for the places).
    let pruned = (!bad.is_empty()).then(|| without(&root, &bad));
    let (typed, unknown) = source::typed_checked::<Plan>(pruned.as_ref().unwrap_or(&root));
    for u in unknown {
        let location = schema_location(&root, &u.path);
        let suggestion = closest_field(&u.key, u.known);
        found.push((
            PlanIssue::new(
                K::UnknownField {
                    key: u.key,
                    suggestion,
                },
                location,
            ),
            Place::Node {
                path: u.path,
                on_key: true,
                inner: None,
            },
        ));
    }
    let plan = match typed {
        Ok(plan) => Some(plan),
        Err(e) => {
            let location = schema_location(&root, &e.path);
            let place = match e.span {
                Some(span) => Place::Offset(span.start),
                None => Place::Node {
                    path: e.path.clone(),
                    on_key: e.on_key,
                    inner: None,
                },
            };
            found.push((
                PlanIssue::new(K::Schema { error: e.message }, location),
                place,
            ));
            None
        }
    };
    // Pass 3: semantics.
    if let Some(plan) = &plan {
        for (issue, path) in plan.located_issues() {
            found.push((
                issue,
                Place::Node {
                    path,
                    on_key: false,
                    inner: None,
                },
            ));
        }
    }
    match plan {
        Some(plan) if found.is_empty() => Ok(plan),
        _ => {
            if format == Format::Json {
                source::attach_json_spans(src, &mut root);
            }
            let issues = found
                .into_iter()
                .map(|(issue, place)| located(src, Some(&root), issue, &place))
                .collect();
            Err(PlanError { issues })
        }
    }
}

/// The issue with the line and column of its place.
fn located(src: &str, root: Option<&Node>, mut issue: PlanIssue, place: &Place) -> PlanIssue {
    let offset = match (place, root) {
        (Place::Nowhere, _) => None,
        (Place::Offset(o), _) => Some(*o),
        (
            Place::Node {
                path,
                on_key,
                inner,
            },
            Some(root),
        ) => node_offset(src, root, path, *on_key, *inner),
        (Place::Node { .. }, None) => None,
    };
    if let Some(offset) = offset {
        let (line, column) = line_col(src, offset);
        issue.location.line = Some(line);
        issue.location.column = Some(column);
    }
    issue
}

/// The byte offset of a node: of its key when `on_key`, else of its value (`inner` bytes
/// into a string's text when the source writes it plainly, quotes around); the nearest
/// enclosing node with a span when the node is not in the source.
fn node_offset(
    src: &str,
    root: &Node,
    path: &[Segment],
    on_key: bool,
    inner: Option<usize>,
) -> Option<usize> {
    let (trail, entry) = root.find(path, aliases);
    let reached = trail.len() == path.len() + 1;
    if reached
        && on_key
        && let Some(span) = entry.and_then(|e| e.key_span.clone())
    {
        return Some(span.start);
    }
    let node = trail.last()?;
    if reached
        && let (Some(span), Some(inner), Value::Str(text)) = (&node.span, inner, &node.value)
        && let Some(at) = inside_quotes(src, span, text, inner)
    {
        return Some(at);
    }
    trail
        .iter()
        .rev()
        .find_map(|n| n.span.as_ref().map(|s| s.start))
}

/// The offset of byte `inner` of `text` in the source, when the source writes it between
/// one pair of quotes with nothing escaped.
fn inside_quotes(src: &str, span: &Range<usize>, text: &str, inner: usize) -> Option<usize> {
    let raw = src.get(span.clone())?;
    let body = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))?;
    (body == text).then(|| span.start + 1 + inner.min(text.len()))
}

/// The known field an unknown key is closest to: the same but for case and accents, else
/// the nearest by edit distance (at most 2); on a tie, the one with the most letters in
/// common (`cibel` is `cible` with two letters swapped, not `label`), then the first in the
/// struct's order.
fn closest_field(key: &str, known: &[&'static str]) -> Option<String> {
    use crate::io::fuzzy::{fold, levenshtein_within};
    let wanted = fold(key.trim());
    if let Some(k) = known.iter().find(|k| fold(k) == wanted) {
        return Some((*k).to_string());
    }
    let letters = |s: &str| {
        let mut v: Vec<char> = s.chars().collect();
        v.sort_unstable();
        v
    };
    let mine = letters(&wanted);
    // Letters of one not matched in the other (both ways).
    let unshared = |other: &[char]| {
        let (mut a, mut b, mut n) = (0, 0, 0);
        while a < mine.len() || b < other.len() {
            match (mine.get(a), other.get(b)) {
                (Some(x), Some(y)) if x == y => (a, b) = (a + 1, b + 1),
                (Some(x), Some(y)) if x < y => (a, n) = (a + 1, n + 1),
                (Some(_), Some(_)) | (None, Some(_)) => (b, n) = (b + 1, n + 1),
                (Some(_), None) => (a, n) = (a + 1, n + 1),
                (None, None) => break,
            }
        }
        n
    };
    known
        .iter()
        .filter_map(|k| {
            let folded = fold(k);
            // Bounded: a key of any length costs at most a band of 5 cells per character.
            let w: Vec<char> = wanted.chars().collect();
            let f: Vec<char> = folded.chars().collect();
            let d = levenshtein_within(&w, &f, 2)?;
            Some(((d, unshared(&letters(&folded))), *k))
        })
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, k)| k.to_string())
}

/// The other names a key of the plan model may be written under (its serde aliases), to
/// find the node a validation issue names by its canonical key.
fn aliases(key: &str) -> &'static [&'static str] {
    match key {
        "fiches" => &["fiche"],
        "indicators" => &["indicateurs"],
        "axes" => &["axe", "axe_strategiques"],
        "number" => &["numéro", "numero"],
        "title" => &["titre"],
        "territory" => &["territoire"],
        "period" => &["période", "periode"],
        "axis" => &["axe"],
        "schedule" => &["échéancier", "echeancier", "calendrier"],
        "milestones" => &["jalons"],
        "label" => &["libellé", "libelle"],
        "aggregation" => &["agrégation", "agregation"],
        "weight" => &["poids"],
        "baseline" => &["référence", "reference"],
        "window" => &["fenêtre", "fenetre", "période", "periode"],
        "target" => &TARGET_KEYS,
        "value" => &["valeur"],
        "year" => &["année", "annee"],
        _ => &[],
    }
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

/// The fiche, indicator and field a schema error's path names, read from the tree (a
/// fiche by its number, an indicator by its id); steps that name nothing known stay in the
/// field (`fiches[2].number` for a fiche without number).
fn schema_location(root: &Node, path: &[Segment]) -> PlanLocation {
    let mut location = PlanLocation::default();
    let mut rest = path;
    let mut raw: Vec<String> = Vec::new();
    let mut node = root;
    // `fiches[i]` (then `indicators[j]`), or `axes[i]`.
    if let [Segment::Key(k), Segment::Index(i), tail @ ..] = rest {
        let list = node.get(&[k.as_str()]);
        if let Some(item) = list.and_then(|l| index(l, i)) {
            let number = item
                .get(&["number", "numéro", "numero"])
                .and_then(Node::as_i64)
                .and_then(|n| u32::try_from(n).ok());
            let is_fiche = k == "fiches" || aliases("fiches").contains(&k.as_str());
            let is_axis = k == "axes" || aliases("axes").contains(&k.as_str());
            match number {
                Some(n) if is_fiche => location.fiche = Some(n),
                Some(n) if is_axis => location.axis = Some(n),
                _ => raw.push(format!("{k}[{i}]")),
            }
            node = item;
            rest = tail;
            if is_fiche && let [Segment::Key(k), Segment::Index(j), tail @ ..] = rest {
                let list = node.get(&[k.as_str()]);
                if let Some(ind) = list.and_then(|l| index(l, j)) {
                    match ind.get(&["id"]).and_then(Node::as_str) {
                        Some(id) if !id.is_empty() && raw.is_empty() => {
                            location.indicator = Some(id.to_string());
                        }
                        _ => raw.push(format!("{k}[{j}]")),
                    }
                    rest = tail;
                }
            }
        }
    }
    raw.extend(rest.iter().map(Segment::to_string));
    if !raw.is_empty() {
        location.field = Some(raw.join("."));
    }
    location
}

/// Item `i` of an array node.
fn index<'a>(n: &'a Node, i: &u64) -> Option<&'a Node> {
    usize::try_from(*i).ok().and_then(|i| n.items().get(i))
}

/// Parse every `fiches[*].indicators[*].target` (and its aliases): the failures, and the
/// paths of the bad targets, for the typed pass to go on without them and find the other
/// problems.
fn check_targets(root: &Node) -> (Vec<(PlanIssue, Place)>, Vec<NodePath>) {
    let mut found = Vec::new();
    let mut bad_paths = Vec::new();
    let Some(fiches_key) = key_of(root, &["fiches", "fiche"]) else {
        return (found, bad_paths);
    };
    let Some(fiches) = root.get(&[fiches_key.as_str()]) else {
        return (found, bad_paths);
    };
    for (fi, fiche) in fiches.items().iter().enumerate() {
        let number = fiche
            .get(&["number", "numéro", "numero"])
            .and_then(Node::as_i64)
            .and_then(|n| u32::try_from(n).ok());
        let Some(inds_key) = key_of(fiche, &["indicators", "indicateurs"]) else {
            continue;
        };
        let Some(inds) = fiche.get(&[inds_key.as_str()]) else {
            continue;
        };
        for (ii, ind) in inds.items().iter().enumerate() {
            let id = ind.get(&["id"]).and_then(Node::as_str).unwrap_or("");
            let base: NodePath = vec![
                Segment::from(fiches_key.as_str()),
                Segment::from(fi),
                Segment::from(inds_key.as_str()),
                Segment::from(ii),
            ];
            let location = |field: String| PlanLocation {
                fiche: number,
                indicator: (!id.is_empty()).then(|| id.to_string()),
                field: Some(field),
                ..Default::default()
            };
            for key in TARGET_KEYS {
                let Some(target) = ind.get(&[key]) else {
                    continue;
                };
                let mut path = base.clone();
                path.push(Segment::from(key));
                let bad = match &target.value {
                    // A table of per-year levels: each level is checked where it is written.
                    Value::Table(_) => check_schedule_table(target, key, path.clone(), &location),
                    Value::Str(text) if !text.trim().is_empty() => {
                        crate::target::parse(text).err().map(|error| {
                            let inner = Some(error.span.start);
                            let kind = K::InvalidTarget {
                                subject: TargetSubject::Text(text.clone()),
                                error,
                            };
                            (
                                PlanIssue::new(kind, location(key.to_string())),
                                Place::Node {
                                    path: path.clone(),
                                    on_key: false,
                                    inner,
                                },
                            )
                        })
                    }
                    _ => None,
                };
                if let Some(bad) = bad {
                    found.push(bad);
                    bad_paths.push(path);
                }
            }
        }
    }
    (found, bad_paths)
}

/// A copy of the tree without the nodes at `paths` (keys as written, list positions; each
/// path ends with a key).
fn without(root: &Node, paths: &[NodePath]) -> Node {
    let mut copy = root.clone();
    for path in paths {
        if let Some((Segment::Key(last), parent)) = path.split_last()
            && let Some(node) = node_mut(&mut copy, parent)
        {
            node.remove(last);
        }
    }
    copy
}

/// The node at a path (keys as written, list positions), to change it.
fn node_mut<'a>(mut node: &'a mut Node, path: &[Segment]) -> Option<&'a mut Node> {
    for step in path {
        node = match step {
            Segment::Key(k) => node.get_mut(&[k.as_str()])?,
            Segment::Index(i) => node.items_mut().get_mut(usize::try_from(*i).ok()?)?,
        };
    }
    Some(node)
}

/// The key of `node` among `keys` (the first present), as written.
fn key_of(node: &Node, keys: &[&str]) -> Option<String> {
    node.entry(keys).map(|e| e.key.clone())
}

/// Check a schedule table (`cibles = { 2026 = "≥ 20", 2028 = "≥ 30" }`): the issue of its
/// first problem, placed at the offending year's level (or at the table's key when the
/// schedule as a whole is wrong). `None` when the table is fine, or is not keyed by years
/// (the structured form, left to the typed pass).
fn check_schedule_table(
    table: &Node,
    key: &str,
    path: NodePath,
    location: &dyn Fn(String) -> PlanLocation,
) -> Option<(PlanIssue, Place)> {
    let entries = table.entries();
    if entries.is_empty() || !entries.iter().all(|e| e.key.trim().parse::<i32>().is_ok()) {
        return None;
    }
    let mut levels: Vec<(i32, String, &str)> = Vec::with_capacity(entries.len());
    for e in entries {
        let year = e.key.trim().parse::<i32>().unwrap_or_default();
        let text = match &e.node.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or_else(|| f.to_string(), |n| n.to_string())
            }
            _ => {
                let kind = K::ScheduleLevelType {
                    year,
                    found: e.node.to_json().to_string(),
                };
                let mut at = path.clone();
                at.push(Segment::from(e.key.as_str()));
                return Some((
                    PlanIssue::new(kind, location(key.to_string())),
                    Place::Node {
                        path: at,
                        on_key: false,
                        inner: None,
                    },
                ));
            }
        };
        levels.push((year, text, e.key.as_str()));
    }
    // A level that does not read, or the schedule as a whole.
    for (year, text, written) in &levels {
        if let Err(error) = crate::target::schedule(&[(*year, text.as_str())]) {
            let inner = Some(error.span.start);
            let kind = K::InvalidTarget {
                subject: TargetSubject::Level {
                    year: *year,
                    text: text.clone(),
                },
                error,
            };
            let mut at = path.clone();
            at.push(Segment::from(*written));
            return Some((
                PlanIssue::new(kind, location(format!("{key}.{year}"))),
                Place::Node {
                    path: at,
                    on_key: false,
                    inner,
                },
            ));
        }
    }
    let borrowed: Vec<(i32, &str)> = levels.iter().map(|(y, t, _)| (*y, t.as_str())).collect();
    let error = crate::target::schedule(&borrowed).err()?;
    let kind = K::InvalidTarget {
        subject: TargetSubject::Schedule,
        error,
    };
    Some((
        PlanIssue::new(kind, location(key.to_string())),
        Place::Node {
            path,
            on_key: true,
            inner: None,
        },
    ))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let s = "ab\nçd\"x\"";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        // `d` is after the two-byte `ç`: byte 5, column 2.
        assert_eq!(line_col(s, 5), (2, 2));
    }

    const PLAN: &str = "id = \"x\"\ntitre = \"Plan\"\nterritory = \"T\"\n\
        \"période\" = { start = 2025, end = 2029 }\n\n[[axes]]\nnumber = 1\ntitle = \"A\"\n\n\
        [[fiches]]\nnumber = 1\ntitle = \"F\"\naxis = 1\nschedule = { start = 2025, end = 2029 }\n\n\
        [[fiches.indicateurs]]\nid = \"f1.1\"\n\"libellé\" = \"L\"\nmeasure = \"count\"\n";

    #[test]
    fn every_issue_points_at_its_node_through_aliases() {
        // A field written under an alias is found.
        let src = PLAN.replace("\"libellé\" = \"L\"", "\"libellé\" = \"\"");
        let err = Plan::from_toml(&src).unwrap_err();
        let l = &err.issues[0].location;
        assert_eq!(
            (l.field.as_deref(), l.line, l.column),
            (Some("label"), Some(18), Some(13))
        );
        // The same plan in JSON: the same places, found by the scan.
        let plan: serde_json::Value = toml::from_str(&src).unwrap();
        let json = serde_json::to_string_pretty(&plan).unwrap();
        let err = Plan::from_json(&json).unwrap_err();
        let line = json
            .lines()
            .position(|l| l.contains("\"libellé\""))
            .unwrap()
            + 1;
        assert_eq!(err.issues[0].location.line, Some(line));
    }

    #[test]
    fn schema_errors_name_their_fiche_and_indicator() {
        let src = PLAN.replace("measure = \"count\"", "measure = 3");
        let err = Plan::from_toml(&src).unwrap_err();
        let l = &err.issues[0].location;
        assert_eq!(err.issues[0].code().as_str(), "schema_error");
        assert_eq!((l.fiche, l.indicator.as_deref()), (Some(1), Some("f1.1")));
        assert_eq!(
            (l.field.as_deref(), l.line, l.column),
            (Some("measure"), Some(19), Some(11))
        );
        let json =
            serde_json::to_string(&toml::from_str::<serde_json::Value>(&src).unwrap()).unwrap();
        let err = Plan::from_json(&json).unwrap_err();
        let l = &err.issues[0].location;
        assert_eq!((l.fiche, l.indicator.as_deref()), (Some(1), Some("f1.1")));
        assert_eq!(l.line, Some(1));
        let at = json.find("\"measure\":3").unwrap() + "\"measure\":".len();
        assert_eq!(l.column, Some(json[..at].chars().count() + 1));
    }

    #[test]
    fn schedule_tables_point_at_their_levels() {
        let src = format!("{PLAN}cibles = {{ 2026 = \"≥ 20\", 2028 = \"≥ x\" }}\n");
        let err = Plan::from_toml(&src).unwrap_err();
        let l = &err.issues[0].location;
        assert_eq!(l.field.as_deref(), Some("cibles.2028"));
        // `x` in `2028 = "≥ x"`.
        let line = src.lines().last().unwrap();
        let col = line[..line.find("x\"").unwrap()].chars().count() + 1;
        assert_eq!((l.line, l.column), (Some(20), Some(col)));
        let src = format!("{PLAN}cibles = {{ 2028 = \"≥ 20\", 2026 = \"≤ 30\" }}\n");
        let err = Plan::from_toml(&src).unwrap_err();
        let l = &err.issues[0].location;
        assert_eq!(
            (l.field.as_deref(), l.line, l.column),
            (Some("cibles"), Some(20), Some(1))
        );
        let src = format!("{PLAN}cibles = {{ 2026 = true }}\n");
        let err = Plan::from_toml(&src).unwrap_err();
        assert_eq!(
            err.issues[0].message(crate::Lang::En),
            "the level of 2026 must be text such as \"≥ 20\" or a number, not true"
        );
    }
}
