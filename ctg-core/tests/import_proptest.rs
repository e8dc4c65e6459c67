//! The importer on arbitrary input: no panic, bounded time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use ctg_core::import::{import_document, import_text};
use proptest::prelude::*;

const SEED: &str = include_str!("data/ctg-sundgau-plan-action-2025-2029.txt");

/// Pieces of the template, to make arbitrary text look like a plan.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("FICHE D'ACTION N°".to_string()),
        Just("FA 1.2".to_string()),
        Just("AXE 2 : ".to_string()),
        Just("Thématique".to_string()),
        Just("Public cible".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("INDICATEUR D'ÉVALUATION\t".to_string()),
        Just("DESCRIPTION DE L'ACTION\t".to_string()),
        Just("ÉCHÉANCIER\t".to_string()),
        Just("<ul style=\"list-style-type: none\"> ".to_string()),
        Just("<ol>".to_string()),
        Just("<li>".to_string()),
        Just("</ul>".to_string()),
        Just("<p>1. ".to_string()),
        Just("</p>".to_string()),
        Just(" ▶ ".to_string()),
        Just(" ■ ".to_string()),
        Just(" (>200)".to_string()),
        Just(" : au moins 2 par mois".to_string()),
        Just("Réduction de 10%".to_string()),
        Just("2025-2029".to_string()),
        Just("(Ouverture : 2026)".to_string()),
        "\\PC{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_does_not_panic(s in "\\PC{0,400}") {
        let _ = import_text(&s);
    }

    #[test]
    fn template_like_text_does_not_panic(parts in proptest::collection::vec(fragment(), 0..80)) {
        let text = parts.concat();
        let imp = import_text(&text);
        // Every finding renders in both languages.
        for f in &imp.findings {
            let _ = f.problem(ctg_core::Lang::Fr).render();
            let _ = f.problem(ctg_core::Lang::En).render();
        }
        let _ = ctg_core::import::to_reviewable_toml(&imp, ctg_core::Lang::Fr);
    }

    #[test]
    fn arbitrary_bytes_do_not_panic(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = import_document(&b);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&b);
        let _ = import_document(&zip);
    }

    #[test]
    fn cut_seeds_do_not_panic(cut in 0usize..SEED.len(), len in 0usize..4000) {
        let start = (0..=cut).rev().find(|i| SEED.is_char_boundary(*i)).unwrap_or(0);
        let end = ((start + len).min(SEED.len())..=SEED.len()).find(|i| SEED.is_char_boundary(*i)).unwrap_or(SEED.len());
        let _ = import_text(&SEED[start..end]);
    }
}

fn timed(text: &str) -> Duration {
    let t = Instant::now();
    let _ = import_text(text);
    t.elapsed()
}

/// Large inputs finish in bounded time (the limits are generous for debug builds on a
/// busy machine; the work is linear in the input, capped per line).
#[test]
fn large_inputs_finish() {
    // 200 KB on one indicator line full of numbers and comparators.
    let line = format!(
        "INDICATEUR D'ÉVALUATION\t{}",
        "au moins 3 > 2 (+10%) ▶ ".repeat(8_000)
    );
    assert!(timed(&line) < Duration::from_secs(30));
    // 200 KB of the seed repeated: fiches numbered again and again.
    let many = SEED.repeat(1 + 200_000 / SEED.len());
    assert!(timed(&many) < Duration::from_secs(60));
    // Deep markup and long words.
    let deep = format!(
        "DESCRIPTION DE L'ACTION\t{}{}",
        "<ul><ol>".repeat(20_000),
        "A".repeat(50_000)
    );
    assert!(timed(&deep) < Duration::from_secs(30));
    // Sentences of words that may open a target.
    let words = format!(
        "INDICATEUR D'ÉVALUATION\t{}",
        "au plus 1 entre deux ".repeat(10_000)
    );
    assert!(timed(&words) < Duration::from_secs(30));
}
