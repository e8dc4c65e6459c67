//! The national workload: many fictional plans shaped like the Sundgau plan, one
//! observation table keyed by territory, evaluated in one call.
//!
//! ```text
//! cargo run --release -p ctg-core --features parallel --example national -- \
//!     [--plans 1200] [--months 60] [--participations 10000000] [--seed 42] [--out DIR]
//! ```
//!
//! With `--out DIR`, writes the workload files (`observations.csv`, `targets.csv`,
//! `plans.jsonl`) used by `benches/compare/`; with `--read DIR`, reads them back (plans,
//! then the one observation table keyed by territory) and evaluates them, printing the time
//! of each step; otherwise generates the workload in memory, evaluates it with
//! `evaluate_many` and prints the time taken. All data is **fictional**.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use ctg_core::eval::{evaluate_many, EvalOptions};

struct Args {
    plans: usize,
    months: u32,
    participations: usize,
    seed: u64,
    out: Option<PathBuf>,
    read: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        plans: 1200,
        months: 60,
        participations: 10_000_000,
        seed: 42,
        out: None,
        read: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
        let bad = |_| format!("`{flag}`: `{value}` is not a number");
        match flag.as_str() {
            "--plans" => args.plans = value.parse().map_err(bad)?,
            "--months" => args.months = value.parse().map_err(bad)?,
            "--participations" => args.participations = value.parse().map_err(bad)?,
            "--seed" => args.seed = value.parse().map_err(bad)?,
            "--out" => args.out = Some(PathBuf::from(value)),
            "--read" => args.read = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag `{flag}`")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("national: {e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    if let Some(dir) = &args.out {
        return match ctg_core::workload::write_national(
            dir,
            args.plans,
            args.months,
            args.participations,
            args.seed,
        ) {
            Ok(w) => {
                println!(
                    "données fictives : {} plans, {} lignes écrites dans {} en {:.1} s",
                    w.plans,
                    w.rows,
                    dir.display(),
                    started.elapsed().as_secs_f64()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("national: {}: {e}", dir.display());
                ExitCode::FAILURE
            }
        };
    }
    if let Some(dir) = &args.read {
        return match read(dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("national: {}: {e}", dir.display());
                ExitCode::FAILURE
            }
        };
    }
    let template = match ctg_core::plans::sundgau() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("national: {e}");
            return ExitCode::FAILURE;
        }
    };
    let national = ctg_core::workload::national(
        &template,
        args.plans,
        args.months,
        args.participations,
        args.seed,
    );
    let rows: usize = national.iter().map(|t| t.observations.len()).sum();
    println!(
        "données fictives : {} plans, {rows} lignes générées en {:.1} s",
        national.len(),
        started.elapsed().as_secs_f64()
    );
    let items: Vec<_> = national
        .iter()
        .map(|t| (&t.plan, &t.observations))
        .collect();
    let refs: Vec<&ctg_core::model::Plan> = national.iter().map(|t| &t.plan).collect();
    let observations: Vec<ctg_core::io::Observations> =
        national.iter().map(|t| t.observations.clone()).collect();
    if let Err(e) = read_typed(&refs, &observations) {
        eprintln!("national: {e}");
        return ExitCode::FAILURE;
    }
    drop(observations);
    let opts = EvalOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2028, 12, 31),
        ..Default::default()
    };
    let t = Instant::now();
    let results = evaluate_many(&items, &opts);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "evaluate_many : {} évaluations en {secs:.2} s ({:.0} lignes/s)",
        results.len(),
        rows as f64 / secs
    );
    // The explanations are rendered on demand: what the JSON of every plan costs with them.
    let t = Instant::now();
    let json = ctg_core::report::ViewOptions::default();
    let bytes: usize = results
        .iter()
        .map(|ev| ctg_core::report::render_json(ev, &json).len())
        .sum();
    println!(
        "JSON avec explications : {:.0} Mo en {:.2} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Read the workload files of `dir` and evaluate them, timing each step.
fn read(dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let text = std::fs::read_to_string(dir.join("plans.jsonl"))?;
    let plans = text
        .lines()
        .map(ctg_core::model::Plan::from_json)
        .collect::<Result<Vec<_>, _>>()?;
    println!(
        "{} plans lus en {:.2} s",
        plans.len(),
        t.elapsed().as_secs_f64()
    );
    let path = dir.join("observations.csv");
    let t = Instant::now();
    let bytes = std::fs::read(&path)?;
    println!(
        "fichier : {:.0} Mo lus en {:.2} s",
        bytes.len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    // Parsing alone (the csv crate on one thread, no validation): the floor of the reader.
    let t = Instant::now();
    let mut records = 0usize;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(bytes.as_slice());
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record)? {
        records += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "analyse CSV seule (1 cœur) : {records} enregistrements en {secs:.2} s ({:.0} Mo/s)",
        bytes.len() as f64 / secs / 1e6
    );
    let refs: Vec<&ctg_core::model::Plan> = plans.iter().collect();
    let t = Instant::now();
    let read =
        ctg_core::io::read_csv_territories(&refs, &bytes, &ctg_core::io::IngestOptions::default())?;
    let rows: usize = read.observations.iter().map(|o| o.len()).sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "CSV en mémoire (analyse, validation, routage, colonnes) : {rows} lignes en {secs:.2} s \
         ({:.0} lignes/s, {:.0} Mo/s)",
        rows as f64 / secs,
        bytes.len() as f64 / secs / 1e6
    );
    let store: usize = read.observations.iter().map(|o| o.heap_bytes()).sum();
    println!("magasin en colonnes : {:.0} Mo", store as f64 / 1e6);
    drop(read);
    let t = Instant::now();
    let file = std::fs::File::open(&path)?;
    let read = ctg_core::io::read_csv_reader_territories(
        &refs,
        file,
        &ctg_core::io::IngestOptions::default(),
    )?;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "CSV depuis le fichier (en flux) : {rows} lignes en {secs:.2} s ({:.0} Mo/s)",
        bytes.len() as f64 / secs / 1e6
    );
    drop(bytes);
    read_typed(&refs, &read.observations)?;
    let items: Vec<_> = refs.iter().copied().zip(read.observations.iter()).collect();
    let t = Instant::now();
    let opts = EvalOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2028, 12, 31),
        ..Default::default()
    };
    let results = evaluate_many(&items, &opts);
    println!(
        "evaluate_many : {} évaluations en {:.2} s",
        results.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Read the same rows again as typed columns (what a DataFrame hands over through Arrow),
/// timing it.
fn read_typed(
    refs: &[&ctg_core::model::Plan],
    observations: &[ctg_core::io::Observations],
) -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = observations.iter().map(|o| o.len()).sum();
    // The same rows as typed columns (what a DataFrame hands over through Arrow).
    let mut territory: Vec<Option<String>> = Vec::with_capacity(rows);
    let mut indicator: Vec<Option<String>> = Vec::with_capacity(rows);
    let mut date: Vec<Option<chrono::NaiveDate>> = Vec::with_capacity(rows);
    let mut value: Vec<Option<f64>> = Vec::with_capacity(rows);
    let mut participant: Vec<Option<String>> = Vec::with_capacity(rows);
    let mut denominator: Vec<Option<f64>> = Vec::with_capacity(rows);
    for (plan, obs) in refs.iter().zip(observations) {
        for o in &obs.rows() {
            territory.push(Some(plan.id.clone()));
            indicator.push(Some(o.indicator.to_string()));
            date.push(Some(o.date));
            value.push(Some(match o.value {
                ctg_core::io::ObservedValue::Number(n) => n,
                ctg_core::io::ObservedValue::Done(d) => f64::from(u8::from(d)),
                ctg_core::io::ObservedValue::Assessment(_) => f64::NAN,
            }));
            participant.push(o.participant.map(|p| format!("P{}", p.number())));
            denominator.push(o.denominator);
        }
    }
    use ctg_core::io::{CellColumn, Column, Table};
    let columns: Vec<(Column, Box<dyn CellColumn>)> = vec![
        (Column::Territory, Box::new(territory)),
        (Column::Indicator, Box::new(indicator)),
        (Column::Date, Box::new(date)),
        (Column::Value, Box::new(value)),
        (Column::Participant, Box::new(participant)),
        (Column::Denominator, Box::new(denominator)),
    ];
    let table = Table {
        len: rows,
        first_row: 1,
        columns,
    };
    let t = Instant::now();
    let typed = ctg_core::io::read_tables_territories(
        refs,
        [table],
        &Default::default(),
        &ctg_core::io::IngestOptions {
            lenient: true,
            ..Default::default()
        },
    )?;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "colonnes typées : {} lignes lues en {secs:.2} s ({:.0} lignes/s)",
        typed.observations.iter().map(|o| o.len()).sum::<usize>(),
        rows as f64 / secs
    );
    drop(typed);
    Ok(())
}
