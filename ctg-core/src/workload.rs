//! Deterministic synthetic workloads for benchmarks and scale tests.
//!
//! Everything here is **fictional** and seeded: the same seed gives the same plans and
//! observations on every platform. Plans are shaped like the Sundgau plan (same 25
//! indicators, measures and targets, with the target numbers varied per territory).

use std::io::Write as _;

use chrono::{Datelike, Months, NaiveDate};

use crate::io::{Assessment, NewObservation, Observations, ObservationsBuilder, ObservedValue};
use crate::model::{Measure, Plan};
use crate::target::TargetKind;

/// A small, fast, seeded pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One plan and its observations.
#[derive(Debug, Clone)]
pub struct Territory {
    /// The plan (id `ctg-<n>`, territory `Territoire fictif <n>`).
    pub plan: Plan,
    /// Its observations.
    pub observations: Observations,
}

/// One generated row, before it goes into the store.
struct Generated<'a> {
    indicator: &'a str,
    date: NaiveDate,
    value: ObservedValue,
    /// The pseudonym's number (`P<n>`).
    participant: Option<u64>,
    denominator: Option<f64>,
    row: usize,
}

fn obs(indicator: &str, date: NaiveDate, value: ObservedValue, row: usize) -> Generated<'_> {
    Generated {
        indicator,
        date,
        value,
        participant: None,
        denominator: None,
        row,
    }
}

fn fictional(rows: Vec<Generated<'_>>) -> Observations {
    let mut b = ObservationsBuilder::new();
    b.fictional(true);
    let mut name = String::new();
    for g in rows {
        let mut o = NewObservation::new(g.indicator, g.date, g.value);
        o.denominator = g.denominator;
        o.row = g.row;
        if let Some(n) = g.participant {
            use std::fmt::Write as _;
            name.clear();
            let _ = write!(name, "P{n}");
            o.participant = Some(&name);
        }
        b.push(o);
    }
    let mut out = b.finish();
    out.notes = vec![crate::io::Note::GeneratedData];
    out
}

/// The value of one synthetic observation of an indicator.
fn value_for(measure: Measure, rng: &mut Rng, scale: f64) -> ObservedValue {
    match measure {
        Measure::Milestone => ObservedValue::Done(rng.below(20) == 0),
        Measure::Qualitative => ObservedValue::Assessment(match rng.below(3) {
            0 => Assessment::Achieved,
            1 => Assessment::Partial,
            _ => Assessment::NotAchieved,
        }),
        Measure::Score => ObservedValue::Number(1.0 + (rng.unit() * 40.0).round() / 10.0),
        _ => ObservedValue::Number((rng.unit() * scale).round()),
    }
}

/// Five plan years (and the baseline year before) of **daily** observations for every
/// indicator of `plan`: about 2,200 days × 25 indicators ≈ 55,000 rows. Distinct counts get
/// one participation a day from a pool of 400 pseudonyms.
pub fn daily(plan: &Plan, seed: u64) -> Observations {
    let mut rng = Rng::new(seed);
    let mut rows = Vec::new();
    let (Some(start), Some(end)) = (
        NaiveDate::from_ymd_opt(plan.period.start.saturating_sub(1), 1, 1),
        plan.period.last_day(),
    ) else {
        return fictional(rows);
    };
    let mut day = start;
    while day <= end {
        for (_, ind) in plan.indicators() {
            let row = rows.len() + 2;
            let mut o = obs(&ind.id, day, value_for(ind.measure, &mut rng, 3.0), row);
            match ind.measure {
                Measure::DistinctCount => {
                    o.value = ObservedValue::Number(1.0);
                    o.participant = Some(rng.below(400));
                }
                Measure::Ratio => o.denominator = Some(4.0),
                _ => {}
            }
            rows.push(o);
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    fictional(rows)
}

/// The national workload: `plans` plans shaped like `template` (target numbers scaled by a
/// per-territory factor in 0.5..1.5), each with one observation per indicator per month
/// over `months` months from the baseline year (≈ plans × 25 × months rows), plus
/// `participations` participation rows spread over the distinct-count indicators.
///
/// ```
/// let template = ctg_core::plans::sundgau().unwrap();
/// let w = ctg_core::workload::national(&template, 3, 12, 300, 42);
/// assert_eq!(w.len(), 3);
/// assert_eq!(w[0].plan.indicators().count(), 25);
/// let again = ctg_core::workload::national(&template, 3, 12, 300, 42);
/// assert_eq!(w[2].observations.rows(), again[2].observations.rows());
/// ```
pub fn national(
    template: &Plan,
    plans: usize,
    months: u32,
    participations: usize,
    seed: u64,
) -> Vec<Territory> {
    let mut rng = Rng::new(seed);
    let distinct: Vec<String> = template
        .indicators()
        .filter(|(_, i)| i.measure == Measure::DistinctCount)
        .map(|(_, i)| i.id.clone())
        .collect();
    let per_plan = participations / plans.max(1);
    let first = NaiveDate::from_ymd_opt(template.period.start.saturating_sub(1), 1, 1);
    (0..plans)
        .map(|n| {
            let factor = 0.5 + rng.unit();
            let mut plan = template.clone();
            plan.id = format!("ctg-{n:04}");
            plan.territory = format!("Territoire fictif {n}");
            for fiche in &mut plan.fiches {
                for ind in &mut fiche.indicators {
                    if let Some(TargetKind::Compare { value, .. }) =
                        ind.target.as_mut().map(|t| &mut t.kind)
                    {
                        *value = (*value * factor).round().max(1.0);
                    }
                }
            }
            let mut rows = Vec::new();
            for m in 0..months {
                let Some(date) = first
                    .and_then(|d| d.checked_add_months(Months::new(m)))
                    .and_then(|d| d.with_day(28))
                else {
                    continue;
                };
                for (_, ind) in plan.indicators() {
                    if ind.measure == Measure::DistinctCount {
                        continue;
                    }
                    let row = rows.len() + 2;
                    let mut o = obs(
                        &ind.id,
                        date,
                        value_for(ind.measure, &mut rng, 30.0 * factor),
                        row,
                    );
                    if ind.measure == Measure::Ratio {
                        o.denominator = Some(100.0);
                    }
                    rows.push(o);
                }
            }
            let span_days = i64::from(months) * 30;
            for k in 0..per_plan {
                let Some(id) = distinct.get(k % distinct.len().max(1)) else {
                    break;
                };
                let Some(date) = first.and_then(|d| {
                    d.checked_add_signed(chrono::Duration::days(
                        rng.below(span_days.max(1) as u64) as i64
                    ))
                }) else {
                    continue;
                };
                let row = rows.len() + 2;
                let mut o = obs(id, date, ObservedValue::Number(1.0), row);
                o.participant = Some(rng.below(2_000));
                rows.push(o);
            }
            let observations = fictional(rows);
            Territory { plan, observations }
        })
        .collect()
}

/// What [`write_national`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Plans (lines of `plans.jsonl`).
    pub plans: usize,
    /// Observation rows (lines of `observations.csv` after its comment and header).
    pub rows: usize,
}

/// A serde enum's snake_case name (`distinct_count`, `year`, `gt`).
fn serde_name(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn value_text(value: &ObservedValue) -> String {
    match value {
        ObservedValue::Number(v) => v.to_string(),
        ObservedValue::Done(d) => if *d { "1" } else { "0" }.to_string(),
        ObservedValue::Assessment(a) => a.label(crate::Lang::Fr).to_string(),
    }
}

/// Write the observations of many territories as one plain CSV table (UTF-8, `,`, ISO
/// dates, decimal point), keyed by a `territory` column holding each plan's id:
/// `territory,indicator,date,value,participant,denominator`, after a comment line that
/// says the data is fictional. Returns the number of rows.
pub fn write_observations_csv(
    territories: &[Territory],
    out: impl std::io::Write,
) -> std::io::Result<usize> {
    let mut out = std::io::BufWriter::new(out);
    writeln!(
        out,
        "# Données fictives générées par ctg_core::workload — fictional data"
    )?;
    let mut w = ::csv::Writer::from_writer(out);
    let to_io = |e: ::csv::Error| std::io::Error::other(e.to_string());
    w.write_record([
        "territory",
        "indicator",
        "date",
        "value",
        "participant",
        "denominator",
    ])
    .map_err(to_io)?;
    let mut rows = 0;
    for t in territories {
        for o in t.observations.iter() {
            let date = o.date.format("%Y-%m-%d").to_string();
            let value = value_text(&o.value);
            // The generator's pseudonyms were interned: written back as `P<n>`, one per
            // participant of the territory, the distinct counts are the same.
            let participant = o
                .participant
                .map(|p| format!("P{}", p.number()))
                .unwrap_or_default();
            let participant = participant.as_str();
            let denominator = o.denominator.map(|d| d.to_string()).unwrap_or_default();
            w.write_record([
                t.plan.id.as_str(),
                &*o.indicator,
                date.as_str(),
                value.as_str(),
                participant,
                denominator.as_str(),
            ])
            .map_err(to_io)?;
            rows += 1;
        }
    }
    w.flush()?;
    Ok(rows)
}

/// Write the plans' indicators as a flat CSV table, for implementations outside ctg (the
/// pandas and DuckDB comparison): `territory,indicator,measure,aggregation,window,
/// target_kind,op,target`, where `op` and `target` are set for comparison targets only
/// (`gt`, `ge`, `lt`, `le`, `eq`; the threshold per window).
pub fn write_targets_csv(plans: &[&Plan], out: impl std::io::Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(std::io::BufWriter::new(out));
    let to_io = |e: ::csv::Error| std::io::Error::other(e.to_string());
    w.write_record([
        "territory",
        "indicator",
        "measure",
        "aggregation",
        "window",
        "target_kind",
        "op",
        "target",
    ])
    .map_err(to_io)?;
    for plan in plans {
        for (_, ind) in plan.indicators() {
            let (kind, op, value) = match ind.target.as_ref().map(|t| &t.kind) {
                None => (String::new(), String::new(), String::new()),
                Some(TargetKind::Compare { op, value, .. }) => {
                    ("compare".to_string(), serde_name(op), value.to_string())
                }
                Some(other) => {
                    let kind = match other {
                        TargetKind::Range { .. } => "range",
                        TargetKind::Relative { .. } => "relative",
                        TargetKind::Points { .. } => "points",
                        TargetKind::Milestone { .. } => "milestone",
                        TargetKind::Compare { .. } => "compare",
                        TargetKind::Schedule { .. } => "schedule",
                    };
                    (kind.to_string(), String::new(), String::new())
                }
            };
            w.write_record([
                plan.id.as_str(),
                ind.id.as_str(),
                serde_name(&ind.measure).as_str(),
                serde_name(&ind.aggregation()).as_str(),
                serde_name(&ind.window()).as_str(),
                kind.as_str(),
                op.as_str(),
                value.as_str(),
            ])
            .map_err(to_io)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Write plans as JSON lines: one plan per line, in the JSON plan format
/// ([`Plan::from_json`] reads each line back).
pub fn write_plans_jsonl(plans: &[&Plan], out: impl std::io::Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    for plan in plans {
        serde_json::to_writer(&mut out, plan).map_err(|e| std::io::Error::other(e.to_string()))?;
        writeln!(out)?;
    }
    out.flush()
}

/// Generate the national workload ([`national`]) from the Sundgau plan and write it to
/// `dir` (created if needed): `observations.csv` ([`write_observations_csv`]),
/// `targets.csv` ([`write_targets_csv`]), `plans.jsonl` ([`write_plans_jsonl`]) and a
/// `LISEZMOI.txt` saying the data is fictional and how it was made.
pub fn write_national(
    dir: &std::path::Path,
    plans: usize,
    months: u32,
    participations: usize,
    seed: u64,
) -> std::io::Result<Written> {
    let template = crate::plans::sundgau().map_err(|e| std::io::Error::other(e.to_string()))?;
    let territories = national(&template, plans, months, participations, seed);
    std::fs::create_dir_all(dir)?;
    let rows = write_observations_csv(
        &territories,
        std::fs::File::create(dir.join("observations.csv"))?,
    )?;
    let plan_refs: Vec<&Plan> = territories.iter().map(|t| &t.plan).collect();
    write_targets_csv(&plan_refs, std::fs::File::create(dir.join("targets.csv"))?)?;
    write_plans_jsonl(&plan_refs, std::fs::File::create(dir.join("plans.jsonl"))?)?;
    std::fs::write(
        dir.join("LISEZMOI.txt"),
        format!(
            "Données FICTIVES générées par ctg_core::workload::national — fictional data.\n\
             {plans} plans shaped like the Sundgau plan (target numbers scaled per territory), \
             {months} months of observations from the baseline year, {participations} \
             participation rows; seed {seed}; {rows} rows in observations.csv.\n"
        ),
    )?;
    Ok(Written {
        plans: territories.len(),
        rows,
    })
}
