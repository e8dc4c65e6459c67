//! The plan as TOML for a coordinator to review: the template's French headings and every
//! finding as a comment beside the field it concerns (`# ⚠ interprétation : …`). Comments
//! change nothing: the file loads back to the same plan.

use std::collections::BTreeMap;

use super::findings::{Finding, FindingKind};
use super::Imported;
use crate::problem::Severity;
use crate::Lang;

/// The field an indicator finding is about.
fn indicator_key(kind: &FindingKind, has_target: bool) -> &'static str {
    use FindingKind as K;
    match kind {
        K::MeasureInferred { .. } => "measure",
        K::WindowInferred { .. } => "window",
        K::AggregationDefault { .. } => "aggregation",
        K::DirectionFromTarget { .. } if has_target => "direction",
        K::BaselineAssumed { .. } if has_target => "target",
        _ if has_target => "target",
        _ => "label",
    }
}

/// The fiche field of a template heading, for its French comment.
fn french_heading(key: &str) -> Option<&'static str> {
    Some(match key {
        "themes" => "Thématique",
        "target_publics" => "Public cible",
        "findings" => "CONSTAT",
        "stakes" => "ENJEUX",
        "objective" => "OBJECTIF DE L'ACTION",
        "leads" => "PORTEUR DE L'ACTION",
        "expected_results" => "IMPACT POTENTIEL DE L'ACTION / RÉSULTAT ATTENDU",
        "partners" => "PARTENAIRES",
        _ => return None,
    })
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Interpretation => lang.pick("interprétation", "interpretation"),
        Severity::Warning => lang.pick("à vérifier", "to check"),
        Severity::NotUnderstood => lang.pick("non compris", "not understood"),
        Severity::Error => lang.pick("erreur", "error"),
    }
}

/// A finding as a one-line TOML comment: line breaks and every other control character
/// but the tab (which a TOML comment may not hold: a NUL read from a damaged document
/// would make the file unreadable) become spaces.
fn comment(f: &Finding, lang: Lang) -> String {
    let text: String = f
        .render(lang)
        .chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect();
    let colon = lang.pick(" :", ":");
    format!("# ⚠ {}{colon} {text}", severity_word(f.severity(), lang))
}

/// Count the multi-line string delimiters of a line (to know whether the next line is
/// inside a string).
fn toggles(line: &str) -> usize {
    line.matches("\"\"\"").count() + line.matches("'''").count()
}

/// The imported plan as TOML with the findings as comments beside their fields, in the
/// given language; it loads back with [`crate::model::Plan::from_toml`] to the same
/// plan (when the plan passes its checks).
///
/// ```
/// use ctg_core::{import, Lang};
/// let imported = import::import_text("FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tSatisfaction des familles\nÉCHÉANCIER\t2025-2027\n");
/// let toml = import::to_reviewable_toml(&imported, Lang::Fr).unwrap();
/// assert!(toml.contains("# ⚠ interprétation : mesure « score »"));
/// assert_eq!(ctg_core::model::Plan::from_toml(&toml).unwrap(), imported.plan);
/// ```
pub fn to_reviewable_toml(
    imported: &Imported,
    lang: Lang,
) -> Result<String, crate::model::PlanError> {
    let plan = &imported.plan;
    let base = plan.to_toml()?;
    // Findings by (fiche, indicator, key); fiche-level and plan-level ones apart.
    let mut by_field: BTreeMap<(u32, String, &'static str), Vec<&Finding>> = BTreeMap::new();
    let mut by_fiche: BTreeMap<u32, Vec<&Finding>> = BTreeMap::new();
    let mut top = Vec::new();
    for f in &imported.findings {
        match (f.place.fiche, &f.place.indicator) {
            (Some(n), Some(id)) => {
                let has_target = plan.indicator(id).is_some_and(|(_, i)| i.target.is_some());
                by_field
                    .entry((n, id.clone(), indicator_key(&f.kind, has_target)))
                    .or_default()
                    .push(f);
            }
            (Some(n), None) => by_fiche.entry(n).or_default().push(f),
            (None, _) => top.push(f),
        }
    }
    let mut out = String::new();
    out.push_str(lang.pick(
        "# Plan importé par ctg : à relire. Chaque « ⚠ » signale une lecture que le document\n# n'écrit pas, ou un texte à vérifier ; les commentaires ne changent rien au plan.\n",
        "# Plan imported by ctg: to review. Each « ⚠ » marks a reading the document does not\n# write, or a text to check; comments change nothing in the plan.\n",
    ));
    for f in &top {
        out.push_str(&comment(f, lang));
        out.push('\n');
    }
    out.push('\n');
    let mut in_string = false;
    let mut fiche: Option<u32> = None;
    let mut table = String::new();
    let mut indicator: Option<String> = None;
    for line in base.lines() {
        if in_string {
            out.push_str(line);
            out.push('\n');
            in_string = toggles(line).is_multiple_of(2);
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            table = trimmed.trim_matches(['[', ']']).to_string();
            if table == "fiches" {
                fiche = None;
                indicator = None;
            }
            if table == "fiches.indicators" {
                indicator = None;
            }
        } else if let Some((key, value)) = trimmed.split_once(" = ") {
            let key = key.trim();
            if table == "fiches" && key == "number" {
                fiche = value.trim().parse().ok();
            }
            if table == "fiches.indicators" && key == "id" {
                indicator = value.trim().trim_matches('"').to_string().into();
            }
            match (table.as_str(), fiche, &indicator) {
                ("fiches.indicators", Some(n), Some(id)) => {
                    if let Some(fs) = by_field.get(&(n, id.clone(), key_static(key))) {
                        for f in fs {
                            out.push_str(&comment(f, lang));
                            out.push('\n');
                        }
                    }
                }
                ("fiches", Some(_), _) => {
                    if let Some(h) = french_heading(key) {
                        out.push_str(&format!("# {h}\n"));
                    }
                }
                _ => {}
            }
        }
        out.push_str(line);
        out.push('\n');
        if table == "fiches"
            && trimmed.starts_with("number = ")
            && let Some(fs) = fiche.and_then(|n| by_fiche.get(&n))
        {
            for f in fs {
                out.push_str(&comment(f, lang));
                out.push('\n');
            }
        }
        if toggles(line) % 2 == 1 {
            in_string = true;
        }
    }
    Ok(out)
}

/// The static key names findings are filed under.
fn key_static(key: &str) -> &'static str {
    match key {
        "measure" => "measure",
        "window" => "window",
        "aggregation" => "aggregation",
        "direction" => "direction",
        "target" => "target",
        "label" => "label",
        _ => "",
    }
}
