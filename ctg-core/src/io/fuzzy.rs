//! Text folding (case and accents), edit distance and did-you-mean suggestions.

use super::Suggestion;

/// Lowercase and strip the accents of Latin letters (`Bénéficiaire` → `beneficiaire`,
/// `Œuvre` → `oeuvre`).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c => out.push(c),
        }
    }
    out
}

/// Fold, then join the runs of letters and digits with `sep` (`« Non-atteint. »` → `non
/// atteint` with a space, `ID Indicateur` → `id_indicateur` with `_`).
pub(crate) fn words(s: &str, sep: char) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut pending = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push(sep);
            }
            pending = false;
            out.push(c);
        } else {
            pending = true;
        }
    }
    out
}

/// Whether a text says the data is fictional (`Données fictives`, `fictional data`).
pub(crate) fn mentions_fictional(s: &str) -> bool {
    words(s, ' ').split(' ').any(|w| {
        matches!(
            w,
            "fictif" | "fictifs" | "fictive" | "fictives" | "fictional" | "fictitious"
        )
    })
}

/// The Levenshtein distance between two strings, in characters.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute =
                prev.get(j).copied().unwrap_or(usize::MAX / 2) + usize::from(ca != *cb);
            let delete = prev.get(j + 1).copied().unwrap_or(usize::MAX / 2) + 1;
            let insert = cur.last().copied().unwrap_or(usize::MAX / 2) + 1;
            cur.push(substitute.min(delete).min(insert));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// The did-you-mean for an unknown id among `known` (in plan order): a case- and
/// accent-insensitive match first, else the closest ids by edit distance ≤ 2, else a few
/// valid ids.
pub(crate) fn did_you_mean(unknown: &str, known: &[&str]) -> Suggestion {
    let wanted = fold(unknown.trim());
    if let Some(exact) = known.iter().find(|k| fold(k) == wanted) {
        return Suggestion::Exact(exact.to_string());
    }
    let wanted_len = wanted.chars().count();
    let mut best: Vec<&str> = Vec::new();
    let mut best_distance = 3;
    for k in known {
        let folded = fold(k);
        if folded.chars().count().abs_diff(wanted_len) > 2 {
            continue;
        }
        let d = levenshtein(&wanted, &folded);
        if d < best_distance {
            best_distance = d;
            best.clear();
        }
        if d == best_distance && best.len() < 3 {
            best.push(k);
        }
    }
    if !best.is_empty() {
        return Suggestion::Close(best.into_iter().map(str::to_string).collect());
    }
    match known {
        [] => Suggestion::NoneKnown,
        _ => Suggestion::Known {
            shown: known.iter().take(5).map(|k| k.to_string()).collect(),
            total: known.len(),
        },
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Bénéficiaire"), "beneficiaire");
        assert_eq!(fold("DÉNOMINATEUR"), "denominateur");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(words("  ID Indicateur ", '_'), "id_indicateur");
        assert_eq!(words("Non-atteint.", ' '), "non atteint");
        assert_eq!(words("not_achieved", ' '), "not achieved");
    }

    #[test]
    fn fictional_words() {
        assert!(mentions_fictional("# Données FICTIVES"));
        assert!(mentions_fictional("fictional data"));
        assert!(mentions_fictional("Jeu fictif"));
        assert!(!mentions_fictional("Données réelles (fiction non)"));
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("f4.1", "f4.1"), 0);
        assert_eq!(levenshtein("f41", "f4.1"), 1);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("é", "e"), 1);
    }

    #[test]
    fn suggestions() {
        let ids = ["f1.1", "f4.1", "f12.3"];
        let en = |u: &str, k: &[&str]| did_you_mean(u, k).render(crate::Lang::En);
        let fr = |u: &str, k: &[&str]| did_you_mean(u, k).render(crate::Lang::Fr);
        assert_eq!(en("F4.1", &ids), "did you mean `f4.1`?");
        assert_eq!(fr("F4.1", &ids), "vouliez-vous dire `f4.1` ?");
        assert_eq!(en("f12.4", &ids), "did you mean `f12.3`?");
        assert_eq!(en("f9.1", &ids), "did you mean `f1.1` or `f4.1`?");
        assert_eq!(fr("f9.1", &ids), "vouliez-vous dire `f1.1` ou `f4.1` ?");
        assert_eq!(
            en("zzzzzz", &ids),
            "valid ids include `f1.1`, `f4.1`, `f12.3` (3 in all)"
        );
        assert_eq!(
            fr("zzzzzz", &ids),
            "identifiants valides : `f1.1`, `f4.1`, `f12.3` (3 au total)"
        );
        assert_eq!(en("x", &[]), "the plan has no indicators");
        assert_eq!(fr("x", &[]), "le plan n'a aucun indicateur");
    }
}
