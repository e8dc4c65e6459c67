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

/// The Levenshtein distance between two strings, in characters (the reference
/// [`levenshtein_within`] is tested against).
#[cfg(test)]
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

/// The Levenshtein distance between two strings of characters if it is at most `max`, else
/// `None`: only the band of `max` cells around the diagonal is computed, and the
/// computation stops as soon as a whole row is over `max` (so two ids of 5,000 characters
/// cost 5,000 × (2 × `max` + 1) steps at most, not 25 million).
pub(crate) fn levenshtein_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    const INF: usize = usize::MAX / 4;
    let m = b.len();
    if a.len().abs_diff(m) > max {
        return None;
    }
    let get = |v: &[usize], j: usize| v.get(j).copied().unwrap_or(INF);
    let set = |v: &mut [usize], j: usize, x: usize| {
        if let Some(c) = v.get_mut(j) {
            *c = x;
        }
    };
    let mut prev: Vec<usize> = (0..=m).map(|j| if j <= max { j } else { INF }).collect();
    let mut cur = vec![INF; m + 1];
    for (i, ca) in a.iter().enumerate() {
        let i = i + 1;
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(m);
        set(&mut cur, 0, if i <= max { i } else { INF });
        if lo > 1 {
            set(&mut cur, lo - 1, INF);
        }
        let mut row_min = get(&cur, 0);
        for j in lo..=hi {
            let same = b.get(j - 1).is_some_and(|cb| cb == ca);
            let d = (get(&prev, j - 1) + usize::from(!same))
                .min(get(&prev, j) + 1)
                .min(get(&cur, j - 1) + 1);
            set(&mut cur, j, d);
            row_min = row_min.min(d);
        }
        set(&mut cur, hi + 1, INF);
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(get(&prev, m)).filter(|d| *d <= max)
}

/// The most id comparisons all the did-you-means of one input may make together: past it,
/// an unknown value gets only the case- and accent-insensitive match and the list of valid
/// ids (a 10,000-indicator plan and 100,000 distinct unknown ids stay well under a second).
const SEARCH_BUDGET: u64 = 2_000_000;

/// The most distinct unknown values whose suggestion is kept.
const CACHED: usize = 10_000;

/// An unknown value longer than this (in characters) is not compared with the known ids.
const MAX_COMPARED_CHARS: usize = 256;

/// The known ids, folded once (when the first unknown value comes).
struct Prepared {
    /// Each folded id's first position among the known ids.
    exact: rustc_hash::FxHashMap<String, usize>,
    /// Each known id, folded, as characters.
    folded: Vec<Vec<char>>,
}

/// Did-you-means for one input: the known ids folded once, each distinct unknown value's
/// suggestion computed once (and cached), the work of all of them bounded
/// ([`SEARCH_BUDGET`]). Shared by the threads that validate an input.
pub(crate) struct Suggester<'a> {
    known: Vec<&'a str>,
    prepared: std::sync::OnceLock<Prepared>,
    cache: std::sync::Mutex<rustc_hash::FxHashMap<String, Suggestion>>,
    budget: std::sync::atomic::AtomicU64,
}

impl<'a> Suggester<'a> {
    /// Suggestions among `known` (in plan order).
    pub(crate) fn new(known: Vec<&'a str>) -> Self {
        Suggester {
            known,
            prepared: std::sync::OnceLock::new(),
            cache: std::sync::Mutex::new(rustc_hash::FxHashMap::default()),
            budget: std::sync::atomic::AtomicU64::new(SEARCH_BUDGET),
        }
    }

    /// The known ids.
    pub(crate) fn known(&self) -> &[&'a str] {
        &self.known
    }

    fn prepared(&self) -> &Prepared {
        self.prepared.get_or_init(|| {
            let mut exact = rustc_hash::FxHashMap::default();
            let folded = self
                .known
                .iter()
                .enumerate()
                .map(|(at, k)| {
                    let f = fold(k);
                    let chars = f.chars().collect();
                    exact.entry(f).or_insert(at);
                    chars
                })
                .collect();
            Prepared { exact, folded }
        })
    }

    /// The did-you-mean for an unknown value (a case- and accent-insensitive match first,
    /// else the closest ids by edit distance ≤ 2, else a few valid ids), computed once
    /// per distinct value; past the search budget, only the exact (folded) match or the
    /// list of valid ids.
    pub(crate) fn suggest(&self, unknown: &str) -> Suggestion {
        if let Ok(cache) = self.cache.lock()
            && let Some(s) = cache.get(unknown)
        {
            return s.clone();
        }
        let s = self.compute(unknown);
        if let Ok(mut cache) = self.cache.lock()
            && cache.len() < CACHED
        {
            cache.insert(unknown.to_string(), s.clone());
        }
        s
    }

    fn compute(&self, unknown: &str) -> Suggestion {
        use std::sync::atomic::Ordering;
        let prepared = self.prepared();
        let wanted = fold(unknown.trim());
        if let Some(k) = prepared
            .exact
            .get(&wanted)
            .and_then(|&at| self.known.get(at))
        {
            return Suggestion::Exact(k.to_string());
        }
        let wanted: Vec<char> = wanted.chars().collect();
        let cost = u64::try_from(self.known.len()).unwrap_or(u64::MAX);
        let affordable = wanted.len() <= MAX_COMPARED_CHARS
            && self
                .budget
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                    left.checked_sub(cost)
                })
                .is_ok();
        if affordable {
            let mut best: Vec<&str> = Vec::new();
            let mut best_distance = 3;
            for (k, folded) in self.known.iter().zip(&prepared.folded) {
                let Some(d) = levenshtein_within(&wanted, folded, best_distance.min(2)) else {
                    continue;
                };
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
        }
        match self.known.as_slice() {
            [] => Suggestion::NoneKnown,
            known => Suggestion::Known {
                shown: known.iter().take(5).map(|k| k.to_string()).collect(),
                total: known.len(),
            },
        }
    }
}

/// The did-you-mean for an unknown id among `known` (in plan order): a case- and
/// accent-insensitive match first, else the closest ids by edit distance ≤ 2, else a few
/// valid ids. (An input's rows go through one [`Suggester`], which caches and bounds this.)
#[cfg(test)]
pub(crate) fn did_you_mean(unknown: &str, known: &[&str]) -> Suggestion {
    Suggester::new(known.to_vec()).suggest(unknown)
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
    fn bounded_edit_distance_is_levenshtein_within_its_band() {
        let words = [
            "", "a", "f4.1", "f41", "f4.12", "kitten", "sitting", "é", "e", "abcdef", "azcedf",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = levenshtein(a, b);
                for max in 0..4 {
                    let want = (full <= max).then_some(full);
                    assert_eq!(levenshtein_within(&ca, &cb, max), want, "{a:?} {b:?} {max}");
                }
            }
        }
    }

    #[test]
    fn blowup_long_ids_compare_in_the_band() {
        let a: Vec<char> = "x".repeat(5_000).chars().collect();
        let mut b = a.clone();
        b[2_500] = 'y';
        assert_eq!(levenshtein_within(&a, &b, 2), Some(1));
        let c: Vec<char> = "y".repeat(5_000).chars().collect();
        assert_eq!(levenshtein_within(&a, &c, 2), None);
    }

    #[test]
    fn blowup_suggestions_are_cached_and_bounded() {
        let ids: Vec<String> = (0..10_000).map(|i| format!("f{i}.1")).collect();
        let known: Vec<&str> = ids.iter().map(String::as_str).collect();
        let s = Suggester::new(known);
        assert_eq!(s.suggest("f12.2"), Suggestion::Close(vec!["f12.1".into()]));
        // Each distinct value is searched once: the budget allows 200 searches here.
        for i in 0..300 {
            let _ = s.suggest(&format!("zz{i}"));
        }
        // The budget spent, a close id gets only the list of valid ids…
        assert!(matches!(
            s.suggest("f13.2"),
            Suggestion::Known { total: 10_000, .. }
        ));
        // …a value seen before keeps its suggestion, and an exact (folded) match is found.
        assert!(matches!(s.suggest("f12.2"), Suggestion::Close(_)));
        assert_eq!(s.suggest("F12.1"), Suggestion::Exact("f12.1".into()));
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
