//! Import a plan document (the .docx of the CTG template, or its text export): print the
//! import's findings as a checklist to review, and write the plan as a TOML file with
//! every interpretation as a comment beside its field.
//!
//! ```text
//! cargo run --example import -- plan.docx --out plan.toml
//! cargo run --example import -- plan.txt --out plan.toml --lang en
//! cargo run --example sundgau -- --plan plan.toml mes-donnees.csv   # then evaluate it
//! ```

use std::process::ExitCode;

use ctg_core::import::{checklist, import_document, to_reviewable_toml};
use ctg_core::problem::render_list;
use ctg_core::Lang;

const USAGE: &str =
    "usage: cargo run --example import -- PLAN.docx|PLAN.txt [--out PLAN.toml] [--lang fr|en]";

fn run() -> Result<(), String> {
    let mut input = None;
    let mut out = None;
    let mut lang = Lang::Fr;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = Some(args.next().ok_or("--out takes a file path (plan.toml)")?),
            "--lang" => lang = args.next().ok_or("--lang takes fr or en")?.parse()?,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if input.is_none() && !arg.starts_with("--") => input = Some(arg),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let input = input.ok_or(USAGE)?;
    let bytes = std::fs::read(&input).map_err(|e| format!("{input}: {e}"))?;
    let imported = import_document(&bytes).map_err(|e| render_list(&e.problems(lang), None))?;
    print!("{}", checklist(&imported, lang));
    if let Some(out) = out {
        let toml = to_reviewable_toml(&imported, lang)
            .map_err(|e| render_list(&e.problems(lang), None))?;
        std::fs::write(&out, toml).map_err(|e| format!("{out}: {e}"))?;
        eprintln!("{out}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
