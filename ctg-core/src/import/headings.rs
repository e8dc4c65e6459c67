//! The template's headings and their synonyms, levels (`AXE n`, `ORIENTATION n : …`,
//! `ENJEU n`) and fiche codes (`FICHE D'ACTION N°3`, `N° 1.2`, `FA 2.3`).
//!
//! Matching is accent-, case- and spacing-insensitive ([`super::blocks::fold`]).

use super::blocks::fold;

/// A fiche field that a table row's heading names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Field {
    /// `CONSTAT`.
    Findings,
    /// `ENJEUX`.
    Stakes,
    /// `OBJECTIF DE L'ACTION`, `OBJECTIFS OPÉRATIONNELS`.
    Objective,
    /// `DESCRIPTION DE L'ACTION`.
    Description,
    /// `PORTEUR DE L'ACTION`, `PILOTE`.
    Leads,
    /// `ÉCHÉANCIER`, `CALENDRIER`.
    Schedule,
    /// `IMPACT POTENTIEL DE L'ACTION / RÉSULTAT ATTENDU`, `RÉSULTATS ATTENDUS`.
    ExpectedResults,
    /// `PARTENAIRES`.
    Partners,
    /// `INDICATEUR D'ÉVALUATION`, `INDICATEURS QUANTITATIFS`…
    Indicators,
    /// `Thématique`.
    Themes,
    /// `Public cible`.
    Publics,
    /// `POINTS DE VIGILANCE`, `MOYENS`, `BUDGET`: the template has them, the model does not.
    NotInModel,
}

impl Field {
    /// The template's heading for this field, as findings name it.
    pub(crate) fn template(self) -> &'static str {
        match self {
            Field::Findings => "CONSTAT",
            Field::Stakes => "ENJEUX",
            Field::Objective => "OBJECTIF DE L'ACTION",
            Field::Description => "DESCRIPTION DE L'ACTION",
            Field::Leads => "PORTEUR DE L'ACTION",
            Field::Schedule => "ÉCHÉANCIER",
            Field::ExpectedResults => "RÉSULTAT ATTENDU",
            Field::Partners => "PARTENAIRES",
            Field::Indicators => "INDICATEUR D'ÉVALUATION",
            Field::Themes => "Thématique",
            Field::Publics => "Public cible",
            Field::NotInModel => "",
        }
    }

    /// The headings every fiche of the template has.
    pub(crate) const EXPECTED: [Field; 9] = [
        Field::Findings,
        Field::Stakes,
        Field::Objective,
        Field::Description,
        Field::Leads,
        Field::Schedule,
        Field::ExpectedResults,
        Field::Partners,
        Field::Indicators,
    ];
}

/// The field a row heading names, if any.
///
/// ```ignore
/// assert_eq!(field("Échéancier"), Some(Field::Schedule));
/// ```
pub(crate) fn field(heading: &str) -> Option<Field> {
    let h = fold(heading);
    let h = h.trim_end_matches([':', ' ', '.']);
    let starts = |p: &str| h.starts_with(p);
    let has = |p: &str| h.contains(p);
    Some(
        if starts("INDICATEUR") || has("INDICATEURS") || starts("CRITERE") {
            Field::Indicators
        } else if starts("IMPACT") || has("RESULTAT") || starts("EFFETS ATTENDUS") {
            Field::ExpectedResults
        } else if starts("PORTEUR") || starts("PILOTE") || starts("RESPONSABLE") {
            Field::Leads
        } else if starts("ECHEANCIER")
            || starts("CALENDRIER")
            || starts("ECHEANCE")
            || starts("DUREE")
        {
            Field::Schedule
        } else if starts("PARTENAIRE") {
            Field::Partners
        } else if starts("DESCRIPTION")
            || starts("ACTIONS")
            || starts("CONTENU")
            || starts("MODALITES")
        {
            Field::Description
        } else if starts("OBJECTIF") {
            Field::Objective
        } else if starts("ENJEU") {
            Field::Stakes
        } else if starts("CONSTAT") || starts("DIAGNOSTIC") || starts("CONTEXTE") {
            Field::Findings
        } else if starts("THEMATIQUE") || starts("THEME") {
            Field::Themes
        } else if starts("PUBLIC") {
            Field::Publics
        } else if has("VIGILANCE")
            || starts("MOYENS")
            || starts("BUDGET")
            || starts("FINANCEMENT")
            || starts("RESSOURCES")
        {
            Field::NotInModel
        } else {
            return None;
        },
    )
}

/// A paragraph starting a `Thématique` or `Public cible` block, and the rest of it (the
/// value written on the same line after a colon, or on the next lines).
pub(crate) fn theme_label(first_line: &str) -> Option<(Field, String)> {
    let f = fold(first_line);
    for (prefix, field) in [
        ("THEMATIQUES", Field::Themes),
        ("THEMATIQUE", Field::Themes),
        ("PUBLICS CIBLES", Field::Publics),
        ("PUBLIC CIBLE", Field::Publics),
        ("PUBLIC(S) CIBLE(S)", Field::Publics),
    ] {
        if let Some(rest) = f.strip_prefix(prefix) {
            if !(rest.is_empty() || rest.starts_with([' ', ':'])) {
                continue;
            }
            // The value as written (not folded): the same number of characters in.
            let skip = first_line
                .char_indices()
                .filter(|(_, c)| !c.is_whitespace())
                .nth(prefix.chars().filter(|c| !c.is_whitespace()).count() - 1)
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(first_line.len());
            let value = first_line
                .get(skip..)
                .unwrap_or("")
                .trim_start_matches([' ', ':', '\u{a0}'])
                .trim()
                .to_string();
            return Some((field, value));
        }
    }
    None
}

/// A fiche header: the code as written (`3`, `1.2`) and the title written after it, if any.
pub(crate) fn fiche_header(line: &str) -> Option<(String, Option<String>)> {
    let f = fold(line);
    let rest = if let Some(r) = f.strip_prefix("FICHE") {
        let r = r.trim_start();
        let r = r
            .strip_prefix("D'ACTION")
            .or_else(|| r.strip_prefix("ACTION"))
            .or_else(|| r.strip_prefix("D' ACTION"))
            .unwrap_or(r);
        r.trim_start()
    } else if let Some(r) = f.strip_prefix("FA") {
        if !r.starts_with([
            ' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', 'N',
        ]) {
            return None;
        }
        r.trim_start_matches([' ', '-'])
    } else {
        return None;
    };
    let rest = rest
        .strip_prefix("N°")
        .or_else(|| rest.strip_prefix("N °"))
        .or_else(|| rest.strip_prefix("NO."))
        .or_else(|| rest.strip_prefix("NO "))
        .or_else(|| rest.strip_prefix("N."))
        .or_else(|| rest.strip_prefix('#'))
        .unwrap_or(rest)
        .trim_start();
    let code: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let code = code.trim_end_matches('.').to_string();
    if code.is_empty() || !code.starts_with(|c: char| c.is_ascii_digit()) || code.len() > 12 {
        return None;
    }
    let after = rest.get(code.len()..).unwrap_or("");
    let after = after.trim_start_matches(['.', ' ']);
    if !(after.is_empty() || after.starts_with([':', '-', '–', '—'])) {
        return None;
    }
    // The title as written: the part of the original line after the separator.
    let title = line
        .find([':', '–', '—'])
        .or_else(|| line.find(" - "))
        .and_then(|i| line.get(i..))
        .map(|t| {
            t.trim_start_matches([':', '–', '—', '-', ' '])
                .trim()
                .to_string()
        })
        .filter(|t| !t.is_empty());
    Some((code, title))
}

/// An explicit level banner: `AXE 2 : Titre`, `ORIENTATION 1 – …`, `ENJEU 3. …`: its
/// number and title (possibly empty).
pub(crate) fn level_banner(text: &str) -> Option<(u32, String)> {
    let f = fold(text);
    let word = [
        "AXE STRATEGIQUE",
        "AXE",
        "ORIENTATION STRATEGIQUE",
        "ORIENTATION",
        "ENJEU",
    ]
    .into_iter()
    .find(|w| f.starts_with(&format!("{w} ")) || f.starts_with(&format!("{w}N")))?;
    let rest = f.get(word.len()..)?.trim_start();
    let rest = rest.strip_prefix("N°").unwrap_or(rest).trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number: u32 = digits.parse().ok()?;
    let after = rest.get(digits.len()..)?;
    if !(after.is_empty() || after.starts_with([' ', ':', '.', '-', '–', '—'])) {
        return None;
    }
    // The title in the original text: after the number.
    let pos = text.find(digits.as_str()).map(|i| i + digits.len())?;
    let title = text
        .get(pos..)
        .unwrap_or("")
        .trim_start_matches([' ', ':', '.', '-', '–', '—', '\u{a0}'])
        .trim()
        .to_string();
    Some((number, title))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn heading_synonyms() {
        for (h, f) in [
            ("CONSTAT", Field::Findings),
            ("ENJEUX", Field::Stakes),
            ("Enjeu :", Field::Stakes),
            ("OBJECTIF DE L'ACTION", Field::Objective),
            ("OBJECTIFS OPÉRATIONNELS", Field::Objective),
            ("Objectifs  operationnels", Field::Objective),
            ("DESCRIPTION DE L’ACTION", Field::Description),
            ("PILOTE", Field::Leads),
            ("PORTEUR DE L'ACTION", Field::Leads),
            ("CALENDRIER", Field::Schedule),
            ("échéancier", Field::Schedule),
            (
                "IMPACT POTENTIEL DE L'ACTION / RÉSULTAT ATTENDU",
                Field::ExpectedResults,
            ),
            ("RÉSULTATS ATTENDUS", Field::ExpectedResults),
            ("INDICATEURS QUANTITATIFS", Field::Indicators),
            ("INDICATEURS QUALITATIFS", Field::Indicators),
            ("Indicateurs de suivi", Field::Indicators),
            ("INDICATEUR D'ÉVALUATION", Field::Indicators),
            ("PARTENAIRES", Field::Partners),
            ("POINTS DE VIGILANCE", Field::NotInModel),
        ] {
            assert_eq!(field(h), Some(f), "{h}");
        }
        assert_eq!(field("DIVERS"), None);
    }

    #[test]
    fn fiche_codes() {
        assert_eq!(fiche_header("FICHE D'ACTION N°3"), Some(("3".into(), None)));
        assert_eq!(
            fiche_header("Fiche action n° 1.2 : Petite enfance"),
            Some(("1.2".into(), Some("Petite enfance".into())))
        );
        assert_eq!(
            fiche_header("FA 2.3 – Jeunesse"),
            Some(("2.3".into(), Some("Jeunesse".into())))
        );
        assert_eq!(
            fiche_header("FICHE D’ACTION N° 12"),
            Some(("12".into(), None))
        );
        assert_eq!(fiche_header("FICHE D'ACTION N°1 bis"), None);
        assert_eq!(fiche_header("FAMILLES"), None);
        assert_eq!(fiche_header("Fiches d'action détaillant"), None);
    }

    #[test]
    fn levels() {
        assert_eq!(
            level_banner("AXE 2 : Renforcer les services"),
            Some((2, "Renforcer les services".into()))
        );
        assert_eq!(
            level_banner("ORIENTATION 1 – Accès aux droits"),
            Some((1, "Accès aux droits".into()))
        );
        assert_eq!(
            level_banner("Enjeu 3. Jeunesse"),
            Some((3, "Jeunesse".into()))
        );
        assert_eq!(level_banner("Axe stratégique 4"), Some((4, String::new())));
        assert_eq!(level_banner("Axer les efforts"), None);
        assert_eq!(level_banner("Se lier de relier"), None);
    }

    #[test]
    fn theme_labels() {
        assert_eq!(
            theme_label("Thématique"),
            Some((Field::Themes, String::new()))
        );
        assert_eq!(
            theme_label("Thématique : Parentalité"),
            Some((Field::Themes, "Parentalité".into()))
        );
        assert_eq!(
            theme_label("Public cible"),
            Some((Field::Publics, String::new()))
        );
        assert_eq!(
            theme_label("Publics cibles : Jeunes"),
            Some((Field::Publics, "Jeunes".into()))
        );
        assert_eq!(theme_label("Public cibles"), None);
    }
}
