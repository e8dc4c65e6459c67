//! The boundary rule, checked on the repository: the bindings (`ctg-py/src`, `ctg-wasm/src`)
//! convert values and nothing else. No HTML, no inline style, no choice between French and
//! English: presentation and wording live in ctg-core, once.
//!
//! Comment lines (`//`, `///`, `//!`) are documentation, not code, and are not searched: a
//! docstring may show the HTML the core gives. A hit fails the test with its file and line. The only exceptions are the ones listed in
//! [`ALLOWED`], each with its reason and the issue that removes it; an entry that no longer
//! matches anything fails too, so that the list only shrinks.
#![allow(clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

/// What a binding must not contain: markup, inline styles, language choices.
const FORBIDDEN: &[(&str, &str)] = &[
    (
        "<div",
        "HTML (notebook and report views are `ctg_core::report`)",
    ),
    (
        "<table",
        "HTML (notebook and report views are `ctg_core::report`)",
    ),
    (
        "<p>",
        "HTML (notebook and report views are `ctg_core::report`)",
    ),
    (
        "<p ",
        "HTML (notebook and report views are `ctg_core::report`)",
    ),
    (
        "<span",
        "HTML (notebook and report views are `ctg_core::report`)",
    ),
    (
        "style=",
        "inline style (presentation is `ctg_core::report`)",
    ),
    (
        "lang.pick",
        "a French-or-English choice (wording is ctg-core's)",
    ),
    (
        "Lang::Fr =>",
        "a French-or-English choice (wording is ctg-core's)",
    ),
    (
        "Lang::En =>",
        "a French-or-English choice (wording is ctg-core's)",
    ),
    (
        "== Lang::",
        "a French-or-English choice (wording is ctg-core's)",
    ),
    (
        "match lang {",
        "a French-or-English choice (wording is ctg-core's)",
    ),
];

/// Known exceptions: (file relative to the repository, forbidden pattern, reason). Keep it
/// short, and remove an entry with the code it excuses.
const ALLOWED: &[(&str, &str, &str)] = &[
    // Empty since the typed problems landed (issue 12): every message comes from core.
];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The Rust sources of the bindings, as (path relative to the repository, text).
fn binding_sources() -> Vec<(String, String)> {
    let root = repo();
    let mut out = Vec::new();
    for dir in ["ctg-py/src", "ctg-wasm/src"] {
        let entries =
            fs::read_dir(root.join(dir)).unwrap_or_else(|e| panic!("{dir} cannot be listed: {e}"));
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no Rust file in {dir}");
        for path in files {
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{} cannot be read: {e}", path.display()));
            let rel = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, text));
        }
    }
    out
}

/// Every hit of a forbidden pattern: (file, 1-based line, pattern, why, the line).
fn hits(sources: &[(String, String)]) -> Vec<(String, usize, &'static str, &'static str, String)> {
    let mut out = Vec::new();
    for (file, text) in sources {
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (pattern, why) in FORBIDDEN {
                if line.contains(pattern) {
                    out.push((file.clone(), i + 1, *pattern, *why, line.trim().to_string()));
                }
            }
        }
    }
    out
}

fn allowed(file: &str, pattern: &str) -> bool {
    ALLOWED.iter().any(|(f, p, _)| *f == file && *p == pattern)
}

#[test]
fn bindings_hold_no_html_and_no_language_choice() {
    let sources = binding_sources();
    assert!(sources.iter().any(|(f, _)| f == "ctg-py/src/eval.rs"));
    assert!(sources.iter().any(|(f, _)| f == "ctg-wasm/src/lib.rs"));
    let found = hits(&sources);
    let bad: Vec<String> = found
        .iter()
        .filter(|(file, _, pattern, _, _)| !allowed(file, pattern))
        .map(|(file, line, pattern, why, text)| {
            format!("{file}:{line}: `{pattern}` — {why}\n    {text}")
        })
        .collect();
    assert!(
        bad.is_empty(),
        "the bindings only convert values (the boundary rule): move these to ctg-core\n{}",
        bad.join("\n")
    );
    let stale: Vec<String> = ALLOWED
        .iter()
        .filter(|(f, p, _)| {
            !found
                .iter()
                .any(|(file, _, pattern, _, _)| file == f && pattern == p)
        })
        .map(|(f, p, why)| format!("{f}: `{p}` ({why})"))
        .collect();
    assert!(
        stale.is_empty(),
        "allow-list entries that no longer match anything: remove them from ALLOWED\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_patterns_find_what_they_mean() {
    // The check itself: markup and language choices are found, with file and line; a
    // generic parameter such as `<pyo3::…>` is not a paragraph, a doc comment is not code.
    let sources = vec![(
        "ctg-py/src/x.rs".to_string(),
        "fn a() {}\nlet h = \"<div class=x style=\\\"\\\">\";\nlet t = lang.pick(\"oui\", \"yes\");\n\
         let v = obj.extract::<pyo3_arrow::Table>();\nmatch lang {\n    Lang::Fr => 1,\n}\n\
         /// >>> html.startswith('<div class=\"x\">')\n"
            .to_string(),
    )];
    let found: Vec<(usize, &str)> = hits(&sources).iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        found,
        [
            (2, "<div"),
            (2, "style="),
            (3, "lang.pick"),
            (5, "match lang {"),
            (6, "Lang::Fr =>")
        ]
    );
}
