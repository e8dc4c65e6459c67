//! The bundled Sundgau plan against the seed text: a transcription slip fails here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

const SEED: &str = include_str!("data/ctg-sundgau-plan-action-2025-2029.txt");

/// Strip the HTML-like tags and split on the bullets.
fn items(cell: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '▶' | '➤' | '■' => text.push('\u{1}'),
            _ => text.push(c),
        }
    }
    text.split('\u{1}')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Per fiche number, the tab-separated heading cells of the seed.
fn seed_cells() -> BTreeMap<u32, BTreeMap<String, String>> {
    let mut out: BTreeMap<u32, BTreeMap<String, String>> = BTreeMap::new();
    let mut current = 0;
    for line in SEED.lines() {
        if let Some(n) = line.trim().strip_prefix("FICHE D'ACTION N°") {
            current = n.trim().parse().unwrap();
            continue;
        }
        if let Some((head, cell)) = line.split_once('\t') {
            out.entry(current)
                .or_default()
                .insert(head.trim().to_string(), cell.trim().to_string());
        }
    }
    out
}

#[test]
fn every_fiche_matches_the_seed() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let cells = seed_cells();
    assert_eq!(cells.len(), 12);
    let seed_lines: Vec<&str> = SEED.lines().map(str::trim).collect();
    for fiche in &plan.fiches {
        let c = &cells[&fiche.number];
        let n = fiche.number;
        assert!(
            seed_lines.contains(&fiche.title.as_str()),
            "fiche {n} title {:?}",
            fiche.title
        );
        assert_eq!(fiche.findings, c["CONSTAT"], "fiche {n} constat");
        assert_eq!(
            fiche.objective, c["OBJECTIF DE L'ACTION"],
            "fiche {n} objectif"
        );
        assert_eq!(fiche.stakes, items(&c["ENJEUX"]), "fiche {n} enjeux");
        assert_eq!(
            fiche.schedule.text.as_deref(),
            Some(c["ÉCHÉANCIER"].as_str()),
            "fiche {n} échéancier"
        );
        assert_eq!(
            fiche.leads.join("/"),
            c["PORTEUR DE L'ACTION"],
            "fiche {n} porteur"
        );
        let impact = c
            .iter()
            .find(|(k, _)| k.starts_with("IMPACT"))
            .map(|(_, v)| v)
            .unwrap();
        assert_eq!(fiche.expected_results, items(impact), "fiche {n} impact");
        let partners: Vec<String> = fiche.partners.iter().map(|p| p.to_string()).collect();
        let seed_partners = c.get("PARTENAIRES").map(|p| items(p)).unwrap_or_default();
        assert_eq!(partners, seed_partners, "fiche {n} partenaires");
        let wordings: Vec<&str> = fiche
            .indicators
            .iter()
            .map(|i| i.wording.as_deref().unwrap_or(&i.label))
            .collect();
        assert_eq!(
            wordings,
            items(&c["INDICATEUR D'ÉVALUATION"]),
            "fiche {n} indicateurs"
        );
        // Every labelled item of the description, in order.
        let desc = &c["DESCRIPTION DE L'ACTION"];
        // The items are what follows each `■` (the text before the first one is a heading).
        let seed_items: Vec<String> = desc.split('■').skip(1).flat_map(items).collect();
        let ours: Vec<String> = fiche
            .sub_actions
            .iter()
            .flat_map(|a| a.items.iter())
            .map(|i| match &i.label {
                Some(l) => format!("{l} : {}", i.text),
                None => i.text.clone(),
            })
            .collect();
        assert_eq!(ours.len(), seed_items.len(), "fiche {n} item count");
        for (o, s) in ours.iter().zip(&seed_items) {
            assert!(s.starts_with(o.as_str()), "fiche {n}: {o:?} vs seed {s:?}");
        }
        for a in &fiche.sub_actions {
            assert!(
                desc.contains(&a.title),
                "fiche {n} sub-action {:?}",
                a.title
            );
        }
    }
}

#[test]
fn axes_and_intro_match_the_seed() {
    let plan = ctg_core::plans::sundgau().unwrap();
    let flat: String = SEED.split_whitespace().collect::<Vec<_>>().join(" ");
    for axis in &plan.axes {
        assert!(flat.contains(&axis.title), "axis {:?}", axis.title);
    }
    for section in &plan.intro {
        for para in section.text.split("\n\n") {
            assert!(SEED.contains(para), "intro {:?}", section.title);
        }
    }
    assert_eq!(plan.axes[0].title, "Se lier de relier pour mieux relayer");
    assert_eq!(
        plan.axes[1].title,
        "Renforcer les services aux familles sur le territoire"
    );
}
