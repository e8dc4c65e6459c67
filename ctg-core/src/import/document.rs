//! The document's blocks read into a plan: the cover and introduction, the axis banners,
//! each fiche (code, title, `Thématique` / `Public cible`, table rows) and the conclusion.

use std::collections::BTreeMap;

use super::blocks::{collapse, fold, is_caps, Block};
use super::fields;
use super::findings::{Finding, FindingKind, Place};
use super::headings::{self, Field};
use super::indicators::{self, Context};
use crate::model::{Axis, Fiche, Plan, PlanPeriod, Schedule, TextSection};

/// A fiche's blocks: its header, what precedes it since the previous fiche's rows, and
/// its own blocks up to the next fiche.
struct Group<'a> {
    header: &'a Block,
    before: &'a [Block],
    own: &'a [Block],
}

fn header_of(b: &Block) -> Option<(String, Option<String>)> {
    match b {
        Block::Para { lines, .. } => lines.first().and_then(|l| headings::fiche_header(l)),
        Block::Row { .. } => None,
    }
}

fn place(fiche: Option<u32>, line: usize) -> Place {
    Place {
        fiche,
        line: Some(line),
        ..Place::default()
    }
}

/// A banner-like paragraph: short, not a sentence.
fn banner_like(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 200
        && !t.ends_with(['.', '!', '?', ':', ';'])
        && t.chars().any(char::is_alphabetic)
}

/// Intro sections from paragraphs: an all-caps paragraph followed by prose is a section
/// title; all-caps paragraphs without prose are the cover.
fn sections(
    paras: &[&Block],
    out: &mut Vec<TextSection>,
    cover: &mut Vec<String>,
    findings: &mut Vec<Finding>,
) {
    let mut i = 0;
    while i < paras.len() {
        let Some(b) = paras.get(i) else { break };
        let text = b.text();
        let heading =
            is_caps(&text) && text.chars().count() <= 120 || !text.chars().any(char::is_alphabetic);
        let mut prose = Vec::new();
        let mut j = i + 1;
        while let Some(p) = paras.get(j) {
            let t = p.text();
            if is_caps(&t) && t.chars().count() <= 120 || !t.chars().any(char::is_alphabetic) {
                break;
            }
            prose.push(t);
            j += 1;
        }
        if heading && prose.is_empty() {
            cover.push(text);
        } else if heading {
            out.push(TextSection {
                title: text,
                text: prose.join("\n\n"),
            });
        } else {
            findings.push(Finding::new(
                FindingKind::UntitledIntro,
                place(None, b.line()),
            ));
            let mut all = vec![text];
            all.extend(prose);
            out.push(TextSection {
                title: "Préambule".to_string(),
                text: all.join("\n\n"),
            });
        }
        i = j;
    }
}

/// The kinds of collectivity a CTG is signed with, folded, as they open its name.
const COLLECTIVITIES: &[&[&str]] = &[
    &["COMMUNAUTE", "DE", "COMMUNES"],
    &["COMMUNAUTE", "D'AGGLOMERATION"],
    &["COMMUNAUTE", "URBAINE"],
    &["METROPOLE"],
];

/// Particles inside a place name (`du Val de Brume`, `des Sources`).
fn particle(folded: &str) -> bool {
    matches!(
        folded,
        "DE" | "DU" | "DES" | "LA" | "LE" | "LES" | "D'" | "L'" | "ET" | "SUR" | "EN"
    )
}

/// A word of a place name: a capital first letter (after `d'` / `l'`), or an acronym in
/// parentheses (`(CCS)`).
fn name_word(word: &str) -> bool {
    let w = word
        .strip_prefix("d'")
        .or_else(|| word.strip_prefix("d’"))
        .or_else(|| word.strip_prefix("l'"))
        .or_else(|| word.strip_prefix("l’"))
        .unwrap_or(word);
    let w = w.trim_start_matches('(');
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The collectivity named in a text (`… la Communauté de communes du Val de Brume fixe …`
/// → `Communauté de communes du Val de Brume`): its kind, then particles and capitalised
/// words up to the first other word; `None` without a capitalised name after the kind.
fn collectivity_in(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    for i in 0..words.len() {
        let Some(kind) = COLLECTIVITIES.iter().find(|k| {
            k.iter()
                .enumerate()
                .all(|(n, w)| folded.get(i + n).is_some_and(|f| f == w))
        }) else {
            continue;
        };
        let mut end = i + kind.len();
        let mut named = end;
        while let (Some(w), Some(f)) = (words.get(end), folded.get(end)) {
            let bare = w.trim_end_matches([',', ';', '.', ':', '»', '"']);
            let stop = bare.len() < w.len();
            if name_word(bare) {
                named = end + 1;
            } else if !particle(f.trim_end_matches([',', ';', '.', ':'])) {
                break;
            }
            end += 1;
            if stop {
                break;
            }
        }
        if named > i + kind.len() {
            let name = words.get(i..named)?.join(" ");
            return Some(
                name.trim_end_matches([',', ';', '.', ':', '»', '"'])
                    .to_string(),
            );
        }
    }
    None
}

/// The territory the document writes before its first fiche: a `Territoire : …` line,
/// else the first collectivity it names (a cover line `Communauté de communes du Val de
/// Brume`, or inside a sentence). `None` when it names none.
fn territory_of(blocks: &[Block]) -> Option<String> {
    let lines = || {
        blocks.iter().flat_map(|b| match b {
            Block::Para { lines, .. } => lines.clone(),
            Block::Row { .. } => Vec::new(),
        })
    };
    for line in lines() {
        let f = fold(&line);
        if let Some(rest) = f.strip_prefix("TERRITOIRE")
            && rest.trim_start().starts_with(':')
        {
            let value = line
                .split_once(':')
                .map(|(_, v)| collapse(v))
                .unwrap_or_default();
            if !value.is_empty() && value.chars().count() <= 200 {
                return Some(value);
            }
        }
    }
    blocks.iter().find_map(|b| match b {
        Block::Para { .. } => collectivity_in(&b.text()),
        Block::Row { .. } => None,
    })
}

/// A fiche read but for its schedule and indicators (which need the plan's period): the
/// fiche, its indicator lines, its code, its schedule cell and that cell's line.
type Pending = (Fiche, Vec<(String, usize)>, String, String, usize);

/// Read the blocks into a plan.
pub(crate) fn read(blocks: &[Block], findings: &mut Vec<Finding>) -> Plan {
    let heads: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| header_of(b).is_some())
        .map(|(i, _)| i)
        .collect();
    // Where each fiche's zone ends: after its last row before the next header.
    let mut groups = Vec::new();
    let mut prev_end = 0;
    for (k, &h) in heads.iter().enumerate() {
        let next = heads.get(k + 1).copied().unwrap_or(blocks.len());
        let zone = blocks.get(h + 1..next).unwrap_or(&[]);
        let last_row = zone.iter().rposition(|b| matches!(b, Block::Row { .. }));
        // The last fiche keeps its trailing paragraphs out (the conclusion); others give
        // them to the next fiche's "before".
        let own_end = match last_row {
            Some(r) => h + 1 + r + 1,
            None if k + 1 < heads.len() => next,
            None => (h + 2).min(blocks.len()),
        };
        let Some(header) = blocks.get(h) else {
            continue;
        };
        groups.push(Group {
            header,
            before: blocks.get(prev_end..h).unwrap_or(&[]),
            own: blocks.get(h + 1..own_end).unwrap_or(&[]),
        });
        prev_end = own_end;
    }
    let tail = blocks.get(prev_end..).unwrap_or(&[]);
    if heads.is_empty() {
        findings.push(Finding::new(FindingKind::NoFiche, Place::default()));
    }

    let mut intro = Vec::new();
    let mut cover = Vec::new();
    let mut axes: Vec<Axis> = Vec::new();
    let mut current_axis: Option<u32> = None;
    let mut fiches: Vec<Fiche> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut seen = std::collections::HashSet::new();

    for (k, g) in groups.iter().enumerate() {
        let (code, header_title) = header_of(g.header).unwrap_or_default();
        let dotted = code.contains('.');
        let number: u32 = if dotted {
            (k + 1) as u32
        } else {
            code.parse().unwrap_or((k + 1) as u32)
        };
        let line = g.header.line();
        if dotted {
            findings.push(Finding::new(
                FindingKind::FicheCode {
                    code: code.clone(),
                    number,
                },
                place(Some(number), line),
            ));
        }
        if !seen.insert(number) {
            findings.push(Finding::new(
                FindingKind::DuplicateFiche { number },
                place(Some(number), line),
            ));
        }
        // Before the header: theme blocks, a banner, and (first fiche) the introduction.
        let mut themes = Vec::new();
        let mut publics = Vec::new();
        let mut queue: Vec<Field> = Vec::new();
        let mut rest: Vec<&Block> = Vec::new();
        fn take_theme<'b>(
            b: &'b Block,
            rest: &mut Vec<&'b Block>,
            queue: &mut Vec<Field>,
            themes: &mut Vec<String>,
            publics: &mut Vec<String>,
        ) -> bool {
            let Block::Para { lines, .. } = b else {
                rest.push(b);
                return false;
            };
            let first = lines.first().map(String::as_str).unwrap_or("");
            if let Some((field, value)) = headings::theme_label(first) {
                let mut v = vec![value];
                v.extend(lines.iter().skip(1).cloned());
                let v = collapse(&v.join(" "));
                if v.is_empty() {
                    queue.push(field);
                } else if field == Field::Themes {
                    themes.extend(fields::names(&v));
                } else {
                    publics.extend(fields::names(&v));
                }
                return true;
            }
            if !queue.is_empty() {
                let field = queue.remove(0);
                let v = lines.join(" ");
                if field == Field::Themes {
                    themes.extend(fields::names(&v));
                } else {
                    publics.extend(fields::names(&v));
                }
                return true;
            }
            rest.push(b);
            false
        }
        for b in g.before {
            take_theme(b, &mut rest, &mut queue, &mut themes, &mut publics);
        }
        // The banner: an explicit level anywhere, else the last banner-like paragraph.
        let explicit = rest
            .iter()
            .rposition(|b| headings::level_banner(&b.text()).is_some());
        let banner_at = explicit.or_else(|| {
            rest.last()
                .filter(|b| {
                    banner_like(&b.text()) && (k > 0 || rest.len() > 1 || !is_caps(&b.text()))
                })
                .map(|_| rest.len() - 1)
        });
        let (prose, banner) = match banner_at {
            Some(i) => (
                rest.get(..i).unwrap_or(&[]).to_vec(),
                rest.get(i..).unwrap_or(&[]).to_vec(),
            ),
            None => (rest.clone(), Vec::new()),
        };
        if k == 0 {
            sections(&prose, &mut intro, &mut cover, findings);
        } else {
            for b in prose {
                findings.push(Finding::new(
                    FindingKind::UnplacedText { text: b.text() },
                    place(None, b.line()),
                ));
            }
        }
        if let Some(first) = banner.first() {
            let text = first.text();
            let (number, title) = match headings::level_banner(&text) {
                Some((n, t)) => (Some(n), t),
                None => (None, text.clone()),
            };
            let description: Vec<String> = banner.iter().skip(1).map(|b| b.text()).collect();
            let known = axes
                .iter()
                .find(|a| number.map_or(fold(&a.title) == fold(&title), |n| a.number == n))
                .map(|a| a.number);
            let n = match known {
                Some(n) => n,
                None => {
                    let n = number
                        .unwrap_or_else(|| axes.iter().map(|a| a.number).max().unwrap_or(0) + 1);
                    if number.is_none() {
                        findings.push(Finding::new(
                            FindingKind::AxisNumbered {
                                number: n,
                                title: title.clone(),
                            },
                            place(None, first.line()),
                        ));
                    }
                    axes.push(Axis {
                        number: n,
                        title: if title.is_empty() {
                            format!("Axe {n}")
                        } else {
                            title
                        },
                        description: Some(description.join("\n\n")).filter(|d| !d.is_empty()),
                    });
                    n
                }
            };
            current_axis = Some(n);
        }
        let axis = match current_axis {
            Some(a) => a,
            None => {
                let n = axes.iter().map(|a| a.number).max().unwrap_or(0) + 1;
                findings.push(Finding::new(
                    FindingKind::AxisUnnamed { number: n },
                    place(Some(number), line),
                ));
                axes.push(Axis {
                    number: n,
                    title: format!("Axe {n}"),
                    description: None,
                });
                current_axis = Some(n);
                n
            }
        };
        // After the header: title and theme blocks, then rows.
        let mut title = header_title;
        let mut cells: BTreeMap<Field, (String, String, usize)> = BTreeMap::new();
        let mut extra_rest = Vec::new();
        for b in g.own {
            match b {
                Block::Row {
                    heading,
                    cell,
                    line,
                } => match headings::field(heading) {
                    Some(Field::Themes) => themes.extend(fields::names(&fields::text(cell))),
                    Some(Field::Publics) => publics.extend(fields::names(&fields::text(cell))),
                    Some(Field::NotInModel) => findings.push(Finding::new(
                        FindingKind::HeadingNotInModel {
                            text: fields::text(cell),
                        },
                        Place {
                            fiche: Some(number),
                            heading: Some(heading.clone()),
                            indicator: None,
                            line: Some(*line),
                        },
                    )),
                    Some(f) => {
                        if let Some(prev) = cells.get_mut(&f) {
                            findings.push(Finding::new(
                                FindingKind::DuplicateHeading,
                                Place {
                                    fiche: Some(number),
                                    heading: Some(heading.clone()),
                                    indicator: None,
                                    line: Some(*line),
                                },
                            ));
                            prev.1.push_str(" <p></p> ");
                            prev.1.push_str(cell);
                        } else {
                            cells.insert(f, (heading.clone(), cell.clone(), *line));
                        }
                    }
                    None => findings.push(Finding::new(
                        FindingKind::UnknownHeading {
                            text: format!("{heading} : {}", fields::text(cell)),
                        },
                        Place {
                            fiche: Some(number),
                            heading: Some(heading.clone()),
                            indicator: None,
                            line: Some(*line),
                        },
                    )),
                },
                Block::Para { .. } => {
                    if !take_theme(b, &mut extra_rest, &mut queue, &mut themes, &mut publics) {
                        // The first other paragraph before the rows is the title.
                        if title.is_none() && cells.is_empty() {
                            title = extra_rest.pop().map(Block::text);
                        }
                    }
                }
            }
        }
        for b in extra_rest {
            findings.push(Finding::new(
                FindingKind::UnplacedText { text: b.text() },
                place(Some(number), b.line()),
            ));
        }
        let title = title.unwrap_or_else(|| {
            findings.push(Finding::new(
                FindingKind::FicheTitleMissing,
                place(Some(number), line),
            ));
            format!("Fiche {code}")
        });
        for f in Field::EXPECTED {
            if !cells.contains_key(&f) {
                findings.push(Finding::new(
                    FindingKind::MissingHeading {
                        heading: f.template(),
                    },
                    Place {
                        fiche: Some(number),
                        heading: Some(f.template().to_string()),
                        indicator: None,
                        line: Some(line),
                    },
                ));
            }
        }
        let cell = |f: Field| cells.get(&f).map(|(_, c, _)| c.as_str()).unwrap_or("");
        let mut sub_findings = Vec::new();
        let sub_actions = fields::sub_actions(cell(Field::Description), &mut sub_findings);
        let at = |f: Field| Place {
            fiche: Some(number),
            heading: cells.get(&f).map(|(h, _, _)| h.clone()),
            indicator: None,
            line: cells.get(&f).map(|(_, _, l)| *l),
        };
        for kind in sub_findings {
            findings.push(Finding::new(kind, at(Field::Description)));
        }
        let indicator_lines: Vec<(String, usize)> = fields::list(cell(Field::Indicators))
            .into_iter()
            .map(|l| {
                (
                    l,
                    cells
                        .get(&Field::Indicators)
                        .map(|(_, _, l)| *l)
                        .unwrap_or(line),
                )
            })
            .collect();
        let fiche = Fiche {
            number,
            title,
            axis,
            themes,
            target_publics: publics,
            findings: fields::text(cell(Field::Findings)),
            stakes: fields::list(cell(Field::Stakes)),
            objective: fields::text(cell(Field::Objective)),
            sub_actions,
            leads: fields::leads(cell(Field::Leads)),
            schedule: Schedule {
                start: 0,
                end: 0,
                text: None,
                cadence: None,
                milestones: vec![],
                notes: vec![],
            },
            expected_results: fields::list(cell(Field::ExpectedResults)),
            partners: fields::partners(cell(Field::Partners)),
            indicators: Vec::new(),
        };
        let schedule_cell = cell(Field::Schedule).to_string();
        let schedule_line = cells
            .get(&Field::Schedule)
            .map(|(_, _, l)| *l)
            .unwrap_or(line);
        pending.push((fiche, indicator_lines, code, schedule_cell, schedule_line));
    }

    // The period: the cover's years, else the schedules', else anything.
    let cover_years: Vec<i32> = cover.iter().flat_map(|c| fields::years_in(c)).collect();
    let schedule_years: Vec<i32> = pending
        .iter()
        .flat_map(|p| fields::years_in(&p.3))
        .collect();
    let period = match (cover_years.iter().min(), cover_years.iter().max()) {
        (Some(a), Some(b)) if a < b => PlanPeriod { start: *a, end: *b },
        _ => match (schedule_years.iter().min(), schedule_years.iter().max()) {
            (Some(a), Some(b)) => {
                findings.push(Finding::new(
                    FindingKind::PeriodInferred { start: *a, end: *b },
                    Place::default(),
                ));
                PlanPeriod { start: *a, end: *b }
            }
            _ => {
                findings.push(Finding::new(FindingKind::PeriodMissing, Place::default()));
                PlanPeriod {
                    start: 1900,
                    end: 1900,
                }
            }
        },
    };
    for (mut fiche, lines, code, schedule_cell, schedule_line) in pending {
        let mut sf = Vec::new();
        fiche.schedule = fields::schedule(&schedule_cell, (period.start, period.end), &mut sf);
        let p = Place {
            fiche: Some(fiche.number),
            heading: Some(Field::Schedule.template().to_string()),
            indicator: None,
            line: Some(schedule_line),
        };
        for kind in sf {
            findings.push(Finding::new(kind, p.clone()));
        }
        let prefix = if code.contains('.') {
            format!("f{code}")
        } else {
            format!("f{}", fiche.number)
        };
        let ctx = Context {
            id_prefix: &prefix,
            fiche_code: &code,
            schedule: &fiche.schedule,
            period,
            expected_results: &fiche.expected_results,
        };
        let reads = indicators::read_all(&lines, &ctx);
        for r in reads {
            for kind in r.findings {
                findings.push(Finding::new(
                    kind,
                    Place {
                        fiche: Some(fiche.number),
                        heading: None,
                        indicator: Some(r.indicator.id.clone()),
                        line: Some(r.line),
                    },
                ));
            }
            fiche.indicators.push(r.indicator);
        }
        fiches.push(fiche);
    }

    // The closing sections (the conclusion).
    let tail: Vec<&Block> = tail.iter().collect();
    if heads.is_empty() {
        sections(&tail, &mut intro, &mut cover, findings);
    } else {
        let mut ignored = Vec::new();
        sections(&tail, &mut intro, &mut ignored, findings);
        for c in ignored {
            findings.push(Finding::new(
                FindingKind::UnplacedText { text: c },
                Place::default(),
            ));
        }
    }

    let words: Vec<&String> = cover
        .iter()
        .filter(|c| c.chars().any(char::is_alphabetic))
        .collect();
    let base = words
        .first()
        .map(|s| s.to_string())
        .unwrap_or_else(|| "Plan d'action".to_string());
    let title = format!("{base} {period}");
    findings.push(Finding::new(
        FindingKind::TitleComposed {
            title: title.clone(),
        },
        Place::default(),
    ));
    let slug: String = fold(&base)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let id = format!("{slug}-{}-{}", period.start, period.end);
    findings.push(Finding::new(
        FindingKind::IdMade { id: id.clone() },
        Place::default(),
    ));
    // The territory: written before the first fiche (the cover, the introduction).
    let front = heads
        .first()
        .and_then(|&h| blocks.get(..h))
        .unwrap_or(blocks);
    let territory = territory_of(front).unwrap_or_else(|| {
        findings.push(Finding::new(
            FindingKind::TerritoryMissing,
            Place::default(),
        ));
        "Territoire à préciser".to_string()
    });
    Plan {
        id,
        title,
        territory,
        period,
        source: Some("Importé par ctg depuis le document du plan d'action (à relire).".to_string()),
        intro,
        axes,
        fiches,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn para(lines: &[&str]) -> Block {
        Block::Para {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            line: 1,
        }
    }

    #[test]
    fn a_collectivity_is_read_from_a_cover_line_or_a_sentence() {
        assert_eq!(
            collectivity_in("Communauté d'agglomération du Plateau des Sources").as_deref(),
            Some("Communauté d'agglomération du Plateau des Sources")
        );
        assert_eq!(
            collectivity_in("signée entre la Caf et la Communauté de communes du Val de Brume fixe pour quatre ans").as_deref(),
            Some("Communauté de communes du Val de Brume")
        );
        assert_eq!(
            collectivity_in("avec la Communauté de Communes Sundgau (CCS), pour").as_deref(),
            Some("Communauté de Communes Sundgau (CCS)")
        );
        assert_eq!(
            collectivity_in("COMMUNAUTÉ URBAINE DE LA VALLÉE").as_deref(),
            Some("COMMUNAUTÉ URBAINE DE LA VALLÉE")
        );
        // A kind without a name is not a territory.
        assert_eq!(collectivity_in("la communauté de communes voisine"), None);
        assert_eq!(collectivity_in("la vie de la communauté"), None);
    }

    #[test]
    fn a_territoire_line_wins_and_none_is_none() {
        let blocks = [
            para(&["La Communauté de communes des Trois Vallées est partenaire."]),
            para(&["Territoire : Pays des Lacs"]),
        ];
        assert_eq!(territory_of(&blocks).as_deref(), Some("Pays des Lacs"));
        assert_eq!(
            territory_of(&blocks[..1]).as_deref(),
            Some("Communauté de communes des Trois Vallées")
        );
        assert_eq!(
            territory_of(&[para(&["PLAN D'ACTION", "2025/ 2029"])]),
            None
        );
        assert_eq!(territory_of(&[para(&["Territoire :"])]), None);
    }
}
