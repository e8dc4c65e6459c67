//! Criterion benchmarks: target parsing, CSV ingest (French and plain flavours), the
//! Sundgau plan on five years of daily observations, and the national workload (many
//! plans in one call: evaluation, then its JSON with the explanations rendered, and reading the one table
//! keyed by territory). All data is fictional and generated (`ctg_core::workload`).
//!
//! `cargo bench -p ctg-core --features parallel` runs them; `-- --test` runs each once
//! (what CI does so the benches cannot rot). `CTG_BENCH_PLANS` sets the national size
//! (default 1,200 plans; CI uses a small one).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ctg_core::eval::{evaluate, evaluate_many, EvalOptions};
use ctg_core::io::{
    read_csv, read_csv_reader, read_csv_territories, IngestOptions, Observations, ObservedValue,
};
use ctg_core::model::Plan;
use ctg_core::report::{render_json, ViewOptions};
use ctg_core::workload;

const TARGETS: &[&str] = &[
    "> 200",
    ">24/an",
    ">10/mois",
    "+20%",
    "Réduction de 10%",
    "1 COPIl/an",
    "4 Cotech/an",
    "≥ 70 %",
    "entre 10 et 20",
    "+5 points",
    "réalisé d'ici 2027",
    "au moins 1 000 places par an",
];

fn plan() -> Plan {
    match ctg_core::plans::sundgau() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    }
}

/// Observations written as CSV: French Excel (`;`, decimal comma, dd/mm/yyyy) or plain.
fn to_csv(obs: &Observations, french: bool) -> String {
    let mut s = String::from(if french {
        "indicateur;date;valeur;participant;dénominateur\n"
    } else {
        "indicator,date,value,participant,denominator\n"
    });
    let sep = if french { ';' } else { ',' };
    for o in &obs.rows() {
        let date = if french {
            o.date.format("%d/%m/%Y").to_string()
        } else {
            o.date.to_string()
        };
        let value = match o.value {
            ObservedValue::Number(v) => v.to_string(),
            ObservedValue::Done(d) => if d { "oui" } else { "non" }.to_string(),
            ObservedValue::Assessment(a) => a.label(ctg_core::Lang::Fr).to_string(),
        };
        let value = if french {
            value.replace('.', ",")
        } else {
            value
        };
        let participant = o
            .participant
            .map(|p| format!("P{}", p.number()))
            .unwrap_or_default();
        let den = o.denominator.map(|d| d.to_string()).unwrap_or_default();
        s.push_str(&format!(
            "{}{sep}{date}{sep}{value}{sep}{participant}{sep}{den}\n",
            o.indicator
        ));
    }
    s
}

fn bench_targets(c: &mut Criterion) {
    let mut g = c.benchmark_group("target_parse");
    g.throughput(Throughput::Elements(TARGETS.len() as u64));
    g.bench_function("seed_and_common_forms", |b| {
        b.iter(|| {
            for t in TARGETS {
                let _ = black_box(ctg_core::target::parse(black_box(t)));
            }
        })
    });
    g.finish();
}

fn bench_ingest(c: &mut Criterion) {
    let plan = plan();
    let obs = workload::daily(&plan, 1);
    let mut g = c.benchmark_group("csv_ingest");
    for (name, french) in [("french_excel", true), ("plain", false)] {
        let csv = to_csv(&obs, french);
        g.throughput(Throughput::Bytes(csv.len() as u64));
        g.bench_with_input(BenchmarkId::new(name, obs.len()), &csv, |b, csv| {
            b.iter(|| read_csv(&plan, black_box(csv.as_bytes()), &IngestOptions::default()))
        });
    }
    // Every row with a quoted comment holding the delimiter: the sequential reader's path
    // (its records still validated in parallel).
    let csv = to_csv(&obs, true);
    let mut quoted = String::with_capacity(csv.len() * 2);
    for (k, line) in csv.lines().enumerate() {
        quoted.push_str(line);
        quoted.push_str(if k == 0 {
            ";commentaire\n"
        } else {
            ";\"vu; à revoir\"\n"
        });
    }
    g.throughput(Throughput::Bytes(quoted.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("french_excel_quoted", obs.len()),
        &quoted,
        |b, csv| b.iter(|| read_csv(&plan, black_box(csv.as_bytes()), &IngestOptions::default())),
    );
    // A larger input (≈ 50 MB in memory: the daily rows repeated), read whole and streamed
    // from a reader in blocks.
    let csv = to_csv(&obs, true);
    let (header, rows) = csv.split_once('\n').unwrap_or_default();
    let mut big = format!("{header}\n");
    let mut n = 0;
    while big.len() < 50_000_000 {
        big.push_str(rows);
        n += obs.len();
    }
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    g.bench_with_input(BenchmarkId::new("french_excel_50mb", n), &big, |b, csv| {
        b.iter(|| read_csv(&plan, black_box(csv.as_bytes()), &IngestOptions::default()))
    });
    g.bench_with_input(
        BenchmarkId::new("french_excel_50mb_reader", n),
        &big,
        |b, csv| {
            b.iter(|| read_csv_reader(&plan, black_box(csv.as_bytes()), &IngestOptions::default()))
        },
    );
    g.finish();
}

fn bench_sundgau(c: &mut Criterion) {
    let plan = plan();
    let opts = EvalOptions {
        as_of: NaiveDate::from_ymd_opt(2029, 12, 31),
        ..Default::default()
    };
    let mut g = c.benchmark_group("evaluate_sundgau");
    let fictional = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/sundgau/observations.csv"
    ))
    .unwrap_or_default();
    if let Ok(obs) = read_csv(&plan, &fictional, &IngestOptions::default()) {
        g.throughput(Throughput::Elements(obs.len() as u64));
        g.bench_function("fictional_example", |b| {
            b.iter(|| evaluate(&plan, black_box(&obs), &opts))
        });
    }
    let daily = workload::daily(&plan, 1);
    g.throughput(Throughput::Elements(daily.len() as u64));
    g.bench_function("five_years_daily", |b| {
        b.iter(|| evaluate(&plan, black_box(&daily), &opts))
    });
    g.finish();
}

fn bench_national(c: &mut Criterion) {
    let plans: usize = std::env::var("CTG_BENCH_PLANS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_200);
    let template = plan();
    // 60 months of monthly observations, plus participations (10 M at 1,200 plans).
    let participations = plans * 8_333;
    let national = workload::national(&template, plans, 72, participations, 7);
    let rows: usize = national.iter().map(|t| t.observations.len()).sum();
    let items: Vec<(&Plan, &Observations)> = national
        .iter()
        .map(|t| (&t.plan, &t.observations))
        .collect();
    let opts = EvalOptions {
        as_of: NaiveDate::from_ymd_opt(2029, 12, 31),
        ..Default::default()
    };
    let mut g = c.benchmark_group("national");
    g.sample_size(10);
    g.throughput(Throughput::Elements(rows as u64));
    g.bench_function(
        BenchmarkId::new("evaluate_many", format!("{plans}_plans_{rows}_rows")),
        |b| b.iter(|| evaluate_many(black_box(&items), &opts)),
    );
    // The evaluation is language-neutral: the sentences cost only when rendered.
    let evaluations = evaluate_many(&items, &opts);
    let view = ViewOptions::default();
    g.bench_function(
        BenchmarkId::new(
            "render_json_with_explanations",
            format!("{plans}_plans_{rows}_rows"),
        ),
        |b| {
            b.iter(|| {
                evaluations
                    .iter()
                    .map(|ev| render_json(black_box(ev), &view).len())
                    .sum::<usize>()
            })
        },
    );
    drop(evaluations);
    // One table keyed by territory, as a national analyst holds it.
    let mut csv = Vec::new();
    if let Err(e) = workload::write_observations_csv(&national, &mut csv) {
        eprintln!("{e}");
        std::process::exit(1)
    }
    let plan_refs: Vec<&Plan> = national.iter().map(|t| &t.plan).collect();
    g.bench_function(
        BenchmarkId::new("read_csv_territories", format!("{plans}_plans_{rows}_rows")),
        |b| b.iter(|| read_csv_territories(&plan_refs, black_box(&csv), &IngestOptions::default())),
    );
    g.finish();
}

criterion_group!(
    benches,
    bench_targets,
    bench_ingest,
    bench_sundgau,
    bench_national
);
criterion_main!(benches);
