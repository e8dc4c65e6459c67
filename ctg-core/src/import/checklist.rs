//! The findings of an import as a checklist for the coordinator who reviews it:
//! [`checklist`].

use crate::problem::{plan_place, Severity};
use crate::Lang;

use super::Imported;

/// The order in which the checklist shows the severities: what was not understood first
/// (text to place by hand), then what is missing or wrong, then the readings to confirm.
const ORDER: [Severity; 3] = [
    Severity::NotUnderstood,
    Severity::Warning,
    Severity::Interpretation,
];

fn group_title(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::NotUnderstood => lang.pick(
            "Texte non compris (à placer à la main)",
            "Text not understood (to place by hand)",
        ),
        Severity::Warning => lang.pick("À compléter ou à corriger", "To fill in or to fix"),
        Severity::Interpretation => lang.pick(
            "Interprétations (à confirmer)",
            "Interpretations (to confirm)",
        ),
        Severity::Error => lang.pick("Erreurs", "Errors"),
    }
}

/// The import's findings as a Markdown checklist in the given language: a title line
/// that counts the plan's fiches and indicators and the points to check, then one group
/// per severity (not understood, warnings, interpretations; empty groups left out), each
/// finding a `- [ ] place : message` item in document order. The place is the fiche, the
/// indicator or heading, and the line of the document's text.
///
/// ```
/// use ctg_core::{import, Lang};
/// let imported = import::import_text("FICHE D'ACTION N°1\n\nAGIR\n\nINDICATEUR D'ÉVALUATION\tSatisfaction des familles\nÉCHÉANCIER\t2025-2027\n");
/// let list = import::checklist(&imported, Lang::Fr);
/// assert!(list.starts_with("# Relecture de l'import : 1 fiche, 1 indicateur, "));
/// assert!(list.contains("\n## Interprétations (à confirmer) ("));
/// assert!(list.contains("\n- [ ] fiche 1, indicateur f1.1, ligne 5 : mesure « score »"));
/// ```
pub fn checklist(imported: &Imported, lang: Lang) -> String {
    let plan = &imported.plan;
    let fiches = plan.fiches.len();
    let indicators = plan.indicators().count();
    let points = imported.findings.len();
    // French keeps 0 and 1 singular, English only 1.
    let s = |n: usize| match (lang, n) {
        (Lang::Fr, 0 | 1) | (Lang::En, 1) => "",
        _ => "s",
    };
    let mut out = match lang {
        Lang::Fr => format!(
            "# Relecture de l'import : {fiches} fiche{}, {indicators} indicateur{}, {points} point{} à vérifier\n",
            s(fiches),
            s(indicators),
            s(points)
        ),
        Lang::En => format!(
            "# Import review: {fiches} fiche{}, {indicators} indicator{}, {points} point{} to check\n",
            s(fiches),
            s(indicators),
            s(points)
        ),
    };
    if points == 0 {
        out.push_str(lang.pick(
            "\nRien à vérifier : le document écrit tout ce que le plan contient.\n",
            "\nNothing to check: the document writes everything the plan holds.\n",
        ));
        return out;
    }
    let colon = lang.pick(" :", ":");
    for severity in ORDER {
        let items: Vec<_> = imported.findings_of(severity).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n## {} ({})\n\n",
            group_title(severity, lang),
            items.len()
        ));
        for f in items {
            let place = plan_place(&f.loc(), f.place.line, None, lang);
            out.push_str(&format!("- [ ] {place}{colon} {}\n", f.render(lang)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::import::import_text;

    const SEED: &str = include_str!("../../tests/data/ctg-sundgau-plan-action-2025-2029.txt");

    #[test]
    fn every_finding_is_one_item_grouped_by_severity() {
        let imported = import_text(SEED);
        for lang in [Lang::Fr, Lang::En] {
            let list = checklist(&imported, lang);
            let items = list.lines().filter(|l| l.starts_with("- [ ] ")).count();
            assert_eq!(items, imported.findings.len(), "{lang:?}");
            // Groups come in the fixed order, each with its count.
            let mut at = 0;
            for severity in ORDER {
                let n = imported.findings_of(severity).count();
                let head = format!("## {} ({n})", group_title(severity, lang));
                match list.find(&head) {
                    Some(i) => {
                        assert!(n > 0 && i >= at, "{head}");
                        at = i;
                    }
                    None => assert_eq!(n, 0, "{head}"),
                }
            }
        }
        let fr = checklist(&imported, Lang::Fr);
        assert!(fr.starts_with("# Relecture de l'import : "), "{fr}");
        assert!(fr.contains(" 25 indicateurs, "), "{fr}");
        let en = checklist(&imported, Lang::En);
        assert!(en.starts_with("# Import review: "), "{en}");
    }

    #[test]
    fn nothing_to_check_is_said() {
        let mut imported = import_text("FICHE D'ACTION N°1\n\nAGIR\n");
        imported.findings.clear();
        assert_eq!(
            checklist(&imported, Lang::Fr),
            "# Relecture de l'import : 1 fiche, 0 indicateur, 0 point à vérifier\n\nRien à vérifier : le document écrit tout ce que le plan contient.\n"
        );
    }
}
