//! A fiche's cells read into its fields: texts, lists, leads, partners, the schedule and
//! the sub-actions of the description.

use super::blocks::{fold, is_caps, markup, ListKind, Piece, PieceKind};
use super::findings::FindingKind;
use crate::model::{Cadence, Item, Partner, Schedule, ScheduledMilestone, SubAction};

/// A text cell: its pieces joined by line feeds.
pub(crate) fn text(cell: &str) -> String {
    markup(cell)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A list cell: one entry per list item or paragraph (and per `<br>` line), plain-text
/// dashes (`- `) removed.
pub(crate) fn list(cell: &str) -> Vec<String> {
    markup(cell)
        .into_iter()
        .flat_map(|p| p.text.split('\n').map(str::to_string).collect::<Vec<_>>())
        .map(|s| {
            s.trim()
                .trim_start_matches(['-', '–', '*'])
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Lead bodies: `CCS/COMMUNES` → `CCS`, `COMMUNES`.
pub(crate) fn leads(cell: &str) -> Vec<String> {
    list(cell)
        .iter()
        .flat_map(|l| {
            l.split(['/', ',', ';'])
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Themes and publics: `Habitants / Familles`, `Associations, Institutions, …`.
pub(crate) fn names(text: &str) -> Vec<String> {
    text.split(['/', ',', ';', '\n'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Partners: `Institutions : CAF, CeA, MSA` is a group.
pub(crate) fn partners(cell: &str) -> Vec<Partner> {
    list(cell)
        .into_iter()
        .map(
            |p| match p.split_once(" : ").or_else(|| p.split_once(": ")) {
                Some((name, members)) if members.contains(',') && !name.contains('(') => Partner {
                    name: name.trim().to_string(),
                    members: members
                        .split(',')
                        .map(|m| m.trim().to_string())
                        .filter(|m| !m.is_empty())
                        .collect(),
                },
                _ => Partner {
                    name: p,
                    members: Vec::new(),
                },
            },
        )
        .collect()
}

/// Years 1900–2200 written as four digits in a text.
fn years(s: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - start == 4
                && let Some(y) = s.get(start..i).and_then(|y| y.parse::<i32>().ok())
                && (1900..=2200).contains(&y)
            {
                out.push(y);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Years in a text, for the plan's period.
pub(crate) fn years_in(s: &str) -> Vec<i32> {
    years(s)
}

fn cadence(s: &str) -> Option<Cadence> {
    let f = fold(s);
    if f.contains("ANNUEL") || f.contains("CHAQUE ANNEE") || f.contains("TOUS LES ANS") {
        Some(Cadence::Annual)
    } else if f.contains("TRIMESTRIEL") {
        Some(Cadence::Quarterly)
    } else if f.contains("MENSUEL") || f.contains("TOUS LES MOIS") {
        Some(Cadence::Monthly)
    } else {
        None
    }
}

/// The schedule: `2025-2029`, `2025-2029 (Ouverture du SIJ : 2025)`, `2025-2029
/// (Échéancier annuel)`; without a year, the plan's period (and a finding).
pub(crate) fn schedule(
    cell: &str,
    period: (i32, i32),
    findings: &mut Vec<FindingKind>,
) -> Schedule {
    let text = list(cell).join(" ");
    let mut main = String::new();
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut group = String::new();
    for c in text.chars() {
        match c {
            '(' => {
                if depth > 0 {
                    group.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push(std::mem::take(&mut group));
                } else {
                    group.push(c);
                }
            }
            _ if depth > 0 => group.push(c),
            _ => main.push(c),
        }
    }
    if !group.is_empty() {
        main.push_str(&group);
    }
    let ys = years(&main);
    let (start, end) = match (ys.iter().min(), ys.iter().max()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => {
            findings.push(FindingKind::ScheduleWithoutYears { text: text.clone() });
            period
        }
    };
    let mut s = Schedule {
        start,
        end,
        text: Some(text.clone()).filter(|t| !t.is_empty()),
        cadence: cadence(&main),
        milestones: Vec::new(),
        notes: Vec::new(),
    };
    for g in groups {
        let g = g.trim();
        let gy = years(g);
        if let (Some((label, when)), [y]) = (g.rsplit_once(':'), gy.as_slice())
            && years(when).len() == 1
            && !label.trim().is_empty()
        {
            s.milestones.push(ScheduledMilestone {
                label: label.trim().to_string(),
                year: *y,
            });
            continue;
        }
        if let Some(c) = cadence(g)
            && s.cadence.is_none()
            && gy.is_empty()
        {
            s.cadence = Some(c);
            continue;
        }
        if !g.is_empty() {
            s.notes.push(g.to_string());
        }
    }
    s
}

/// A title's number: `1. TITRE` → (1, `TITRE`).
fn numbered(title: &str) -> (Option<u32>, String) {
    let t = title.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if (1..=3).contains(&digits.len()) {
        let rest = t.get(digits.len()..).unwrap_or("");
        if let Some(rest) = rest.strip_prefix(['.', ')', '-'])
            && rest.starts_with(' ')
            && let Ok(n) = digits.parse()
        {
            return (Some(n), rest.trim().to_string());
        }
    }
    (None, t.to_string())
}

/// An item: `Label : text`.
fn item(text: &str) -> Item {
    let text = text.trim();
    let split = text
        .split_once(" : ")
        .or_else(|| text.split_once("\u{a0}: "))
        .or_else(|| text.split_once(" :\u{a0}"))
        .or_else(|| {
            text.split_once(": ")
                .filter(|(l, _)| l.chars().count() <= 100 && !l.contains('.'))
        });
    match split {
        Some((label, rest)) if !label.trim().is_empty() && !rest.trim().is_empty() => Item {
            label: Some(label.trim().to_string()),
            text: rest.trim().to_string(),
        },
        _ => Item {
            label: None,
            text: text.to_string(),
        },
    }
}

/// The all-caps words ending an item that a list follows: the next sub-action's title,
/// when a flattened list glued it to the item (`… autonomie. CRÉATION D'UN SIJ`).
fn trailing_title(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split(' ').collect();
    let caps = words
        .iter()
        .rev()
        .take_while(|w| !w.chars().any(char::is_lowercase))
        .count();
    let lettered = words
        .iter()
        .rev()
        .take(caps)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    let numbered_first = words
        .get(words.len() - caps)
        .is_some_and(|w| numbered(&format!("{w} x")).0.is_some());
    if caps == 0 || lettered < 2 && !(numbered_first && lettered >= 1) {
        return None;
    }
    let head = words.get(..words.len() - caps)?.join(" ");
    let title = words.get(words.len() - caps..)?.join(" ");
    Some((head.trim().to_string(), title))
}

fn start(subs: &mut Vec<SubAction>, title: &str) {
    let (number, title) = numbered(title);
    subs.push(SubAction {
        number,
        title,
        items: Vec::new(),
    });
}

/// The sub-actions of a description cell.
pub(crate) fn sub_actions(cell: &str, findings: &mut Vec<FindingKind>) -> Vec<SubAction> {
    let pieces: Vec<Piece> = markup(cell);
    let mut subs: Vec<SubAction> = Vec::new();
    let mut untitled = false;
    for p in &pieces {
        let heading = match p.kind {
            PieceKind::Paragraph => {
                p.before_list || is_caps(&p.text) || numbered(&p.text).0.is_some()
            }
            PieceKind::Item => {
                p.marker.is_none() && p.list == Some(ListKind::Numbered)
                    || p.before_list && is_caps(&p.text)
            }
        };
        if heading {
            start(&mut subs, &p.text);
            continue;
        }
        let (text, next) = match (p.kind, p.before_list) {
            (PieceKind::Item, true) => match trailing_title(&p.text) {
                Some((head, title)) if !head.is_empty() => (head, Some(title)),
                _ => (p.text.clone(), None),
            },
            _ => (p.text.clone(), None),
        };
        if subs.is_empty() {
            untitled = true;
            subs.push(SubAction {
                number: None,
                title: String::new(),
                items: Vec::new(),
            });
        }
        if let Some(last) = subs.last_mut() {
            last.items.push(item(&text));
        }
        if let Some(title) = next {
            findings.push(FindingKind::SubActionTitleJoined {
                title: title.clone(),
            });
            start(&mut subs, &title);
        }
    }
    if untitled {
        findings.push(FindingKind::UntitledSubAction);
    }
    subs
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn lists_and_texts() {
        assert_eq!(list(r#"<ul style="x"> ▶ A ▶ B"#), ["A", "B"]);
        assert_eq!(list("Maintenir la dynamique"), ["Maintenir la dynamique"]);
        assert_eq!(list("- un<br>- deux"), ["un", "deux"]);
        assert_eq!(text("<p>a</p> <p>b</p>"), "a\nb");
        assert_eq!(leads("CCS/COMMUNES"), ["CCS", "COMMUNES"]);
        assert_eq!(names("Habitants / Familles"), ["Habitants", "Familles"]);
        assert_eq!(
            names("Ados 10-18 ans et leur famille"),
            ["Ados 10-18 ans et leur famille"]
        );
    }

    #[test]
    fn partner_groups() {
        let p =
            partners("<ul> ▶ Institutions : CAF, CeA, MSA ▶ CRIJ (Centre Régional : X, Y) ▶ CLS");
        assert_eq!(p[0].members, ["CAF", "CeA", "MSA"]);
        assert!(p[1].members.is_empty());
        assert_eq!(p[2].name, "CLS");
    }

    #[test]
    fn schedules() {
        let mut f = Vec::new();
        let s = schedule("2025-2029 (Ouverture du SIJ : 2025)", (2025, 2029), &mut f);
        assert_eq!((s.start, s.end), (2025, 2029));
        assert_eq!(
            s.milestones,
            [ScheduledMilestone {
                label: "Ouverture du SIJ".into(),
                year: 2025
            }]
        );
        let s = schedule("2025-2029 (Échéancier annuel)", (2025, 2029), &mut f);
        assert_eq!((s.cadence, s.notes.len()), (Some(Cadence::Annual), 0));
        let s = schedule("De 2026 à 2028 (selon financements)", (2025, 2029), &mut f);
        assert_eq!(
            (s.start, s.end, s.notes.clone()),
            (2026, 2028, vec!["selon financements".to_string()])
        );
        assert!(f.is_empty());
        let s = schedule("En continu", (2024, 2027), &mut f);
        assert_eq!((s.start, s.end), (2024, 2027));
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn numbered_sub_actions_in_paragraphs() {
        let mut f = Vec::new();
        let s = sub_actions(
            r#"<p>1. UN</p> <ul style="x"> ■ A : a. Suite ■ B : b <p>2. DEUX</p> <ul> ■ sans libellé"#,
            &mut f,
        );
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].number, s[0].title.as_str()), (Some(1), "UN"));
        assert_eq!(
            s[0].items[0],
            Item {
                label: Some("A".into()),
                text: "a. Suite".into()
            }
        );
        assert_eq!(s[1].items[0].label, None);
        assert!(f.is_empty());
    }

    #[test]
    fn titles_glued_to_the_previous_item() {
        let mut f = Vec::new();
        let s = sub_actions("<ol> POURSUITE <ul> ■ A : a. ■ B : b autonomie. CRÉATION D'UN SIJ (SERVICE) <ul> ■ C : c jeunes CRÉER UN RÉSEAU <ul> ■ D : d", &mut f);
        let titles: Vec<_> = s
            .iter()
            .map(|s| (s.number, s.title.as_str(), s.items.len()))
            .collect();
        assert_eq!(
            titles,
            [
                (None, "POURSUITE", 2),
                (None, "CRÉATION D'UN SIJ (SERVICE)", 1),
                (None, "CRÉER UN RÉSEAU", 1)
            ]
        );
        assert_eq!(s[0].items[1].text, "b autonomie.");
        assert_eq!(s[1].items[0].text, "c jeunes");
        assert_eq!(f.len(), 2);
        let s = sub_actions("<ol> 1. UN <ul> ■ A : a). 2. DEUX «X» <ul> ■ B : b", &mut f);
        assert_eq!((s[1].number, s[1].title.as_str()), (Some(2), "DEUX «X»"));
    }

    #[test]
    fn well_formed_nested_lists() {
        let mut f = Vec::new();
        let s = sub_actions(
            "<ol><li>Premier</li><ul><li>A : a</li></ul><li>Second<ul><li>b</li></ul></li></ol>",
            &mut f,
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].items[0].text, "b");
        let s = sub_actions("Organiser des ateliers : chaque mois", &mut f);
        assert_eq!((s.len(), s[0].title.as_str()), (1, ""));
        assert!(f.contains(&FindingKind::UntitledSubAction));
    }
}
