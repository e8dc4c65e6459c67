//! The main job: evaluate the bundled Sundgau plan on observations and print a French
//! report in the terminal.
//!
//! ```text
//! cargo run --example sundgau                       # fictional observations, as of 31/12/2026
//! cargo run --example sundgau -- mes-donnees.csv --as-of 30/06/2026 --lang en --lenient
//! cargo run --example sundgau -- --plan autre-plan.toml donnees.csv
//! cargo run --example sundgau -- --html rapport-2026.html --md rapport-2026.md
//! cargo run --example sundgau -- --csv resultats.csv --json resultats.json --suppress 5
//! cargo run --example sundgau -- --template grille.xlsx   # the plan's entry workbook
//! cargo run --example sundgau -- suivi.xlsx --xlsx resultats.xlsx --sheet "Saisie"
//! cargo run --example sundgau -- export.csv --pseudonymise cle.txt --out export-caf.csv
//! ```
//!
//! `--pseudonymise KEY_FILE --out FILE` evaluates nothing: it writes the observation CSV
//! with every participant id replaced by its keyed pseudonym (`io::pseudonymise`), to
//! share it without the raw ids; the key file (at least 16 bytes, one final line end
//! ignored) stays with the coordinator.
//!
//! Observations may be a workbook (.xlsx, .xlsm, .xls, .ods), CSV or JSON: `read_auto`
//! tells them apart by their first bytes.

use std::process::ExitCode;

use chrono::NaiveDate;
use ctg_core::eval::{try_evaluate, EvalOptions};
use ctg_core::io::{read_auto_reader, IngestOptions, ObservationError};
use ctg_core::model::Plan;
use ctg_core::report::{
    render_csv, render_html, render_json, render_markdown, render_text, results_workbook,
    CsvFlavour, ReportOptions, ViewOptions,
};
use ctg_core::Lang;

const DEFAULT_OBSERVATIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/sundgau/observations.csv"
);

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

fn run() -> Result<(), String> {
    let mut observations = None;
    let mut plan_path = None;
    let mut as_of = None;
    let mut lang = Lang::Fr;
    let mut lenient = false;
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut suppress_below = None;
    let mut sheet = None;
    let mut template = None;
    let mut pseudonymise_key = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--as-of" => {
                let v = args.next().ok_or("--as-of takes a date (31/12/2026)")?;
                as_of = Some(parse_date(&v).ok_or(format!(
                    "--as-of: `{v}` is not a date (31/12/2026 or 2026-12-31)"
                ))?);
            }
            "--lang" => lang = args.next().ok_or("--lang takes fr or en")?.parse()?,
            "--plan" => plan_path = Some(args.next().ok_or("--plan takes a TOML or JSON file")?),
            "--lenient" => lenient = true,
            "--sheet" => sheet = Some(args.next().ok_or("--sheet takes a sheet name")?),
            "--template" => {
                template = Some(args.next().ok_or("--template takes a file path (.xlsx)")?)
            }
            "--html" | "--md" | "--csv" | "--json" | "--xlsx" => {
                let path = args.next().ok_or(format!("{arg} takes a file path"))?;
                outputs.push((arg.clone(), path));
            }
            "--pseudonymise" => {
                pseudonymise_key = Some(
                    args.next()
                        .ok_or("--pseudonymise takes a key file (at least 16 bytes)")?,
                )
            }
            "--out" => out = Some(args.next().ok_or("--out takes a file path")?),
            "--suppress" => {
                let v = args.next().ok_or("--suppress takes a count (e.g. 5)")?;
                suppress_below = Some(
                    v.parse::<u32>()
                        .map_err(|_| format!("--suppress: `{v}` is not a count"))?,
                );
            }
            "-h" | "--help" => {
                println!(
                    "usage: sundgau [OBSERVATIONS.xlsx|.ods|.csv|.json] [--sheet NAME] [--plan PLAN.toml] [--as-of DATE]\n               [--lang fr|en] [--lenient] [--html FILE] [--md FILE] [--csv FILE] [--json FILE]\n               [--xlsx FILE] [--suppress N] [--template FILE.xlsx]\n       sundgau OBSERVATIONS.csv --pseudonymise KEY_FILE --out FILE"
                );
                return Ok(());
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option `{other}` (see --help)"))
            }
            other => observations = Some(other.to_string()),
        }
    }
    if let Some(key_path) = &pseudonymise_key {
        return pseudonymise(observations.as_deref(), key_path, out.as_deref(), lang);
    }
    if out.is_some() {
        return Err("--out goes with --pseudonymise (see --help)".into());
    }
    let default_data = observations.is_none();
    // The bundled example's evaluation date.
    if default_data && as_of.is_none() {
        as_of = NaiveDate::from_ymd_opt(2026, 12, 31);
    }
    let plan = match plan_path {
        Some(p) => Plan::from_path(&p),
        None => ctg_core::plans::sundgau(),
    }
    .map_err(|e| e.render(lang))?;
    let write = |path: &str, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| {
            format!(
                "{} {path} : {e}",
                lang.pick("impossible d'écrire", "cannot write")
            )
        })?;
        eprintln!("{} {path}", lang.pick("écrit :", "wrote"));
        Ok::<(), String>(())
    };
    if let Some(path) = &template {
        // The entry workbook (grille de saisie) of the plan, to fill and give back.
        let bytes = ctg_core::report::entry_workbook(&plan, lang).map_err(|e| e.render(lang))?;
        write(path, &bytes)?;
        // `--template` alone writes the template and nothing else.
        if default_data && outputs.is_empty() {
            return Ok(());
        }
    }
    let path = observations.unwrap_or_else(|| DEFAULT_OBSERVATIONS.to_string());
    // Streamed (`read_auto_reader`): read with `take(max_input_bytes + 1)`, a CSV in
    // blocks, so `/dev/zero` or a huge file is refused with a typed problem, never read
    // until memory runs out.
    let ingest = IngestOptions {
        lenient,
        sheet,
        ..Default::default()
    };
    let file = std::fs::File::open(&path).map_err(|e| {
        format!(
            "{} {path} : {e}",
            lang.pick("impossible de lire", "cannot read")
        )
    })?;
    let obs = read_auto_reader(&plan, file, &ingest).map_err(|e| e.render(lang))?;
    let ev = try_evaluate(
        &plan,
        &obs,
        &EvalOptions {
            as_of,
            ..Default::default()
        },
    )
    .map_err(|e| ObservationError::from(e).render(lang))?;
    let opts = ReportOptions {
        lang,
        suppress_below,
        ..Default::default()
    };
    print!("{}", render_text(&ev, &opts));
    for (kind, path) in outputs {
        let bytes = match kind.as_str() {
            "--html" => render_html(&ev, &opts).into_bytes(),
            "--md" => render_markdown(&ev, &opts).into_bytes(),
            "--csv" => render_csv(&ev, &opts, CsvFlavour::French).into_bytes(),
            "--xlsx" => results_workbook(&ev, &opts).map_err(|e| e.render(lang))?,
            _ => render_json(
                &ev,
                &ViewOptions {
                    lang,
                    explanations: true,
                    // Published JSON is suppressed as the reports are.
                    suppress_below: opts.suppress_below,
                },
            )
            .into_bytes(),
        };
        write(&path, &bytes)?;
    }
    Ok(())
}

/// `--pseudonymise`: the export rewritten with pseudonyms, written to `out`; the counts
/// (never an id) on the terminal.
fn pseudonymise(
    observations: Option<&str>,
    key_path: &str,
    out: Option<&str>,
    lang: Lang,
) -> Result<(), String> {
    use ctg_core::io::pseudonymise::{key_from_file, pseudonymise};
    let input = observations.ok_or(lang.pick(
        "--pseudonymise : donnez le fichier CSV à pseudonymiser",
        "--pseudonymise: give the CSV file to pseudonymise",
    ))?;
    let out = out.ok_or(lang.pick(
        "--pseudonymise : donnez le fichier à écrire avec --out",
        "--pseudonymise: give the file to write with --out",
    ))?;
    let read = |path: &str| {
        std::fs::read(path).map_err(|e| {
            format!(
                "{} {path} : {e}",
                lang.pick("impossible de lire", "cannot read")
            )
        })
    };
    let key = read(key_path)?;
    let done = pseudonymise(&read(input)?, key_from_file(&key)).map_err(|e| e.message(lang))?;
    std::fs::write(out, done.csv.as_bytes()).map_err(|e| {
        format!(
            "{} {out} : {e}",
            lang.pick("impossible d'écrire", "cannot write")
        )
    })?;
    eprintln!(
        "{} {out} ({} {}, {} {})",
        lang.pick("écrit :", "wrote"),
        done.rows,
        lang.pick("lignes pseudonymisées", "rows pseudonymised"),
        done.participants,
        lang.pick("participants distincts", "distinct participants"),
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::FAILURE
        }
    }
}
