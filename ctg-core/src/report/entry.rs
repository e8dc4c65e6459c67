//! The data-entry workbook of a plan (*grille de saisie*), and its two sheets as CSV.
//!
//! Its words and its rules (what one row of each indicator is, which values a cell takes,
//! which dates) are decided here, once: the workbook's sheets and the CSV forms are
//! written from the same rows.

// Without the writer, what only the workbooks use is left unused.
#![cfg_attr(not(feature = "spreadsheet"), allow(dead_code))]

use chrono::NaiveDate;

use crate::io::Column;
use crate::model::{Aggregation, Indicator, Measure, Plan, Window};
use crate::report::CsvFlavour;
use crate::Lang;

/// The observation columns of the entry sheet, in order.
pub(crate) const ENTRY_COLUMNS: [Column; 7] = [
    Column::Indicator,
    Column::Date,
    Column::Value,
    Column::Participant,
    Column::Denominator,
    Column::Commune,
    Column::Comment,
];

/// The number of columns of the indicators sheet (its CSV form), the hidden check column
/// of the workbook left out.
const GUIDE_WIDTH: usize = 11;

/// Every word of the entry workbook, in one language.
struct Texts {
    /// The entry sheet's header: names [`Column::from_header`] reads as [`ENTRY_COLUMNS`].
    entry_header: [&'static str; 7],
    /// The indicators sheet's header: no name an observation reader takes for a column.
    guide_header: [&'static str; GUIDE_WIDTH],
    /// The hidden column of value kinds (1 to 4) the value rule looks up.
    check_header: &'static str,
    no_target: &'static str,
    /// Done, not done (what the reader takes for a milestone flag).
    flags: [&'static str; 2],
    /// Achieved, partial, not achieved (what the reader takes for an assessment).
    assessments: [&'static str; 3],
    /// The expected value, by [`ValueKind`].
    value_flag: &'static str,
    value_assessment: &'static str,
    value_distinct: &'static str,
    value_non_negative: &'static str,
    value_number: &'static str,
    /// By window ([`window_index`]): the period column, « per window », « one row per »,
    /// « of the window ».
    windows: [&'static str; 6],
    per: [&'static str; 6],
    each: [&'static str; 6],
    of: [&'static str; 6],
    /// What to enter, by aggregation (`{unit}`, `{per}`, `{each}`, `{of}` replaced).
    how_sum: &'static str,
    how_distinct: &'static str,
    how_ratio: &'static str,
    how_last: &'static str,
    how_mean: &'static str,
    how_min: &'static str,
    how_max: &'static str,
    how_milestone: &'static str,
    how_qualitative: &'static str,
    /// Appended when a change target needs the baseline year's observations (`{year}`).
    how_baseline: &'static str,
    /// Input titles (≤ 32 characters) and messages (≤ 255) of the entry columns.
    input_titles: [&'static str; 7],
    input_messages: [&'static str; 7],
    /// Error messages of the checked columns (indicator, date, value, denominator).
    error_title: &'static str,
    error_indicator: &'static str,
    error_date: &'static str,
    error_value: &'static str,
    error_denominator: &'static str,
    /// The how-to sheet.
    plan_id: &'static str,
    territory: &'static str,
    period: &'static str,
    dates: &'static str,
    steps_title: &'static str,
    steps: [&'static str; 11],
    examples_title: &'static str,
    example_participant: &'static str,
    example_comment: &'static str,
}

const FR: Texts = Texts {
    entry_header: [
        "indicateur",
        "date",
        "valeur",
        "participant",
        "dénominateur",
        "commune",
        "commentaire",
    ],
    guide_header: [
        "Fiche",
        "Axe",
        "Identifiant",
        "Libellé",
        "Cible",
        "Mesure",
        "Période",
        "Unité",
        "Valeur attendue",
        "À saisir",
        "Lecture du plan",
    ],
    check_header: "contrôle",
    no_target: "sans cible",
    flags: ["oui", "non"],
    assessments: ["atteint", "partiellement atteint", "non atteint"],
    value_flag: "oui / non",
    value_assessment: "atteint / partiellement atteint / non atteint",
    value_distinct: "vide (ou 1)",
    value_non_negative: "nombre ≥ 0",
    value_number: "nombre",
    windows: [
        "hebdomadaire (semaine ISO)",
        "mensuelle",
        "trimestrielle",
        "semestrielle",
        "annuelle",
        "durée du plan (cumulée)",
    ],
    per: [
        "par semaine",
        "par mois",
        "par trimestre",
        "par semestre",
        "par an",
        "sur toute la durée du plan",
    ],
    each: [
        "par semaine",
        "par mois",
        "par trimestre",
        "par semestre",
        "par an",
        "par relevé",
    ],
    of: [
        "de la semaine",
        "du mois",
        "du trimestre",
        "du semestre",
        "de l'année",
        "du plan",
    ],
    how_sum: "une ligne par activité avec le nombre{unit} ; les lignes s'additionnent {per}",
    how_distinct: "une ligne par participant et par activité, identifiant pseudonyme (jamais le nom), valeur facultative ; chaque personne compte une fois {per}",
    how_ratio: "une ligne {each} avec la valeur (numérateur) et le dénominateur ; taux = Σ valeurs ÷ Σ dénominateurs × 100",
    how_last: "une ligne par relevé avec la valeur{unit} à la date ; la dernière date {of} compte (les lignes d'une même date s'additionnent, par commune par exemple)",
    how_mean: "une ligne par mesure (enquête, répondant…) avec la valeur ; moyenne {per}",
    how_min: "une ligne par relevé avec la valeur{unit} ; la plus petite {of} compte",
    how_max: "une ligne par relevé avec la valeur{unit} ; la plus grande {of} compte",
    how_milestone: "une ligne quand le jalon est atteint : oui, à la date de réalisation (non pour noter qu'il ne l'est pas encore)",
    how_qualitative: "une ligne par bilan : atteint / partiellement atteint / non atteint (commentaire conseillé) ; la dernière appréciation {of} compte",
    how_baseline: " ; saisir aussi l'année de référence {year}",
    input_titles: [
        "Indicateur",
        "Date",
        "Valeur",
        "Participant",
        "Dénominateur",
        "Commune",
        "Commentaire",
    ],
    input_messages: [
        "L'identifiant de l'indicateur, choisi dans la liste (feuille « Indicateurs »).",
        "La date de l'observation, saisie comme une date : 31/03/2026.",
        "Selon l'indicateur (feuille « Indicateurs », colonne « Valeur attendue ») : oui / non pour un jalon ; atteint / partiellement atteint / non atteint ; sinon un nombre. Vide n'est pas zéro : saisir 0.",
        "Pour les nombres de personnes distinctes : un identifiant pseudonyme (ENF-001), jamais le nom.",
        "Pour les taux : le dénominateur de la ligne, un nombre ≥ 0.",
        "Facultatif : la commune concernée.",
        "Facultatif : un commentaire (conseillé pour les bilans qualitatifs).",
    ],
    error_title: "Saisie refusée",
    error_indicator: "Indicateur inconnu : choisissez un identifiant de la feuille « Indicateurs ».",
    error_date: "La date doit être une date de la période du plan ou de son année de référence : du {from} au {to}.",
    error_value: "Valeur refusée pour cet indicateur : voyez la colonne « Valeur attendue » de la feuille « Indicateurs » (oui / non, atteint / partiellement atteint / non atteint, nombre ≥ 0 ou nombre). Choisissez d'abord l'indicateur.",
    error_denominator: "Le dénominateur est un nombre ≥ 0.",
    plan_id: "Identifiant du plan",
    territory: "Territoire",
    period: "Période",
    dates: "Dates acceptées : du {from} au {to} (la période du plan et son année de référence).",
    steps_title: "Comment remplir ce classeur",
    steps: [
        "1. Saisissez les observations dans la feuille « Saisie », une ligne par observation, à partir de la ligne 2.",
        "2. Ne renommez pas les colonnes, ne les déplacez pas et n'ajoutez rien au-dessus de l'en-tête.",
        "3. indicateur : l'identifiant de l'indicateur (f1.1…), choisi dans la liste ; la feuille « Indicateurs » dit pour chacun quoi saisir et à quel rythme.",
        "4. date : la date de l'observation, saisie comme une date (31/03/2026), pas comme du texte.",
        "5. valeur : un nombre, oui / non pour un jalon, atteint / partiellement atteint / non atteint pour un indicateur qualitatif (colonne « Valeur attendue »).",
        "6. participant : pour les nombres de personnes distinctes, un identifiant pseudonyme (ENF-001), jamais le nom ni rien qui permette de reconnaître la personne.",
        "7. dénominateur : pour les taux, le dénominateur de la ligne (taux = Σ valeurs ÷ Σ dénominateurs × 100).",
        "8. commune, commentaire : facultatifs.",
        "9. Une cellule vide n'est pas un zéro : quand il n'y a rien eu, saisissez 0.",
        "10. Enregistrez le classeur (.xlsx), puis déposez-le sur le tableau de bord ou donnez-le à ctg ; un export CSV de la feuille « Saisie » convient aussi.",
        "11. Les exemples ci-dessous sont fictifs : ne les recopiez pas dans « Saisie ».",
    ],
    examples_title: "Exemple — données fictives, à ne pas recopier",
    example_participant: "ENF-001",
    example_comment: "exemple fictif",
};

const EN: Texts = Texts {
    entry_header: [
        "indicator",
        "date",
        "value",
        "participant",
        "denominator",
        "commune",
        "comment",
    ],
    guide_header: [
        "Fiche",
        "Axis",
        "Id",
        "Label",
        "Target",
        "Measure",
        "Period",
        "Unit",
        "Expected value",
        "What to enter",
        "Plan readings",
    ],
    check_header: "check",
    no_target: "no target",
    flags: ["yes", "no"],
    assessments: ["achieved", "partially achieved", "not achieved"],
    value_flag: "yes / no",
    value_assessment: "achieved / partially achieved / not achieved",
    value_distinct: "empty (or 1)",
    value_non_negative: "number ≥ 0",
    value_number: "number",
    windows: [
        "weekly (ISO week)",
        "monthly",
        "quarterly",
        "half-yearly",
        "yearly",
        "plan period (cumulative)",
    ],
    per: [
        "per week",
        "per month",
        "per quarter",
        "per half-year",
        "per year",
        "over the whole plan",
    ],
    each: [
        "per week",
        "per month",
        "per quarter",
        "per half-year",
        "per year",
        "per reading",
    ],
    of: [
        "of the week",
        "of the month",
        "of the quarter",
        "of the half-year",
        "of the year",
        "of the plan",
    ],
    how_sum: "one row per activity with the number{unit}; rows add up {per}",
    how_distinct: "one row per participant and activity, with a pseudonymous id (never the name), value optional; each person counts once {per}",
    how_ratio: "one row {each} with the value (numerator) and the denominator; rate = Σ values ÷ Σ denominators × 100",
    how_last: "one row per reading with the value{unit} on that date; the latest date {of} counts (rows of one date add up, e.g. per commune)",
    how_mean: "one row per measurement (survey, respondent…) with the value; averaged {per}",
    how_min: "one row per reading with the value{unit}; the smallest {of} counts",
    how_max: "one row per reading with the value{unit}; the largest {of} counts",
    how_milestone: "one row when the milestone is reached: yes, on the date it was done (no to record that it is not done yet)",
    how_qualitative: "one row per review: achieved / partially achieved / not achieved (a comment helps); the latest assessment {of} counts",
    how_baseline: "; enter the baseline year {year} too",
    input_titles: [
        "Indicator",
        "Date",
        "Value",
        "Participant",
        "Denominator",
        "Commune",
        "Comment",
    ],
    input_messages: [
        "The indicator's id, chosen from the list (sheet “Indicators”).",
        "The date of the observation, entered as a date: 2026-03-31.",
        "Depends on the indicator (sheet “Indicators”, column “Expected value”): yes / no for a milestone; achieved / partially achieved / not achieved; else a number. Empty is not zero: enter 0.",
        "For distinct counts of people: a pseudonymous id (ENF-001), never the name.",
        "For ratios: the row's denominator, a number ≥ 0.",
        "Optional: the commune concerned.",
        "Optional: a comment (helpful for qualitative reviews).",
    ],
    error_title: "Entry refused",
    error_indicator: "Unknown indicator: choose an id from the sheet “Indicators”.",
    error_date: "The date must be in the plan period or its baseline year: from {from} to {to}.",
    error_value: "Value refused for this indicator: see the column “Expected value” of the sheet “Indicators” (yes / no, achieved / partially achieved / not achieved, number ≥ 0 or number). Choose the indicator first.",
    error_denominator: "The denominator is a number ≥ 0.",
    plan_id: "Plan id",
    territory: "Territory",
    period: "Period",
    dates: "Dates accepted: from {from} to {to} (the plan period and its baseline year).",
    steps_title: "How to fill in this workbook",
    steps: [
        "1. Enter the observations in the sheet “Entry”, one row per observation, from row 2.",
        "2. Do not rename or move the columns, and add nothing above the header.",
        "3. indicator: the indicator's id (f1.1…), chosen from the list; the sheet “Indicators” says for each what to enter and how often.",
        "4. date: the date of the observation, entered as a date (2026-03-31), not as text.",
        "5. value: a number, yes / no for a milestone, achieved / partially achieved / not achieved for a qualitative indicator (column “Expected value”).",
        "6. participant: for distinct counts of people, a pseudonymous id (ENF-001), never the name nor anything that identifies the person.",
        "7. denominator: for ratios, the row's denominator (rate = Σ values ÷ Σ denominators × 100).",
        "8. commune, comment: optional.",
        "9. An empty cell is not a zero: when there was nothing, enter 0.",
        "10. Save the workbook (.xlsx), then drop it on the dashboard or give it to ctg; a CSV export of the sheet “Entry” works too.",
        "11. The examples below are fictional: do not copy them into “Entry”.",
    ],
    examples_title: "Example — fictional data, do not copy",
    example_participant: "ENF-001",
    example_comment: "fictional example",
};

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The position of a window in the [`Texts`] tables.
fn window_index(w: Window) -> usize {
    match w {
        Window::Week => 0,
        Window::Month => 1,
        Window::Quarter => 2,
        Window::HalfYear => 3,
        Window::Year => 4,
        Window::Plan => 5,
    }
}

fn pick6(table: &[&'static str; 6], w: Window) -> &'static str {
    table.get(window_index(w)).copied().unwrap_or_default()
}

/// What the value cell of an indicator's row takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// `oui` / `non` (milestones).
    Flag,
    /// `atteint` / `partiellement atteint` / `non atteint` (qualitative).
    Assessment,
    /// A number ≥ 0 (counts, distinct counts, ratios' numerators, stocks): what the
    /// reader rejects as negative.
    NonNegative,
    /// Any number (scores).
    Number,
}

impl ValueKind {
    fn of(measure: Measure) -> Self {
        match measure {
            Measure::Milestone => ValueKind::Flag,
            Measure::Qualitative => ValueKind::Assessment,
            Measure::Count | Measure::DistinctCount | Measure::Ratio | Measure::Stock => {
                ValueKind::NonNegative
            }
            Measure::Score => ValueKind::Number,
        }
    }

    /// The code the value rule looks up (`CHOOSE`'s index).
    fn code(self) -> u8 {
        match self {
            ValueKind::Flag => 1,
            ValueKind::Assessment => 2,
            ValueKind::NonNegative => 3,
            ValueKind::Number => 4,
        }
    }
}

/// The unit in force of a plan's indicator: its own, else its target's.
fn unit(ind: &Indicator) -> Option<&str> {
    ind.unit
        .as_deref()
        .or_else(|| ind.target.as_ref().and_then(|t| t.unit.as_deref()))
        .map(str::trim)
        .filter(|u| !u.is_empty())
}

/// ` de personnes`, ` d'actions` (French), ` (people)` (English); empty without unit or
/// for `%`.
fn unit_phrase(unit: Option<&str>, lang: Lang) -> String {
    match (unit, lang) {
        (None | Some("%"), _) => String::new(),
        (Some(u), Lang::Fr) => {
            let vowel = u
                .chars()
                .next()
                .is_some_and(|c| "aeiouyéèêëàâîïôûAEIOUYÉÈÊÀÂÎÔÛ".contains(c));
            if vowel {
                format!(" d'{u}")
            } else {
                format!(" de {u}")
            }
        }
        (Some(u), Lang::En) => format!(" ({u})"),
    }
}

/// What one row of an indicator is and how often, derived from its measure, aggregation
/// and window (never from a target the plan does not set).
fn how_to_enter(plan: &Plan, ind: &Indicator, lang: Lang) -> String {
    let t = texts(lang);
    let w = ind.window();
    let template = match (ind.measure, ind.aggregation()) {
        (Measure::Milestone, _) | (_, Aggregation::FirstDone) => t.how_milestone,
        (Measure::Qualitative, _) | (_, Aggregation::Latest) => t.how_qualitative,
        (_, Aggregation::Distinct) => t.how_distinct,
        (_, Aggregation::Ratio) => t.how_ratio,
        (_, Aggregation::Sum) => t.how_sum,
        (_, Aggregation::Last) => t.how_last,
        (_, Aggregation::Mean) => t.how_mean,
        (_, Aggregation::Min) => t.how_min,
        (_, Aggregation::Max) => t.how_max,
    };
    let mut out = template
        .replace("{unit}", &unit_phrase(unit(ind), lang))
        .replace("{per}", pick6(&t.per, w))
        .replace("{each}", pick6(&t.each, w))
        .replace("{of}", pick6(&t.of, w));
    let needs_baseline = ind.target.as_ref().is_some_and(|t| t.is_change())
        && ind.baseline.as_ref().and_then(|b| b.value).is_none();
    if needs_baseline {
        out.push_str(
            &t.how_baseline
                .replace("{year}", &plan.baseline_year(ind).to_string()),
        );
    }
    out
}

/// One row of the indicators sheet.
pub(crate) struct GuideRow {
    pub fiche: u32,
    pub axis: u32,
    pub kind: ValueKind,
    /// Id, label, target, measure, period, unit, expected value, what to enter, readings.
    pub texts: [String; GUIDE_WIDTH - 2],
}

/// The rows of the indicators sheet: one per indicator, in plan order.
pub(crate) fn guide_rows(plan: &Plan, lang: Lang) -> Vec<GuideRow> {
    let t = texts(lang);
    plan.indicators()
        .map(|(fiche, ind)| {
            let kind = ValueKind::of(ind.measure);
            let value = match (kind, ind.measure) {
                (_, Measure::DistinctCount) => t.value_distinct,
                (ValueKind::Flag, _) => t.value_flag,
                (ValueKind::Assessment, _) => t.value_assessment,
                (ValueKind::NonNegative, _) => t.value_non_negative,
                (ValueKind::Number, _) => t.value_number,
            };
            GuideRow {
                fiche: fiche.number,
                axis: fiche.axis,
                kind,
                texts: [
                    ind.id.clone(),
                    ind.label.clone(),
                    ind.target
                        .as_ref()
                        .map_or_else(|| t.no_target.to_string(), |x| x.display(lang)),
                    ind.measure.label(lang).to_string(),
                    pick6(&t.windows, ind.window()).to_string(),
                    unit(ind).unwrap_or_default().to_string(),
                    value.to_string(),
                    how_to_enter(plan, ind, lang),
                    ind.notes.join("\n"),
                ],
            }
        })
        .collect()
}

/// The first and last day an observation of the plan can be dated: the earliest baseline
/// year's first day (of its first ISO week for a weekly indicator) to the plan's last day
/// (of its last ISO week, if later). `None` if the years have no such days.
pub(crate) fn date_bounds(plan: &Plan) -> Option<(NaiveDate, NaiveDate)> {
    let p = plan.period;
    let jan1 = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
    let mut first = jan1(p.start.min(p.start.saturating_sub(1)))?;
    let mut last = NaiveDate::from_ymd_opt(p.end, 12, 31)?;
    for (_, ind) in plan.indicators() {
        let year = plan.baseline_year(ind).min(p.start);
        let (from, to) = if ind.window() == Window::Week {
            (
                NaiveDate::from_isoywd_opt(year, 1, chrono::Weekday::Mon)?,
                NaiveDate::from_isoywd_opt(p.end.checked_add(1)?, 1, chrono::Weekday::Mon)?
                    .pred_opt()?,
            )
        } else {
            (jan1(year)?, last)
        };
        first = first.min(from);
        last = last.max(to);
    }
    Some((first, last))
}

/// Write rows as CSV in a flavour (`;` and a BOM, or `,`).
fn write_csv(rows: impl Iterator<Item = Vec<String>>, flavour: CsvFlavour) -> String {
    let delimiter = match flavour {
        CsvFlavour::French => b';',
        CsvFlavour::Plain => b',',
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let mut ok = true;
    for row in rows {
        // Text a spreadsheet would run as a formula gets a leading `'`.
        ok &= w
            .write_record(row.iter().map(|c| super::escape_csv(c).into_owned()))
            .is_ok();
    }
    let text = w
        .into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    match (ok, flavour) {
        (false, _) => String::new(),
        (true, CsvFlavour::French) => format!("\u{feff}{text}"),
        (true, CsvFlavour::Plain) => text,
    }
}

/// The header of the entry sheet (« Saisie ») as CSV, without any row: a template to fill
/// and read back with [`crate::io::read_csv`]. Its names are the entry sheet's
/// (`indicateur`, `date`, `valeur`, `participant`, `dénominateur`, `commune`,
/// `commentaire`, or in English); the flavour sets the separator (French: `;` and a BOM).
///
/// ```
/// use ctg_core::{io::{read_csv, IngestOptions}, report::{entry_csv, CsvFlavour}, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let csv = entry_csv(&plan, Lang::Fr, CsvFlavour::French);
/// assert_eq!(csv, "\u{feff}indicateur;date;valeur;participant;dénominateur;commune;commentaire\n");
/// let en = entry_csv(&plan, Lang::En, CsvFlavour::Plain);
/// assert_eq!(en, "indicator,date,value,participant,denominator,commune,comment\n");
/// assert!(read_csv(&plan, en.as_bytes(), &IngestOptions::default()).unwrap().is_empty());
/// ```
pub fn entry_csv(plan: &Plan, lang: Lang, flavour: CsvFlavour) -> String {
    let _ = plan;
    let header = texts(lang).entry_header.iter().map(|h| h.to_string());
    write_csv(std::iter::once(header.collect()), flavour)
}

/// The indicators sheet (« Indicateurs ») of the entry workbook as CSV: a header, then one
/// row per indicator in plan order: fiche, axis, id, label, target (`sans cible` without
/// one), measure, period (`annuelle`, `mensuelle`…), unit, the expected value (`oui / non`,
/// `nombre ≥ 0`…), what to enter (one row per what, how often) and the plan's readings
/// (its interpretation notes, one per line).
///
/// ```
/// use ctg_core::{report::{entry_guide_csv, CsvFlavour}, Lang};
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let csv = entry_guide_csv(&plan, Lang::Fr, CsvFlavour::Plain);
/// assert!(csv.starts_with("Fiche,Axe,Identifiant,Libellé,Cible,Mesure,Période,Unité,"));
/// let f81 = csv.lines().find(|l| l.starts_with("8,")).unwrap();
/// assert!(f81.contains(",f8.1,") && f81.contains("> 24 / an"));
/// ```
pub fn entry_guide_csv(plan: &Plan, lang: Lang, flavour: CsvFlavour) -> String {
    let t = texts(lang);
    let header = t.guide_header.iter().map(|h| h.to_string()).collect();
    let rows = guide_rows(plan, lang).into_iter().map(|r| {
        let mut cells = vec![r.fiche.to_string(), r.axis.to_string()];
        cells.extend(r.texts);
        cells
    });
    write_csv(std::iter::once(header).chain(rows), flavour)
}

/// One fictional example row of the how-to sheet.
pub(crate) struct Example {
    pub indicator: String,
    pub date: NaiveDate,
    pub value: Option<ExampleValue>,
    pub participant: Option<&'static str>,
    pub denominator: Option<f64>,
    pub comment: Option<&'static str>,
}

/// An example's value.
pub(crate) enum ExampleValue {
    Number(f64),
    Text(&'static str),
}

/// One fictional example per measure of the plan, with the plan's first indicator of that
/// measure, dated in the plan's first year.
pub(crate) fn examples(plan: &Plan, lang: Lang) -> Vec<Example> {
    let t = texts(lang);
    let mut seen: Vec<Measure> = Vec::new();
    let mut out = Vec::new();
    for (_, ind) in plan.indicators() {
        if seen.contains(&ind.measure) {
            continue;
        }
        seen.push(ind.measure);
        let month = u32::try_from(3 + out.len()).unwrap_or(3).min(12);
        let Some(date) = NaiveDate::from_ymd_opt(plan.period.start, month, 15) else {
            continue;
        };
        let mut ex = Example {
            indicator: ind.id.clone(),
            date,
            value: None,
            participant: None,
            denominator: None,
            comment: None,
        };
        match ind.measure {
            Measure::Count => ex.value = Some(ExampleValue::Number(12.0)),
            Measure::DistinctCount => ex.participant = Some(t.example_participant),
            Measure::Ratio => {
                ex.value = Some(ExampleValue::Number(8.0));
                ex.denominator = Some(10.0);
            }
            Measure::Stock => ex.value = Some(ExampleValue::Number(25.0)),
            Measure::Score => ex.value = Some(ExampleValue::Number(4.0)),
            Measure::Milestone => ex.value = t.flags.first().copied().map(ExampleValue::Text),
            Measure::Qualitative => {
                ex.value = t.assessments.get(1).copied().map(ExampleValue::Text);
            }
        }
        ex.comment = Some(t.example_comment);
        out.push(ex);
    }
    out
}

/// The letter of a column (0 → `A`), for the first 26 columns.
fn letter(col: usize) -> char {
    u8::try_from(col)
        .ok()
        .filter(|c| *c < 26)
        .map_or('A', |c| char::from(b'A' + c))
}

/// The position of an entry column.
fn entry_col(c: Column) -> usize {
    ENTRY_COLUMNS.iter().position(|x| *x == c).unwrap_or(0)
}

/// The workbook's defined names: the indicators' ids and their value kinds.
const IDS_NAME: &str = "ctg_ids";
const KINDS_NAME: &str = "ctg_kinds";

/// The custom validation formula of the value column, for its first data row (row 2;
/// Excel moves the relative references down the range): the kind of the row's indicator
/// (looked up in the hidden column of the indicators sheet) picks the check. Excel caps a
/// validation formula at 255 characters.
pub(crate) fn value_rule(lang: Lang) -> String {
    let t = texts(lang);
    let ind = letter(entry_col(Column::Indicator));
    let v = format!("{}2", letter(entry_col(Column::Value)));
    let any = |words: &[&str]| {
        let eq: Vec<String> = words.iter().map(|w| format!("{v}=\"{w}\"")).collect();
        format!("OR({})", eq.join(","))
    };
    format!(
        "CHOOSE(INDEX({KINDS_NAME},MATCH(${ind}2,{IDS_NAME},0)),{},{},AND(ISNUMBER({v}),{v}>=0),ISNUMBER({v}))",
        any(&t.flags),
        any(&t.assessments),
    )
}

#[cfg(feature = "spreadsheet")]
pub use self::sheets::entry_workbook;

/// The entry workbook: in a build without the `spreadsheet` feature (the main web
/// module), a [`WorkbookError::unsupported`](super::WorkbookError::unsupported).
#[cfg(not(feature = "spreadsheet"))]
pub fn entry_workbook(_plan: &Plan, _lang: Lang) -> Result<Vec<u8>, super::WorkbookError> {
    Err(super::WorkbookError::unsupported())
}

#[cfg(feature = "spreadsheet")]
mod sheets {
    use rust_xlsxwriter::{DataValidation, DataValidationRule, Formula, Workbook};

    use super::*;
    use crate::report::workbook::xl::{self, Formats, Sheet};
    use crate::report::workbook::{SheetId, WorkbookError};

    /// The data rows of the entry sheet that carry the checks and input messages
    /// (rows 2 to 10 001).
    const CHECKED_ROWS: u32 = 10_000;

    /// The entry workbook (*grille de saisie*) of a plan: three sheets, in this order.
    ///
    /// - **Saisie** (*Entry*): the observation header in row 1 (`indicateur`, `date`,
    ///   `valeur`, `participant`, `dénominateur`, `commune`, `commentaire`, or in
    ///   English), bold and frozen, and no row: what is typed below is read as is by
    ///   [`crate::io`] (a CSV saved from it too). Each column has an input message and
    ///   the checks of what the reader accepts, over rows 2 to 10 001: the indicator from
    ///   the list of the plan's ids; the date a date between the earliest baseline year's
    ///   1 January and the plan's last day; the value by the row's indicator (`oui` /
    ///   `non` for a milestone, `atteint` / `partiellement atteint` / `non atteint` for a
    ///   qualitative one, a number ≥ 0 for counts, ratios and stocks, any number for
    ///   scores); the denominator a number ≥ 0.
    /// - **Indicateurs** (*Indicators*): one row per indicator, in plan order
    ///   ([`entry_guide_csv`] is this sheet as CSV), and a hidden column of value kinds
    ///   for the value check.
    /// - **Mode d'emploi** (*How to*): the plan, the steps, and one fictional example row
    ///   per measure of the plan, under a heading that says they are fictional.
    ///
    /// Deterministic: the same plan gives the same bytes.
    ///
    /// ```
    /// use ctg_core::{report::entry_workbook, Lang};
    /// let plan = ctg_core::plans::sundgau().unwrap();
    /// let bytes = entry_workbook(&plan, Lang::Fr).unwrap();
    /// assert!(bytes.starts_with(b"PK"));
    /// assert_eq!(bytes, entry_workbook(&plan, Lang::Fr).unwrap());
    /// ```
    pub fn entry_workbook(plan: &Plan, lang: Lang) -> Result<Vec<u8>, WorkbookError> {
        let f = Formats::new();
        let rows = guide_rows(plan, lang);
        let bounds = date_bounds(plan);
        let mut wb = Workbook::new();
        let created = plan
            .period
            .first_day()
            .or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1))
            .unwrap_or_default();
        wb.set_properties(&xl::properties(&plan.title, created, lang));
        // The names the checks refer to: the ids and kinds of the indicators sheet.
        let guide = SheetId::Guide.name(lang);
        let last = rows.len().max(1) + 1;
        for (name, col) in [(IDS_NAME, 2), (KINDS_NAME, GUIDE_WIDTH)] {
            let c = letter(col);
            wb.define_name(name, &format!("='{guide}'!${c}$2:${c}${last}"))
                .map_err(|_| WorkbookError::sheet(SheetId::Guide))?;
        }
        entry_sheet(
            &mut xl::add_sheet(&mut wb, SheetId::Entry, lang)?,
            lang,
            bounds,
            &f,
        )?;
        guide_sheet(
            &mut xl::add_sheet(&mut wb, SheetId::Guide, lang)?,
            &rows,
            lang,
            &f,
        )?;
        howto_sheet(
            &mut xl::add_sheet(&mut wb, SheetId::HowTo, lang)?,
            plan,
            lang,
            bounds,
            &f,
        )?;
        xl::save(wb)
    }

    /// A validation with its input message and, if it checks anything, its error message.
    fn messages(
        v: DataValidation,
        title: &str,
        input: &str,
        error: Option<(&str, &str)>,
    ) -> Result<DataValidation, rust_xlsxwriter::XlsxError> {
        let v = v.set_input_title(title)?.set_input_message(input)?;
        match error {
            Some((title, message)) => v.set_error_title(title)?.set_error_message(message),
            None => Ok(v),
        }
    }

    fn entry_sheet(
        sheet: &mut Sheet<'_>,
        lang: Lang,
        bounds: Option<(NaiveDate, NaiveDate)>,
        f: &Formats,
    ) -> Result<(), WorkbookError> {
        let t = texts(lang);
        for (col, h) in (0u16..).zip(t.entry_header) {
            sheet.text(0, col, h, Some(&f.header))?;
        }
        sheet.widths(&[14.0, 13.0, 22.0, 16.0, 14.0, 18.0, 44.0])?;
        // What is typed stays text in the id columns (`001` keeps its zeros); dates are
        // shown as French Excel does.
        for c in [
            Column::Indicator,
            Column::Participant,
            Column::Commune,
            Column::Comment,
        ] {
            let col = u16::try_from(entry_col(c)).unwrap_or(0);
            sheet.with(|ws| ws.set_column_format(col, &f.text))?;
        }
        let date_col = u16::try_from(entry_col(Column::Date)).unwrap_or(1);
        sheet.with(|ws| ws.set_column_format(date_col, &f.date))?;
        sheet.freeze(1, 0)?;

        let fmt_date = |d: NaiveDate| crate::fmt::date(d, lang);
        for (at, column) in ENTRY_COLUMNS.iter().enumerate() {
            let title = t.input_titles.get(at).copied().unwrap_or_default();
            let input = t.input_messages.get(at).copied().unwrap_or_default();
            let error_date;
            let (rule, error) = match column {
                Column::Indicator => (
                    DataValidation::new().allow_list_formula(Formula::new(format!("={IDS_NAME}"))),
                    Some(t.error_indicator),
                ),
                Column::Date => match bounds
                    .and_then(|(a, b)| Some((a, b, xl::excel_date(a)?, xl::excel_date(b)?)))
                {
                    Some((a, b, xa, xb)) => {
                        error_date = t
                            .error_date
                            .replace("{from}", &fmt_date(a))
                            .replace("{to}", &fmt_date(b));
                        (
                            DataValidation::new().allow_date(DataValidationRule::Between(xa, xb)),
                            Some(error_date.as_str()),
                        )
                    }
                    None => (DataValidation::new().allow_any_value(), None),
                },
                Column::Value => (
                    DataValidation::new()
                        .allow_custom(Formula::new(format!("={}", value_rule(lang)))),
                    Some(t.error_value),
                ),
                Column::Denominator => (
                    DataValidation::new()
                        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
                    Some(t.error_denominator),
                ),
                _ => (DataValidation::new().allow_any_value(), None),
            };
            let v = messages(rule, title, input, error.map(|e| (t.error_title, e)))
                .map_err(|_| WorkbookError::sheet(sheet.id))?;
            let col = u16::try_from(at).unwrap_or(0);
            sheet.with(|ws| ws.add_data_validation(1, col, CHECKED_ROWS, col, &v))?;
        }
        Ok(())
    }

    fn guide_sheet(
        sheet: &mut Sheet<'_>,
        rows: &[GuideRow],
        lang: Lang,
        f: &Formats,
    ) -> Result<(), WorkbookError> {
        let t = texts(lang);
        let header = t
            .guide_header
            .iter()
            .chain(std::iter::once(&t.check_header));
        for (col, h) in (0u16..).zip(header) {
            sheet.text(0, col, h, Some(&f.header))?;
        }
        sheet.widths(&[
            7.0, 6.0, 11.0, 42.0, 24.0, 18.0, 16.0, 14.0, 22.0, 60.0, 60.0, 8.0,
        ])?;
        let check_col = u16::try_from(GUIDE_WIDTH).unwrap_or(11);
        sheet.with(|ws| ws.set_column_hidden(check_col))?;
        let mut row = 0u32;
        for r in rows {
            row += 1;
            sheet.number(row, 0, f64::from(r.fiche), &f.whole, lang)?;
            sheet.number(row, 1, f64::from(r.axis), &f.whole, lang)?;
            for (col, text) in (2u16..).zip(&r.texts) {
                sheet.text(row, col, text, Some(&f.wrap))?;
            }
            sheet.number(row, check_col, f64::from(r.kind.code()), &f.whole, lang)?;
        }
        sheet.freeze(1, 3)?;
        let last_col = u16::try_from(GUIDE_WIDTH - 1).unwrap_or(10);
        sheet.autofilter(0, row, last_col)
    }

    fn howto_sheet(
        sheet: &mut Sheet<'_>,
        plan: &Plan,
        lang: Lang,
        bounds: Option<(NaiveDate, NaiveDate)>,
        f: &Formats,
    ) -> Result<(), WorkbookError> {
        let t = texts(lang);
        let colon = crate::report::view::colon(lang);
        sheet.widths(&[14.0, 13.0, 22.0, 16.0, 14.0, 18.0, 44.0])?;
        sheet.text(0, 0, &plan.title, Some(&f.title))?;
        let facts = [
            (t.plan_id, plan.id.clone()),
            (t.territory, plan.territory.clone()),
            (t.period, plan.period.to_string()),
        ];
        let mut row = 1;
        for (label, value) in facts {
            sheet.text(row, 0, &format!("{label}{colon}{value}"), None)?;
            row += 1;
        }
        if let Some((a, b)) = bounds {
            let line = t
                .dates
                .replace("{from}", &crate::fmt::date(a, lang))
                .replace("{to}", &crate::fmt::date(b, lang));
            sheet.text(row, 0, &line, None)?;
            row += 1;
        }
        row += 1;
        sheet.text(row, 0, t.steps_title, Some(&f.bold))?;
        for step in t.steps {
            row += 1;
            sheet.text(row, 0, step, None)?;
        }
        row += 2;
        sheet.text(row, 0, t.examples_title, Some(&f.banner))?;
        row += 1;
        for (col, h) in (0u16..).zip(t.entry_header) {
            sheet.text(row, col, h, Some(&f.header))?;
        }
        let col = |c: Column| u16::try_from(entry_col(c)).unwrap_or(0);
        for ex in examples(plan, lang) {
            row += 1;
            sheet.text(row, col(Column::Indicator), &ex.indicator, None)?;
            sheet.date(row, col(Column::Date), ex.date, &f.date, lang)?;
            match ex.value {
                Some(ExampleValue::Number(v)) => {
                    sheet.number(row, col(Column::Value), v, f.number(v), lang)?
                }
                Some(ExampleValue::Text(s)) => sheet.text(row, col(Column::Value), s, None)?,
                None => {}
            }
            if let Some(p) = ex.participant {
                sheet.text(row, col(Column::Participant), p, None)?;
            }
            if let Some(d) = ex.denominator {
                sheet.number(row, col(Column::Denominator), d, f.number(d), lang)?;
            }
            if let Some(c) = ex.comment {
                sheet.text(row, col(Column::Comment), c, None)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::io::{read_csv, IngestOptions};

    #[test]
    fn entry_headers_are_observation_columns_and_guide_headers_are_not() {
        for lang in [Lang::Fr, Lang::En] {
            let t = texts(lang);
            let read: Vec<Option<Column>> = t
                .entry_header
                .iter()
                .map(|h| Column::from_header(h))
                .collect();
            let expected: Vec<Option<Column>> = ENTRY_COLUMNS.iter().map(|c| Some(*c)).collect();
            assert_eq!(read, expected);
            for h in t.guide_header.iter().chain([&t.check_header]) {
                assert_eq!(Column::from_header(h), None, "{h}");
            }
            for m in t.input_messages.iter().chain(&t.steps) {
                assert!(m.encode_utf16().count() <= 255, "{m}");
            }
            for s in t.input_titles.iter().chain([&t.error_title]) {
                assert!(s.encode_utf16().count() <= 32, "{s}");
            }
            for m in [t.error_indicator, t.error_value, t.error_denominator] {
                assert!(m.encode_utf16().count() <= 255, "{m}");
            }
        }
    }

    #[test]
    fn the_words_of_values_are_what_the_reader_accepts() {
        use crate::io::{Assessment, ObservedValue};
        let plan = crate::plans::sundgau().unwrap();
        for lang in [Lang::Fr, Lang::En] {
            let t = texts(lang);
            let mut csv = String::from("indicator,date,value\n");
            for w in t.flags {
                csv.push_str(&format!("f1.4,2026-03-31,{w}\n"));
            }
            for w in t.assessments {
                csv.push_str(&format!("f6.3,2026-03-31,{w}\n"));
            }
            let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
            let values: Vec<ObservedValue> = obs.iter().map(|o| o.value).collect();
            assert_eq!(
                values,
                [
                    ObservedValue::Done(true),
                    ObservedValue::Done(false),
                    ObservedValue::Assessment(Assessment::Achieved),
                    ObservedValue::Assessment(Assessment::Partial),
                    ObservedValue::Assessment(Assessment::NotAchieved),
                ]
            );
        }
    }

    #[test]
    fn the_value_rule_fits_excel_s_limit() {
        for lang in [Lang::Fr, Lang::En] {
            let rule = value_rule(lang);
            assert!(rule.encode_utf16().count() <= 255, "{}: {rule}", rule.len());
            assert!(rule.starts_with("CHOOSE(INDEX(ctg_kinds,MATCH($A2,ctg_ids,0)),OR(C2="));
        }
        assert!(value_rule(Lang::Fr).contains("C2=\"partiellement atteint\""));
        assert!(value_rule(Lang::En).contains("C2=\"yes\",C2=\"no\""));
    }

    #[test]
    fn what_to_enter_follows_measure_aggregation_and_window() {
        let plan = crate::plans::sundgau().unwrap();
        let fr = guide_rows(&plan, Lang::Fr);
        let en = guide_rows(&plan, Lang::En);
        assert_eq!(fr.len(), 25);
        let row = |rows: &[GuideRow], id: &str| rows.iter().position(|r| r.texts[0] == id).unwrap();
        let how = |rows: &[GuideRow], id: &str| rows[row(rows, id)].texts[7].clone();
        assert_eq!(
            how(&fr, "f4.1"),
            "une ligne par participant et par activité, identifiant pseudonyme (jamais le nom), valeur facultative ; chaque personne compte une fois par an"
        );
        assert_eq!(
            how(&fr, "f8.1"),
            "une ligne par activité avec le nombre d'actions ; les lignes s'additionnent par an"
        );
        assert_eq!(
            how(&en, "f7.1"),
            "one row per activity with the number (visites); rows add up per month"
        );
        assert!(how(&fr, "f1.4").starts_with("une ligne quand le jalon est atteint : oui"));
        assert!(how(&fr, "f6.3")
            .starts_with("une ligne par bilan : atteint / partiellement atteint / non atteint"));
        assert!(how(&fr, "f5.2")
            .starts_with("une ligne par an avec la valeur (numérateur) et le dénominateur"));
        // A relative target needs the baseline year's observations.
        assert!(
            how(&fr, "f3.1").ends_with(" ; saisir aussi l'année de référence 2024"),
            "{}",
            how(&fr, "f3.1")
        );
        assert!(
            how(&en, "f11.1").ends_with("; enter the baseline year 2024 too"),
            "{}",
            how(&en, "f11.1")
        );
        // Targets as the reports write them; none is « sans cible ».
        assert_eq!(fr[row(&fr, "f8.1")].texts[2], "> 24 / an");
        assert_eq!(fr[row(&fr, "f1.1")].texts[2], "sans cible");
        assert_eq!(en[row(&en, "f1.1")].texts[2], "no target");
        assert_eq!(fr[row(&fr, "f7.1")].texts[4], "mensuelle");
        assert_eq!(fr[row(&fr, "f4.1")].texts[6], "vide (ou 1)");
        assert_eq!(fr[row(&fr, "f3.3")].kind, ValueKind::Number);
        assert_eq!(fr[row(&fr, "f1.4")].kind, ValueKind::Flag);
        assert!(fr[row(&fr, "f1.1")].texts[8].starts_with("Interprétation : comptage annuel"));
    }

    #[test]
    fn dates_run_from_the_baseline_year_to_the_plan_s_end() {
        let plan = crate::plans::sundgau().unwrap();
        let (a, b) = date_bounds(&plan).unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-01-01".into(), "2029-12-31".into())
        );
        // A weekly indicator reaches into the ISO weeks around the years.
        let weekly = crate::plans::one_indicator("week", "> 3");
        let (a, b) = date_bounds(&weekly).unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-01-01".into(), "2029-12-31".into())
        );
        let mut later = weekly.clone();
        later.period.start = 2026;
        later.period.end = 2030;
        // ISO 2025 starts on 30/12/2024; ISO 2030 ends on 29/12/2030.
        let (a, b) = date_bounds(&later).unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-12-30".into(), "2030-12-31".into())
        );
    }

    #[test]
    fn examples_are_one_per_measure_and_read_back() {
        let plan = crate::plans::sundgau().unwrap();
        for lang in [Lang::Fr, Lang::En] {
            let ex = examples(&plan, lang);
            let measures: Vec<Measure> = ex
                .iter()
                .map(|e| plan.indicator(&e.indicator).unwrap().1.measure)
                .collect();
            assert_eq!(measures.len(), 7, "{measures:?}");
            // As a CSV, the examples are valid observations of the plan.
            let mut csv = entry_csv(&plan, lang, CsvFlavour::Plain);
            for e in &ex {
                let value = match &e.value {
                    Some(ExampleValue::Number(v)) => v.to_string(),
                    Some(ExampleValue::Text(s)) => s.to_string(),
                    None => String::new(),
                };
                csv.push_str(&format!(
                    "{},{},{},{},{},,{}\n",
                    e.indicator,
                    e.date,
                    value,
                    e.participant.unwrap_or_default(),
                    e.denominator.map(|d| d.to_string()).unwrap_or_default(),
                    e.comment.unwrap_or_default()
                ));
            }
            let obs = read_csv(&plan, csv.as_bytes(), &IngestOptions::default()).unwrap();
            assert_eq!(obs.len(), 7);
        }
    }
}
