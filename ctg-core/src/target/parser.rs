//! The parser: a small recursive-descent parser over the tokens of `super::lexer`.
//!
//! Grammar (case- and accent-insensitive; `[x]` optional, `|` alternatives; number words
//! are numbers already, see the lexer):
//!
//! ```text
//! target    := "(" target ")" | [deadline [","|":"]] core
//! core      := schedule | compare | range | change | maintain | milestone
//! compare   := comparator signed [percent] suffix [deadline]
//!            | number [percent] suffix [deadline]           (bare number: at least)
//! comparator:= ">" | ">=" | "=>" | "≥" | "<" | "<=" | "=<" | "≤" | "=" | "plus de"
//!            | "au moins" | "au minimum" | "moins de" | "au plus" | "au maximum"
//!            | "jusqu'à" | "pas plus de" | "pas moins de" | "au-delà de"
//!            | "supérieur (ou égal) à" | "inférieur (ou égal) à" | "égal à" | "minimum"
//!            | "maximum" | "more than" | "at least" | "less than" | "at most" | "up to"
//!            | "no more than" | "no less than" | "over" | "under" | …
//! suffix    := (unit | trailing)* [period] [trailing]
//! unit      := a word (hyphens inside: `rendez-vous`), or a rate base
//!              ("pour" | "per" | "par" | "/") number word* (`places pour 100 enfants`);
//!              the first unit word may not be a keyword of another construction
//! trailing  := "minimum" | "maximum" | "au minimum" | "ou plus" | "et plus" | "ou moins"
//!            | "or more" | "or less" | …                    (sets or confirms the comparator)
//! period    := ("/" | "par" | "per" | "a" | "each" | "every" | "chaque" | "tous les") period-word
//!            | "dans l'année" | "annuel(le)" | "mensuel(le)" | "trimestriel(le)"
//!            | "semestriel(le)" | "hebdomadaire" | "yearly" | "monthly" | "weekly" | …
//!            | "sur (toute) la durée de la convention" | "over the plan period" | "en cumulé"
//! period-word := semaine | mois | trimestre | semestre | an | année | week | month
//!            | quarter | half-year | year | (plurals)
//! range     := ("entre" | "between" | "de" | "from") signed [percent] ("et" | "and" | "à" | "to" | "-")
//!              signed [percent] suffix [deadline]
//!            | number [percent] ("-" | "à" | "to") number [percent] suffix [deadline]
//! change    := ("+" | "-" | "−") number (percent | points) tail
//!            | verb number (percent | points) tail
//!            | ("doubler" | "tripler" | "diviser par" number | "réduire de moitié" | …) tail
//! maintain  := ("maintien" | "maintenir" | "maintain") ["à" | "de" | "des" | …] number [percent] suffix [deadline]
//!            | ("maintien" | "stabilité" | "stable" | …) tail        (no decrease: +0 %)
//! tail      := [subject] (baseline | deadline)*              (each at most once)
//! subject   := ("de" | "des" | "du" | "d'…" | "le" | "la" | "les" | "l'…" | "of" | "the") word*
//! verb      := "augmentation de" | "hausse de" | "réduction de" | "baisse de"
//!            | "diminution de" | "increase of" | "decrease of" | "reduction of" | …
//! points    := ["percentage"] ("points" | "point" | "pts" | "pt") ["de pourcentage"]
//! percent   := "%" | "pour cent" | "pourcent" | "percent"
//! baseline  := ("par rapport à" | "vs" ["."] | "versus" | "compared to" | "relative to"
//!              | "depuis" | "since") (["la" | "the"] ref [year] | ["l'année"] year | "l'année de référence")
//! ref       := "référence" | "baseline" | "base"
//! milestone := ("réalisé" | "réalisée" | "fait" | "faite" | "achevé" | "terminé" | "done"
//!              | "completed" | …) [deadline]
//! deadline  := ("avant" | "before") year
//!            | ("d'ici" ["à"] | "by" | "au plus tard" ["en"] | "à l'horizon") [end-of] year
//!            | ("avant" | "before") end-of year              (= by that year's end)
//!            | ("en" | "in" | "during" | "au cours de") year | end-of year
//! end-of    := "fin" | "la fin de" | "the end of" | "end of"
//! schedule  := step (separator step)+
//! step      := [comparator] number [percent] suffix deadline    (`20 en 2026`)
//!            | ["en" | "in"] year ":" [comparator] number [percent] suffix   (`2026 : 20`)
//! separator := ("," | ";")* ["puis" | "et" | "then" | "and" | "ensuite"]
//! ```

use std::ops::Range;

use super::ast::{Comparator, Deadline, DeadlineRelation, ScheduleStep, Target, TargetKind};
use super::display::format_number;
use super::error::{t, TargetError, TargetErrorCode, Text};
use super::lexer::{self, Token, TokenKind};
use crate::window::Window;
use crate::Lang;

/// The smallest accepted deadline year.
pub const MIN_YEAR: i32 = 1900;
/// The largest accepted deadline year.
pub const MAX_YEAR: i32 = 2200;

type Result<T> = std::result::Result<T, TargetError>;

/// A phrase: a sequence of slots, each slot listing the accepted (folded) words.
type Phrase = &'static [&'static [&'static str]];

const FR_SUPERIEUR: &[&str] = &["superieur", "superieure", "superieurs", "superieures"];
const FR_INFERIEUR: &[&str] = &["inferieur", "inferieure", "inferieurs", "inferieures"];
const FR_EGAL: &[&str] = &["egal", "egale", "egaux", "egales"];

/// Word comparators that open a target, longest phrases first.
const COMPARATOR_PHRASES: &[(Phrase, Comparator)] = &[
    (&[FR_SUPERIEUR, &["ou"], FR_EGAL, &["a"]], Comparator::Ge),
    (&[FR_INFERIEUR, &["ou"], FR_EGAL, &["a"]], Comparator::Le),
    (&[FR_EGAL, &["ou"], FR_SUPERIEUR, &["a"]], Comparator::Ge),
    (&[FR_EGAL, &["ou"], FR_INFERIEUR, &["a"]], Comparator::Le),
    (&[&["pas"], &["moins"], &["de", "d'"]], Comparator::Ge),
    (&[&["pas"], &["plus"], &["de", "d'"]], Comparator::Le),
    (
        &[&["no", "not"], &["less", "fewer"], &["than"]],
        Comparator::Ge,
    ),
    (&[&["no", "not"], &["more"], &["than"]], Comparator::Le),
    (
        &[&["greater"], &["than"], &["or"], &["equal"], &["to"]],
        Comparator::Ge,
    ),
    (
        &[&["less"], &["than"], &["or"], &["equal"], &["to"]],
        Comparator::Le,
    ),
    (&[&["au"], &["dela"], &["de", "d'"]], Comparator::Gt),
    (&[&["au-dela"], &["de", "d'"]], Comparator::Gt),
    (
        &[&["au-dessus", "en-dessus"], &["de", "d'"]],
        Comparator::Gt,
    ),
    (
        &[&["au-dessous", "en-dessous"], &["de", "d'"]],
        Comparator::Lt,
    ),
    (&[&["jusqu'"], &["a"]], Comparator::Le),
    (&[&["jusqu'a"]], Comparator::Le),
    (&[&["plus"], &["de", "d'"]], Comparator::Gt),
    (&[&["au"], &["minimum"]], Comparator::Ge),
    (&[&["au"], &["maximum"]], Comparator::Le),
    (&[&["au"], &["moins"]], Comparator::Ge),
    (&[&["moins"], &["de", "d'"]], Comparator::Lt),
    (&[&["au"], &["plus"]], Comparator::Le),
    (&[FR_SUPERIEUR, &["a"]], Comparator::Gt),
    (&[FR_INFERIEUR, &["a"]], Comparator::Lt),
    (&[FR_EGAL, &["a"]], Comparator::Eq),
    (&[&["more", "greater"], &["than"]], Comparator::Gt),
    (&[&["at"], &["least"]], Comparator::Ge),
    (&[&["less", "fewer"], &["than"]], Comparator::Lt),
    (&[&["at"], &["most"]], Comparator::Le),
    (&[&["up"], &["to"]], Comparator::Le),
    (&[&["equal"], &["to"]], Comparator::Eq),
    (&[&["over", "above"]], Comparator::Gt),
    (&[&["under", "below"]], Comparator::Lt),
    (&[&["minimum", "min"]], Comparator::Ge),
    (&[&["maximum", "max"]], Comparator::Le),
    (&[&["exactement", "exactly"]], Comparator::Eq),
];

/// Comparators written after the number, its unit or its period (`70 % minimum`,
/// `20 places ou plus`), longest phrases first.
const TRAILING_COMPARATORS: &[(Phrase, Comparator)] = &[
    (&[&["et"], &["au"], &["dela"]], Comparator::Ge),
    (&[&["et"], &["au-dela"]], Comparator::Ge),
    (&[&["ou", "et"], &["plus"]], Comparator::Ge),
    (&[&["ou"], &["davantage"]], Comparator::Ge),
    (&[&["ou"], &["moins"]], Comparator::Le),
    (
        &[&["or", "and"], &["more", "over", "above"]],
        Comparator::Ge,
    ),
    (&[&["or"], &["less", "fewer", "below"]], Comparator::Le),
    (&[&["au"], &["minimum"]], Comparator::Ge),
    (&[&["au"], &["moins"]], Comparator::Ge),
    (&[&["au"], &["maximum"]], Comparator::Le),
    (&[&["au"], &["plus"]], Comparator::Le),
    (&[&["at"], &["least"]], Comparator::Ge),
    (&[&["at"], &["most"]], Comparator::Le),
    (&[&["minimum", "min"]], Comparator::Ge),
    (&[&["maximum", "max"]], Comparator::Le),
];

/// Verbs of relative change, with their direction (+1 up, -1 down).
const CHANGE_PHRASES: &[(Phrase, f64)] = &[
    (
        &[
            &[
                "augmentation",
                "hausse",
                "progression",
                "croissance",
                "accroissement",
            ],
            &["de", "d'"],
        ],
        1.0,
    ),
    (&[&["augmenter", "accroitre"], &["de", "d'"]], 1.0),
    (&[&["increase", "rise", "growth"], &["of", "by"]], 1.0),
    (
        &[
            &["reduction", "baisse", "diminution", "recul"],
            &["de", "d'", "of", "by"],
        ],
        -1.0,
    ),
    (&[&["reduire", "diminuer", "baisser"], &["de", "d'"]], -1.0),
    (
        &[
            &["decrease", "drop", "decline", "fall", "reduce", "cut"],
            &["of", "by"],
        ],
        -1.0,
    ),
];

/// Changes by a factor, as a signed percent: `doubler` +100 %, `réduire de moitié` −50 %.
const FACTOR_PHRASES: &[(Phrase, f64)] = &[
    (
        &[
            &[
                "reduire",
                "reduction",
                "baisse",
                "diminuer",
                "diminution",
                "baisser",
            ],
            &["de"],
            &["moitie"],
        ],
        -50.0,
    ),
    (&[&["reduce", "cut"], &["by"], &["half"]], -50.0),
    (&[&["halve", "halving", "halved"]], -50.0),
    (
        &[&[
            "doubler",
            "doublement",
            "double",
            "doubled",
            "doubling",
            "doublee",
        ]],
        100.0,
    ),
    (
        &[&[
            "tripler",
            "triplement",
            "triple",
            "tripled",
            "tripling",
            "triplee",
        ]],
        200.0,
    ),
];

/// Words that keep a level (`maintien à 30`, `maintenir 2 COPIL par an`) or, without a
/// number, mean no decrease against the baseline (`maintien`).
const MAINTAIN_WORDS: &[&str] = &[
    "maintien",
    "maintenir",
    "maintenu",
    "maintenue",
    "maintenus",
    "maintenues",
    "conserver",
    "maintain",
    "maintaining",
    "maintained",
];

/// Words of stability: no decrease against the baseline.
const STABLE_PHRASES: &[Phrase] = &[
    &[&[
        "stabilite",
        "stable",
        "stables",
        "stabilisation",
        "stabiliser",
        "stability",
        "stabilise",
        "stabilisee",
    ]],
    &[&["pas", "sans"], &["de"], &["baisse", "diminution"]],
    &[&["sans", "aucune"], &["baisse", "diminution"]],
    &[&["no"], &["decrease", "decline", "drop"]],
];

/// Words between a maintain word and its number (`maintien à 30`, `à hauteur de`).
const MAINTAIN_LINKS: &[Phrase] = &[
    &[&["a"], &["hauteur"], &["de", "d'"]],
    &[&["au"], &["niveau"], &["de", "d'"]],
    &[&["a", "au", "de", "des", "du", "d'", "at", "les"]],
];

/// Range openers.
const RANGE_OPENERS: &[&str] = &["entre", "between", "de", "from"];
/// Words between the bounds of a range (a dash is accepted too).
const RANGE_JOINERS: &[&str] = &["et", "and", "a", "to"];
/// Words between the bounds of a bare range `10 à 20` (a dash is accepted too).
const BARE_RANGE_JOINERS: &[&str] = &["a", "to"];

/// Milestone words.
const MILESTONE_WORDS: &[&str] = &[
    "realise",
    "realisee",
    "realises",
    "realisees",
    "fait",
    "faite",
    "faits",
    "faites",
    "acheve",
    "achevee",
    "acheves",
    "achevees",
    "termine",
    "terminee",
    "termines",
    "terminees",
    "accompli",
    "accomplie",
    "done",
    "completed",
    "complete",
    "achieved",
    "finished",
];

/// Words introducing a period only when a period word follows.
const SOFT_PERIOD_MARKERS: &[&str] = &["a", "each", "every", "chaque"];
/// Words always introducing a period.
const HARD_PERIOD_MARKERS: &[&str] = &["par", "per"];

/// Words that cannot start a unit (they belong to other constructions).
const NOT_A_UNIT_START: &[&str] = &[
    "a",
    "to",
    "et",
    "and",
    "ou",
    "or",
    "entre",
    "between",
    "from",
    "avant",
    "before",
    "d'ici",
    "by",
    "en",
    "in",
    "during",
    "plus",
    "moins",
    "au",
    "at",
    "more",
    "less",
    "than",
    "vs",
    "versus",
    "rapport",
    "reference",
    "baseline",
    "puis",
    "then",
    "depuis",
    "since",
    "fin",
];

/// Words after which a unit may hold a number (`enfants de moins de 3 ans`).
const UNIT_NUMBER_LEADS: &[&str] = &[
    "de", "des", "d'", "moins", "plus", "of", "under", "over", "than",
];

/// Words naming the baseline.
const BASELINE_WORDS: &[&str] = &["reference", "baseline", "base"];

/// Words that open the subject of a change (`des vacances de postes`).
const SUBJECT_STARTS: &[&str] = &["de", "des", "du", "le", "la", "les", "of", "the"];

/// Words separating the steps of a schedule (after or instead of `,` / `;`).
const STEP_WORDS: &[&str] = &["puis", "et", "then", "and", "ensuite"];

/// Words of qualitative aims: a target made of them (and no number) is refused with a
/// hint towards a qualitative indicator.
const QUALITATIVE_CUES: &[&str] = &[
    "amelioration",
    "ameliorer",
    "qualite",
    "besoin",
    "besoins",
    "renforcer",
    "renforcement",
    "developper",
    "developpement",
    "favoriser",
    "soutenir",
    "soutien",
    "satisfaction",
    "satisfaisant",
    "satisfaisante",
    "mieux",
    "meilleur",
    "meilleure",
    "meilleurs",
    "meilleures",
    "valoriser",
    "valorisation",
    "consolider",
    "consolidation",
    "accompagner",
    "promouvoir",
    "promotion",
    "sensibiliser",
    "sensibilisation",
    "diversifier",
    "diversification",
    "optimiser",
    "adapter",
    "adaptation",
    "qualitatif",
    "qualitative",
    "positif",
    "positive",
    "positifs",
    "positives",
    "improve",
    "improvement",
    "quality",
    "needs",
    "better",
    "strengthen",
    "support",
    "promote",
    "foster",
    "enhance",
];

/// The hint of `qualitative_wording`.
/// The texts that several errors share.
fn qualitative_hint() -> Text {
    t(
        "faites-en un indicateur qualitatif (measure = \"qualitative\", sans cible), apprécié \
         chaque année : atteint / partiellement atteint / non atteint",
        "make it a qualitative indicator (measure = \"qualitative\", no target), assessed each \
         year as atteint / partiellement atteint / non atteint",
    )
}

fn qualitative_message() -> Text {
    t(
        "cela se lit comme un objectif qualitatif, pas comme une cible mesurable",
        "this reads as a qualitative aim, not a measurable target",
    )
}

fn measurable() -> Text {
    t(
        "un niveau (`≥ 20`), une évolution (`+10 %`) ou un jalon (`réalisé`)",
        "a level (`≥ 20`), a change (`+10 %`) or a milestone (`réalisé`)",
    )
}

fn a_number() -> Text {
    t("un nombre", "a number")
}

fn a_year() -> Text {
    t("une année", "a year")
}

fn year_hint() -> Text {
    t(
        "écrivez une année comme `2027`",
        "write a year such as `2027`",
    )
}

fn range_hint() -> Text {
    t(
        "écrivez une fourchette comme `entre 10 et 20`",
        "write a range such as `entre 10 et 20`",
    )
}

fn factor_hint() -> Text {
    t(
        "écrivez `multiplier par 2` ou `diviser par 2`",
        "write `multiplier par 2` or `diviser par 2`",
    )
}

/// Adjectives naming a period (`4 réunions annuelles`).
fn period_adjective(word: &str) -> Option<Window> {
    match word {
        "annuel" | "annuelle" | "annuels" | "annuelles" | "yearly" | "annual" | "annually" => {
            Some(Window::Year)
        }
        "mensuel" | "mensuelle" | "mensuels" | "mensuelles" | "monthly" => Some(Window::Month),
        "trimestriel" | "trimestrielle" | "trimestriels" | "trimestrielles" | "quarterly" => {
            Some(Window::Quarter)
        }
        "semestriel" | "semestrielle" | "semestriels" | "semestrielles" | "half-yearly"
        | "semiannual" | "semi-annual" => Some(Window::HalfYear),
        "hebdomadaire" | "hebdomadaires" | "weekly" => Some(Window::Week),
        _ => None,
    }
}

/// The window named by a folded period word, if any.
pub(crate) fn period_word(word: &str) -> Option<Window> {
    match word {
        "an" | "ans" | "annee" | "annees" | "year" | "years" | "yr" | "annum" | "l'an"
        | "l'annee" => Some(Window::Year),
        "semestre" | "semestres" | "half-year" | "half-years" | "semester" | "semesters" => {
            Some(Window::HalfYear)
        }
        "mois" | "month" | "months" => Some(Window::Month),
        "trimestre" | "trimestres" | "quarter" | "quarters" => Some(Window::Quarter),
        "semaine" | "semaines" | "week" | "weeks" => Some(Window::Week),
        _ => None,
    }
}

/// Strip the surrounding parentheses and set up a parser over the body.
fn parser_for<'a>(input: &'a str, tokens: &'a [Token]) -> Result<Parser<'a>> {
    let opens = tokens
        .iter()
        .take_while(|t| t.kind == TokenKind::LParen)
        .count();
    let closes = tokens
        .iter()
        .rev()
        .take_while(|t| t.kind == TokenKind::RParen)
        .count();
    if opens != closes {
        let (span, message, hint) = if opens > closes {
            let span = tokens.first().map(|t| t.span.clone()).unwrap_or(0..0);
            (
                span,
                t("parenthèse `(` non fermée", "unclosed `(`"),
                t(
                    "fermez la parenthèse à la fin, ou supprimez-la",
                    "close the parenthesis at the end, or remove it",
                ),
            )
        } else {
            let span = tokens.last().map(|t| t.span.clone()).unwrap_or(0..0);
            (
                span,
                t("parenthèse `)` sans `(`", "unmatched `)`"),
                t(
                    "supprimez la `)`, ou ouvrez une parenthèse au début",
                    "remove the `)`, or open a parenthesis at the start",
                ),
            )
        };
        return Err(
            TargetError::new(TargetErrorCode::UnbalancedParenthesis, input, span, message)
                .with_hint(hint),
        );
    }
    let body = tokens
        .get(opens..tokens.len().saturating_sub(closes))
        .unwrap_or(&[]);
    if body.is_empty() {
        return Err(TargetError::new(
            TargetErrorCode::Empty,
            input,
            0..input.len(),
            t("cible vide", "empty target"),
        )
        .with_expected(t("une cible", "a target"))
        .with_hint(t(
            "écrivez une cible comme `> 200`, `+20 %`, `1 COPIL / an` ou `réalisé d'ici 2027`",
            "write a target such as `> 200`, `+20 %`, `1 COPIL / an` or `réalisé d'ici 2027`",
        )));
    }
    let end_offset = tokens
        .get(opens + body.len())
        .map_or(input.len(), |t| t.span.start);
    Ok(Parser {
        input,
        tokens: body,
        pos: 0,
        end_offset,
    })
}

/// Parse a target.
pub(crate) fn parse(input: &str) -> Result<Target> {
    let tokens = lexer::lex(input)?;
    let mut parser = parser_for(input, &tokens)?;
    let target = parser.target()?;
    parser.finish()?;
    Ok(target)
}

/// A level as written (`≥ 20`, `20 places / an`), before it becomes a target: whether the
/// comparator was written matters to schedules.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Level {
    /// The comparator, if written (before or after the number).
    pub op: Option<Comparator>,
    /// The threshold.
    pub value: f64,
    /// Whether it was written as a percentage.
    pub percent: bool,
    /// Its unit, as written.
    pub unit: Option<String>,
    /// Its period.
    pub per: Option<Window>,
    /// Its deadline, if any.
    pub deadline: Option<Deadline>,
    /// The span of the level in the input.
    pub span: Range<usize>,
}

impl Level {
    fn into_compare(self) -> Target {
        Target {
            kind: TargetKind::Compare {
                op: self.op.unwrap_or(Comparator::Ge),
                value: self.value,
                percent: self.percent,
                deadline: self.deadline,
            },
            per: self.per,
            unit: self.unit,
            subject: None,
        }
    }
}

/// Parse one level without deadline (`≥ 20`, `20`, `30 places / an`), as the values of a
/// schedule table (`cibles = { 2026 = "≥ 20" }`) are written.
pub(crate) fn parse_level(input: &str) -> Result<Level> {
    let tokens = lexer::lex(input)?;
    let mut parser = parser_for(input, &tokens)?;
    let op = parser.leading_comparator();
    let level = parser.level(op, 0, false)?;
    parser.finish()?;
    Ok(level)
}

/// Build a schedule from per-year levels (sorted by year here), with the checks of the
/// text form: at least one level; one comparator, one unit and one period throughout.
/// A single year is a level due that year (`Compare` with an `en <year>` deadline).
pub(crate) fn schedule_of(input: &str, mut steps: Vec<(i32, Level)>) -> Result<Target> {
    steps.sort_by_key(|(y, _)| *y);
    let whole = 0..input.len();
    let err = |message: Text, hint: Text| {
        TargetError::new(
            TargetErrorCode::InvalidSchedule,
            input,
            whole.clone(),
            message,
        )
        .with_hint(hint)
    };
    for pair in steps.windows(2) {
        if let [(a, _), (b, _)] = pair
            && a == b
        {
            return Err(err(
                t(
                    format!("l'année {a} figure deux fois"),
                    format!("year {a} is listed twice"),
                ),
                t(
                    "donnez un seul niveau par année",
                    "give each year one level",
                ),
            ));
        }
    }
    check_year_range(input, &steps)?;
    let Some((first_year, first)) = steps.first().cloned() else {
        return Err(err(
            t(
                "l'échéancier ne donne aucune année",
                "a schedule lists no year",
            ),
            t(
                "écrivez `{ 2026 = \"≥ 20\", 2028 = \"≥ 30\" }`",
                "write `{ 2026 = \"≥ 20\", 2028 = \"≥ 30\" }`",
            ),
        ));
    };
    if steps.len() == 1 {
        let mut level = first;
        level.deadline = Some(Deadline {
            relation: DeadlineRelation::In,
            year: first_year,
        });
        return Ok(level.into_compare());
    }
    // The levels' spans are in their own texts: a problem of the schedule spans the table.
    merge_steps(
        input,
        steps
            .into_iter()
            .map(|(y, mut l)| {
                l.span = whole.clone();
                (y, whole.clone(), l)
            })
            .collect(),
    )
}

/// Years of a schedule lie in `MIN_YEAR..=MAX_YEAR`.
fn check_year_range(input: &str, steps: &[(i32, Level)]) -> Result<()> {
    for (year, _) in steps {
        if !(MIN_YEAR..=MAX_YEAR).contains(year) {
            return Err(TargetError::new(
                TargetErrorCode::InvalidYear,
                input,
                0..input.len(),
                t(
                    format!("l'année `{year}` est hors de {MIN_YEAR}..={MAX_YEAR}"),
                    format!("year `{year}` is outside {MIN_YEAR}..={MAX_YEAR}"),
                ),
            )
            .with_expected(a_year())
            .with_hint(year_hint()));
        }
    }
    Ok(())
}

/// Merge the steps of a schedule (in the order written) into one target.
fn merge_steps(input: &str, steps: Vec<(i32, Range<usize>, Level)>) -> Result<Target> {
    let err = |span: Range<usize>, message: Text, hint: Text| {
        TargetError::new(TargetErrorCode::InvalidSchedule, input, span, message).with_hint(hint)
    };
    let mut op: Option<Comparator> = None;
    let mut unit: Option<(String, String)> = None;
    let mut per: Option<Window> = None;
    let mut percent = false;
    let mut out: Vec<ScheduleStep> = Vec::with_capacity(steps.len());
    let mut previous: Option<i32> = None;
    for (year, year_span, level) in &steps {
        if let Some(p) = previous {
            if *year == p {
                return Err(err(
                    year_span.clone(),
                    t(
                        format!("l'année {year} figure deux fois"),
                        format!("year {year} is listed twice"),
                    ),
                    t(
                        "donnez un seul niveau par année",
                        "give each year one level",
                    ),
                ));
            }
            if *year < p {
                return Err(err(
                    year_span.clone(),
                    t(
                        format!("les années d'un échéancier doivent se suivre dans l'ordre : {year} vient après {p}"),
                        format!("the years of a schedule must increase: {year} comes after {p}"),
                    ),
                    t(
                        "donnez les années dans l'ordre, par exemple `20 en 2026, 30 en 2028`",
                        "list the years in order, e.g. `20 en 2026, 30 en 2028`",
                    ),
                ));
            }
        }
        previous = Some(*year);
        match (op, level.op) {
            (Some(a), Some(b)) if a != b => {
                return Err(err(
                    level.span.clone(),
                    t(
                        format!(
                            "l'échéancier mélange des comparateurs (`{}` et `{}`)",
                            a.symbol(),
                            b.symbol()
                        ),
                        format!(
                            "the schedule mixes comparators (`{}` and `{}`)",
                            a.symbol(),
                            b.symbol()
                        ),
                    ),
                    t(
                        "utilisez le même comparateur pour chaque année, par exemple `≥ 20 en 2026, ≥ 30 en 2028`",
                        "use one comparator for every year, e.g. `≥ 20 en 2026, ≥ 30 en 2028`",
                    ),
                ))
            }
            (None, Some(b)) => op = Some(b),
            _ => {}
        }
        if let Some(u) = &level.unit {
            let folded = lexer::fold(u);
            match &unit {
                Some((_, f)) if *f != folded => {
                    return Err(err(
                        level.span.clone(),
                        t(
                            format!(
                                "l'échéancier mélange des unités (`{}` et `{u}`)",
                                unit_text(&unit)
                            ),
                            format!(
                                "the schedule mixes units (`{}` and `{u}`)",
                                unit_text(&unit)
                            ),
                        ),
                        t(
                            "utilisez la même unité pour chaque année",
                            "use one unit for every year",
                        ),
                    ))
                }
                Some(_) => {}
                None => unit = Some((u.clone(), folded)),
            }
        }
        if let Some(w) = level.per {
            match per {
                Some(p) if p != w => {
                    return Err(err(
                        level.span.clone(),
                        t(
                            format!(
                                "l'échéancier mélange des périodes (`/ {}` et `/ {}`)",
                                p.label(Lang::Fr),
                                w.label(Lang::Fr)
                            ),
                            format!(
                                "the schedule mixes periods (`/ {}` and `/ {}`)",
                                p.label(Lang::Fr),
                                w.label(Lang::Fr)
                            ),
                        ),
                        t(
                            "utilisez la même période pour chaque année",
                            "use one period for every year",
                        ),
                    ))
                }
                _ => per = Some(w),
            }
        }
        percent |= level.percent;
        out.push(ScheduleStep {
            year: *year,
            value: level.value,
        });
    }
    Ok(Target {
        kind: TargetKind::Schedule {
            op,
            steps: out,
            percent,
        },
        per,
        unit: unit.map(|(u, _)| u),
        subject: None,
    })
}

fn unit_text(unit: &Option<(String, String)>) -> &str {
    unit.as_ref().map_or("", |(u, _)| u.as_str())
}

struct Parser<'a> {
    input: &'a str,
    tokens: &'a [Token],
    pos: usize,
    /// The offset just after the body (the closing parenthesis, or the end of the input).
    end_offset: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self, k: usize) -> Option<&'a Token> {
        self.tokens.get(self.pos + k)
    }

    fn kind(&self, k: usize) -> Option<&'a TokenKind> {
        self.peek(k).map(|t| &t.kind)
    }

    fn word(&self, k: usize) -> Option<&'a str> {
        match self.kind(k) {
            Some(TokenKind::Word(w)) => Some(w.as_str()),
            _ => None,
        }
    }

    fn word_in(&self, k: usize, words: &[&str]) -> bool {
        self.word(k).is_some_and(|w| words.contains(&w))
    }

    fn is_number(&self, k: usize) -> bool {
        matches!(self.kind(k), Some(TokenKind::Number(_)))
    }

    /// The span of the current token, or an empty span at the end of the body.
    fn here(&self) -> Range<usize> {
        self.peek(0)
            .map_or(self.end_offset..self.end_offset, |t| t.span.clone())
    }

    /// The text of the current token.
    fn here_text(&self) -> String {
        self.input.get(self.here()).unwrap_or("").to_string()
    }

    /// The span from the current token to the end of the body.
    fn rest_span(&self) -> Range<usize> {
        let start = self.here().start;
        let end = self.tokens.last().map_or(start, |t| t.span.end).max(start);
        start..end
    }

    /// The input text from the start of token `from` to the end of the token before `pos`.
    fn text_since(&self, from: usize) -> &'a str {
        self.input.get(self.span_since(from)).unwrap_or("")
    }

    /// The span from the start of token `from` to the end of the token before `pos`.
    fn span_since(&self, from: usize) -> Range<usize> {
        let start = self.tokens.get(from).map_or(0, |t| t.span.start);
        let end = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(start, |t| t.span.end);
        start..end.max(start)
    }

    /// The tokens `from..to` as written, with one space where the input had white space.
    fn joined(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        let mut last_end: Option<usize> = None;
        for t in self.tokens.get(from..to).unwrap_or(&[]) {
            if let Some(end) = last_end
                && t.span.start > end
            {
                out.push(' ');
            }
            out.push_str(self.input.get(t.span.clone()).unwrap_or(""));
            last_end = Some(t.span.end);
        }
        out
    }

    /// The text of the current token, for messages.
    fn describe_here(&self) -> Text {
        match self.peek(0) {
            Some(token) => {
                let quoted = format!("`{}`", self.input.get(token.span.clone()).unwrap_or(""));
                t(quoted.clone(), quoted)
            }
            None => t("la fin de la cible", "the end of the target"),
        }
    }

    /// A message naming the current token: `fr` and `en` with `{}` in its place.
    fn about_here(&self, fr: &str, en: &str) -> Text {
        let here = self.describe_here();
        t(fr.replace("{}", &here.fr), en.replace("{}", &here.en))
    }

    fn error(&self, code: TargetErrorCode, span: Range<usize>, message: Text) -> TargetError {
        TargetError::new(code, self.input, span, message)
    }

    /// If the phrase matches at offset `k`, its length in tokens.
    fn phrase_at(&self, k: usize, phrase: Phrase) -> Option<usize> {
        phrase
            .iter()
            .enumerate()
            .all(|(i, slot)| self.word_in(k + i, slot))
            .then_some(phrase.len())
    }

    /// If the phrase matches at the current position, its length in tokens.
    fn match_phrase(&self, phrase: Phrase) -> Option<usize> {
        self.phrase_at(0, phrase)
    }

    /// The first of `phrases` that matches here, with its value and length.
    fn match_any<T: Copy>(&self, phrases: &[(Phrase, T)]) -> Option<(T, usize)> {
        phrases
            .iter()
            .find_map(|(p, v)| self.match_phrase(p).map(|n| (*v, n)))
    }

    fn finish(&self) -> Result<()> {
        if self.peek(0).is_none() {
            return Ok(());
        }
        let message = if matches!(self.kind(0), Some(TokenKind::LParen | TokenKind::RParen)) {
            t(
                "des parenthèses ne peuvent entourer que la cible entière",
                "parentheses may only surround the whole target",
            )
        } else {
            self.about_here(
                "{} inattendu après la cible",
                "unexpected {} after the target",
            )
        };
        let hint = if matches!(self.kind(0), Some(TokenKind::Comma | TokenKind::Semicolon)) {
            t(
                "une cible est une seule expression ; des niveaux par année s'écrivent `20 en 2026, 30 en 2028`",
                "a target is one expression; per-year levels are written `20 en 2026, 30 en 2028`",
            )
        } else {
            t(
                "une cible est une seule expression, comme `> 200`, `+20 %` ou `réalisé d'ici 2027`",
                "a target is one expression, such as `> 200`, `+20 %` or `réalisé d'ici 2027`",
            )
        };
        Err(self
            .error(TargetErrorCode::TrailingInput, self.rest_span(), message)
            .with_hint(hint))
    }

    /// A deadline phrase at offset `k` (`d'ici`, `avant fin`, `au plus tard en`, `en`…):
    /// its relation and length in tokens. The year is not checked.
    fn deadline_phrase(&self, k: usize) -> Option<(DeadlineRelation, usize)> {
        use DeadlineRelation::{Before, By, In};
        let w = |i: usize| self.word(k + i).unwrap_or("");
        let (mut relation, mut n) = match (w(0), w(1), w(2)) {
            ("d'ici", _, _) => (By, 1),
            ("d'", "ici", _) => (By, 2),
            ("by", _, _) => (By, 1),
            ("a", "l'horizon", _) => (By, 2),
            ("l'horizon" | "horizon", _, _) => (By, 1),
            ("au", "plus", "tard") => (By, 3),
            ("at", "the", "latest") => (By, 3),
            ("avant" | "before", _, _) => (Before, 1),
            ("au", "cours", "de") => (In, 3),
            ("courant", _, _) => (In, 1),
            ("en" | "in" | "during", _, _) => (In, 1),
            ("fin", _, _) => (By, 0),
            ("end", "of", _) => (By, 0),
            _ => return None,
        };
        // `d'ici à 2030`, `au plus tard en 2027`, `au cours de l'année 2026`.
        if relation == By && w(n) == "a" && matches!(w(0), "d'ici" | "d'") {
            n += 1;
        }
        if w(0) == "au" && w(1) == "plus" && matches!(w(n), "en" | "in") {
            n += 1;
        }
        if w(n) == "l'annee" && relation == In {
            n += 1;
        }
        // The end of the year: `avant fin 2027`, `d'ici la fin de 2026`, `by the end of 2027`.
        let end_of = match (w(n), w(n + 1), w(n + 2)) {
            ("la", "fin", "de" | "d'") | ("the", "end", "of") => 3,
            ("fin", "de" | "d'", _) | ("end", "of", _) => 2,
            ("fin", _, _) => 1,
            _ => 0,
        };
        if end_of > 0 {
            n += end_of;
            if w(n) == "l'annee" {
                n += 1;
            }
            relation = By;
        }
        (n > 0).then_some((relation, n))
    }

    /// A deadline here followed by a number: its relation and phrase length.
    fn deadline_ahead(&self) -> Option<(DeadlineRelation, usize)> {
        self.deadline_phrase(0).filter(|(_, n)| self.is_number(*n))
    }

    /// Read a deadline phrase of `n` tokens and its year.
    fn read_deadline(
        &mut self,
        relation: DeadlineRelation,
        n: usize,
    ) -> Result<(Deadline, Range<usize>)> {
        let from = self.pos;
        self.pos += n;
        let word = self.text_since(from).to_string();
        let span = self.here();
        let year = self.year(&word)?;
        Ok((Deadline { relation, year }, span))
    }

    fn target(&mut self) -> Result<Target> {
        if self.peek(0).is_none() {
            return Err(self.error(
                TargetErrorCode::Empty,
                0..self.input.len(),
                t("cible vide", "empty target"),
            ));
        }
        // A leading deadline: `d'ici 2027, au moins 4 par an`.
        if let Some((relation, n)) = self.deadline_ahead() {
            let year_first_step = matches!(relation, DeadlineRelation::In)
                && n == 1
                && self.kind(n + 1) == Some(&TokenKind::Colon);
            if !year_first_step {
                let (deadline, span) = self.read_deadline(relation, n)?;
                if matches!(self.kind(0), Some(TokenKind::Comma | TokenKind::Colon)) {
                    self.pos += 1;
                }
                let target = self.core()?;
                return self.attach_deadline(target, deadline, span);
            }
        }
        self.core()
    }

    /// Give a target the deadline written before it.
    fn attach_deadline(
        &self,
        mut target: Target,
        deadline: Deadline,
        span: Range<usize>,
    ) -> Result<Target> {
        let slot = match &mut target.kind {
            TargetKind::Compare { deadline, .. }
            | TargetKind::Range { deadline, .. }
            | TargetKind::Relative { deadline, .. }
            | TargetKind::Points { deadline, .. }
            | TargetKind::Milestone { deadline } => deadline,
            TargetKind::Schedule { .. } => return Err(self
                .error(
                    TargetErrorCode::InvalidSchedule,
                    span,
                    t(
                        "un échéancier donne ses propres années ; il ne prend pas d'échéance",
                        "a schedule lists its own years; it takes no deadline",
                    ),
                )
                .with_hint(t(
                    "écrivez les années dans l'échéancier, par exemple `20 en 2026, 30 en 2028`",
                    "write the years in the schedule, e.g. `20 en 2026, 30 en 2028`",
                ))),
        };
        if slot.is_some() {
            return Err(self
                .error(
                    TargetErrorCode::UnexpectedToken,
                    span,
                    t("la cible a deux échéances", "the target has two deadlines"),
                )
                .with_hint(t(
                    "gardez une seule échéance, par exemple `≥ 4 / an d'ici 2027`",
                    "keep one deadline, e.g. `≥ 4 / an d'ici 2027`",
                )));
        }
        *slot = Some(deadline);
        Ok(target)
    }

    fn core(&mut self) -> Result<Target> {
        let Some(first) = self.peek(0) else {
            return Err(self.expected_number(
                "",
                t(
                    "écrivez une cible comme `> 200`",
                    "write a target such as `> 200`",
                ),
            ));
        };
        match &first.kind {
            TokenKind::Cmp(op) => {
                self.pos += 1;
                self.compare(Some(*op), 0)
            }
            TokenKind::Plus | TokenKind::Minus => self.signed_change(),
            TokenKind::Number(_) if self.year_first_step_ahead() => self.schedule(None),
            TokenKind::Number(_) => self.bare_number(),
            TokenKind::Word(_) => self.word_start(),
            _ => Err(self.unexpected_start()),
        }
    }

    fn unexpected_start(&self) -> TargetError {
        if let Some(err) = self.qualitative() {
            return err;
        }
        let mut err = self
            .error(
                TargetErrorCode::UnexpectedToken,
                self.here(),
                self.about_here(
                    "une cible ne peut pas commencer par {}",
                    "a target cannot start with {}",
                ),
            )
            .with_expected(t(
                "un comparateur (`>`, `≥`, `au moins`…), un nombre, une évolution signée \
                 (`+20 %`), `entre` ou `réalisé`",
                "a comparator (`>`, `≥`, `au moins`…), a number, a signed change (`+20 %`), \
                 `entre`, or `réalisé`",
            ));
        err = match self.kind(0) {
            Some(TokenKind::Slash | TokenKind::Percent) => err.with_hint(t(
                "commencez par le nombre, par exemple `> 24 / an` ou `≥ 70 %`",
                "start with the number, e.g. `> 24 / an` or `≥ 70 %`",
            )),
            Some(TokenKind::Word(w)) if period_word(w).is_some() => err.with_hint(t(
                "commencez par le nombre, par exemple `≥ 4 / an`",
                "start with the number, e.g. `≥ 4 / an`",
            )),
            _ => err.with_hint(t(
                "écrivez une cible comme `> 200`, `+20 %`, `entre 10 et 20` ou `réalisé`",
                "write a target such as `> 200`, `+20 %`, `entre 10 et 20` or `réalisé`",
            )),
        };
        err
    }

    /// A target without any number that uses the words of qualitative aims.
    fn qualitative(&self) -> Option<TargetError> {
        let numbers = self
            .tokens
            .iter()
            .any(|t| matches!(t.kind, TokenKind::Number(_)));
        let cue = self.tokens.iter().any(|t| match &t.kind {
            TokenKind::Word(w) => QUALITATIVE_CUES.contains(&w.as_str()),
            _ => false,
        });
        (!numbers && cue).then(|| {
            let span = self.rest_span();
            self.error(
                TargetErrorCode::QualitativeWording,
                span,
                qualitative_message(),
            )
            .with_expected(measurable())
            .with_hint(qualitative_hint())
        })
    }

    /// A word comparator here, consumed.
    fn leading_comparator(&mut self) -> Option<Comparator> {
        if let Some(TokenKind::Cmp(op)) = self.kind(0) {
            self.pos += 1;
            return Some(*op);
        }
        let (op, n) = self.match_any(COMPARATOR_PHRASES)?;
        self.pos += n;
        Some(op)
    }

    /// After a comparator (tokens `from..pos`): a level, then maybe more years of a schedule.
    fn compare(&mut self, op: Option<Comparator>, from: usize) -> Result<Target> {
        let start = self.pos;
        let level = self.level(op, from, true)?;
        self.after_level(level, start)
    }

    /// A level ends a target, or opens a schedule when a year and another step follow.
    fn after_level(&mut self, level: Level, start: usize) -> Result<Target> {
        if level.deadline.is_some() && self.separator_ahead().is_some() {
            let year = level.deadline.and_then(|d| d.due_year()).unwrap_or(0);
            let span = self.span_since(start);
            return self.schedule(Some((year, span, level)));
        }
        Ok(level.into_compare())
    }

    /// After the comparator (tokens `from..pos`, or none): a signed number, `%`, unit,
    /// period, and a deadline when `deadline` allows it.
    fn level(&mut self, op: Option<Comparator>, from: usize, deadline: bool) -> Result<Level> {
        let start = self.pos;
        let after = if op.is_some() {
            self.text_since(from).to_string()
        } else {
            String::new()
        };
        if op.is_none() && matches!(self.kind(0), Some(TokenKind::Plus | TokenKind::Minus)) {
            return Err(self
                .error(
                    TargetErrorCode::UnexpectedSign,
                    self.here(),
                    t(
                        format!(
                            "un niveau est un nombre ; `{}` en fait une évolution",
                            self.here_text()
                        ),
                        format!(
                            "a level is a number; `{}` makes it a change",
                            self.here_text()
                        ),
                    ),
                )
                .with_expected(t(
                    "un nombre, ou un comparateur et un nombre",
                    "a number, or a comparator and a number",
                ))
                .with_hint(t(
                    "écrivez le niveau, par exemple `20` ou `≥ 20`",
                    "write the level, e.g. `20` or `≥ 20`",
                )));
        }
        let number_at = self.pos;
        let value = self.signed_number(
            &after,
            t(
                "écrivez un seuil comme `> 200`",
                "write a threshold such as `> 200`",
            ),
        )?;
        let percent = self.eat_percent();
        let (unit, per, trailing) = self.suffix()?;
        // `une meilleure qualité`, `une amélioration`: an article, not a count.
        let article = self
            .tokens
            .get(number_at)
            .and_then(|t| self.input.get(t.span.clone()))
            .is_some_and(|w| matches!(lexer::fold(w).as_str(), "un" | "une" | "one" | "a"));
        let qualitative_unit = unit.as_deref().is_some_and(|u| {
            u.split_whitespace()
                .any(|w| QUALITATIVE_CUES.contains(&lexer::fold(w).as_str()))
        });
        if article && qualitative_unit {
            return Err(self
                .error(
                    TargetErrorCode::QualitativeWording,
                    self.span_since(number_at),
                    qualitative_message(),
                )
                .with_expected(measurable())
                .with_hint(qualitative_hint()));
        }
        let op = self.merge_comparators(op, trailing)?;
        let deadline = if deadline {
            match self.deadline_ahead() {
                Some((relation, n)) => Some(self.read_deadline(relation, n)?.0),
                None => None,
            }
        } else {
            None
        };
        let start_offset = self.tokens.get(start).map_or(0, |t| t.span.start);
        let span = start_offset..self.span_since(start).end.max(start_offset);
        Ok(Level {
            op,
            value,
            percent,
            unit,
            per,
            deadline,
            span,
        })
    }

    /// A comparator written before the number and one written after must agree.
    fn merge_comparators(
        &self,
        lead: Option<Comparator>,
        trailing: Option<(Comparator, Range<usize>)>,
    ) -> Result<Option<Comparator>> {
        match (lead, trailing) {
            (Some(a), Some((b, span))) if a != b => Err(self
                .error(
                    TargetErrorCode::UnexpectedToken,
                    span.clone(),
                    t(
                        format!(
                            "`{}` contredit le comparateur `{}`",
                            self.input.get(span.clone()).unwrap_or(""),
                            a.symbol()
                        ),
                        format!(
                            "`{}` contradicts the comparator `{}`",
                            self.input.get(span).unwrap_or(""),
                            a.symbol()
                        ),
                    ),
                )
                .with_hint(t(
                    "écrivez un seul comparateur, par exemple `≥ 70 %` ou `70 % minimum`",
                    "write one comparator, e.g. `≥ 70 %` or `70 % minimum`",
                ))),
            (Some(a), _) => Ok(Some(a)),
            (None, t) => Ok(t.map(|(b, _)| b)),
        }
    }

    /// An optional `+`/`-` sign, then a number (a sign alone is an error).
    fn signed_number(&mut self, after: &str, hint: Text) -> Result<f64> {
        let sign = match self.kind(0) {
            Some(TokenKind::Plus) => 1.0,
            Some(TokenKind::Minus) => -1.0,
            _ => 0.0,
        };
        let mut after = after.to_string();
        if sign != 0.0 {
            after = self.here_text();
            self.pos += 1;
        }
        match self.kind(0) {
            Some(TokenKind::Number(n)) => {
                self.pos += 1;
                Ok(if sign < 0.0 { -n.value } else { n.value })
            }
            _ => Err(self.expected_number(&after, hint)),
        }
    }

    fn expected_number(&self, after: &str, hint: Text) -> TargetError {
        let message = if after.is_empty() {
            t("un nombre est attendu", "expected a number")
        } else {
            t(
                format!("un nombre est attendu après `{after}`"),
                format!("expected a number after `{after}`"),
            )
        };
        self.error(TargetErrorCode::ExpectedNumber, self.here(), message)
            .with_expected(a_number())
            .with_hint(hint)
    }

    /// `%`, `pour cent`, `pourcent`, `percent`.
    fn eat_percent(&mut self) -> bool {
        if self.kind(0) == Some(&TokenKind::Percent) || self.word_in(0, &["pourcent", "percent"]) {
            self.pos += 1;
            true
        } else if self.word(0) == Some("pour") && self.word(1) == Some("cent") {
            self.pos += 2;
            true
        } else {
            false
        }
    }

    /// `points`, `point`, `pts`, `pt`, optionally `percentage points`, `points de pourcentage`.
    fn eat_points(&mut self) -> bool {
        let skip = usize::from(self.word(0) == Some("percentage"));
        if !self.word_in(skip, &["points", "point", "pts", "pt"]) {
            return false;
        }
        self.pos += skip + 1;
        if self.word(0) == Some("de") && self.word(1) == Some("pourcentage") {
            self.pos += 2;
        }
        true
    }

    /// A trailing comparator here (`minimum`, `ou plus`), consumed, with its span.
    fn trailing_comparator(&mut self) -> Option<(Comparator, Range<usize>)> {
        let (op, n) = self.match_any(TRAILING_COMPARATORS)?;
        let from = self.pos;
        self.pos += n;
        Some((op, self.span_since(from)))
    }

    /// Whether the unit's words end `k` tokens ahead: a trailing comparator, a deadline, a
    /// period or a separator starts there.
    fn unit_ends_after(&mut self, k: usize) -> bool {
        let save = self.pos;
        self.pos += k;
        let ends = self.trailing_comparator().is_some()
            || self.deadline_ahead().is_some()
            || self.period_ahead()
            || self.separator_ahead().is_some();
        self.pos = save;
        ends
    }

    /// Whether a period starts here.
    fn period_ahead(&self) -> bool {
        (self.kind(0) == Some(&TokenKind::Slash) && !self.is_number(1))
            || (self.word_in(0, HARD_PERIOD_MARKERS) && !self.is_number(1))
            || (self.word_in(0, SOFT_PERIOD_MARKERS)
                && self.word(1).and_then(period_word).is_some())
            || self.word(0).and_then(period_adjective).is_some()
            || self.long_period(0).is_some()
    }

    /// The multi-word periods: `tous les ans`, `dans l'année`, `sur la durée de la
    /// convention`, `over the plan period`, `en cumulé`: the window and the length.
    fn long_period(&self, k: usize) -> Option<(Window, usize)> {
        let w = |i: usize| self.word(k + i).unwrap_or("");
        if matches!(w(0), "tous" | "toutes") && w(1) == "les" {
            return period_word(w(2)).map(|p| (p, 3));
        }
        if w(0) == "dans" && matches!(w(1), "l'annee" | "l'an") {
            return Some((Window::Year, 2));
        }
        if matches!(w(0), "sur" | "pendant") {
            let mut n = 1;
            if w(n) == "toute" {
                n += 1;
            }
            if w(n) != "la" || !matches!(w(n + 1), "duree" | "periode") {
                return None;
            }
            n += 2;
            return match (w(n), w(n + 1)) {
                ("de", "la") if matches!(w(n + 2), "convention" | "ctg") => {
                    Some((Window::Plan, n + 3))
                }
                ("du", "plan" | "contrat" | "projet") => Some((Window::Plan, n + 2)),
                _ => None,
            };
        }
        if w(0) == "over" {
            let mut n = 1;
            if w(n) == "the" {
                n += 1;
            }
            if w(n) == "whole" {
                n += 1;
            }
            if w(n) != "plan" {
                return None;
            }
            n += 1;
            if w(n) == "period" {
                n += 1;
            }
            return Some((Window::Plan, n));
        }
        if w(0) == "en" && matches!(w(1), "cumule" | "cumul") {
            return Some((Window::Plan, 2));
        }
        None
    }

    /// Unit words, trailing comparators, then an optional period (and a trailing
    /// comparator after it).
    #[allow(clippy::type_complexity)]
    fn suffix(
        &mut self,
    ) -> Result<(
        Option<String>,
        Option<Window>,
        Option<(Comparator, Range<usize>)>,
    )> {
        let mut trailing: Option<(Comparator, Range<usize>)> = None;
        let unit_start = self.pos;
        let mut unit_end = self.pos;
        loop {
            if self.deadline_ahead().is_some() || self.period_ahead() {
                break;
            }
            if let Some(t) = self.trailing_comparator() {
                if trailing.is_some() {
                    return Err(self.two_trailing(t.1));
                }
                trailing = Some(t);
                continue;
            }
            if self.separator_ahead().is_some() {
                break;
            }
            // A rate base: `places pour 100 enfants`, `/ 1 000 habitants`.
            let rate_marker = self.word_in(0, &["pour", "per", "par", "for"])
                || self.kind(0) == Some(&TokenKind::Slash);
            let rate_number = self.is_number(1) || self.word_in(1, &["cent", "mille"]);
            if rate_marker && rate_number && trailing.is_none() {
                self.pos += 2;
                unit_end = self.pos;
                continue;
            }
            // A number inside the unit's words: `enfants de moins de 3 ans`.
            let inner_number = self.is_number(0)
                && self.pos > unit_start
                && self.word(1).is_some()
                && self.pos.checked_sub(1).is_some_and(|i| {
                    matches!(self.tokens.get(i).map(|t| &t.kind),
                        Some(TokenKind::Word(w)) if UNIT_NUMBER_LEADS.contains(&w.as_str()))
                });
            // Not when the word after the number ends the unit (`des 0 minimum`): the
            // number would then end the unit, and the target's text would not read back.
            if inner_number && trailing.is_none() && !self.unit_ends_after(1) {
                self.pos += 1;
                unit_end = self.pos;
                continue;
            }
            let Some(word) = self.word(0) else { break };
            if matches!(word, "vs" | "versus") {
                return Err(self.level_vs_baseline());
            }
            if trailing.is_some() {
                break;
            }
            let first = self.pos == unit_start;
            let reserved = NOT_A_UNIT_START.contains(&word)
                || MILESTONE_WORDS.contains(&word)
                || CHANGE_PHRASES
                    .iter()
                    .any(|(phrase, _)| self.match_phrase(phrase).is_some());
            if first && reserved {
                return Err(self
                    .error(
                        TargetErrorCode::UnexpectedToken,
                        self.here(),
                        self.about_here(
                            "{} inattendu après le nombre",
                            "unexpected {} after the number",
                        ),
                    )
                    .with_expected(t(
                        "une unité (`places`, `COPIL`), une période (`/ an`) ou la fin",
                        "a unit (`places`, `COPIL`), a period (`/ an`) or the end",
                    ))
                    .with_hint(t(
                        "écrivez une seule cible : un niveau (`> 200 places / an`), une \
                         fourchette (`entre 10 et 20`), une évolution (`+20 %`) ou un jalon \
                         (`réalisé d'ici 2027`)",
                        "write one target: a level (`> 200 places / an`), a range \
                         (`entre 10 et 20`), a change (`+20 %`) or a milestone \
                         (`réalisé d'ici 2027`)",
                    )));
            }
            if matches!(word, "puis" | "then") {
                break;
            }
            if let Some(n) = self.increase_words() {
                let from = self.pos;
                self.pos += n;
                let span = self.span_since(from);
                return Err(self
                    .error(
                        TargetErrorCode::UnexpectedToken,
                        span,
                        t(
                            format!(
                                "`{}` fait du nombre une hausse, pas un niveau à atteindre",
                                self.text_since(from)
                            ),
                            format!(
                                "`{}` makes the number an increase, not a level to reach",
                                self.text_since(from)
                            ),
                        ),
                    )
                    .with_hint(t(
                        "écrivez le niveau à atteindre (`≥ 120 places`) ou une évolution \
                         relative (`+20 %`)",
                        "write the level to reach (`≥ 120 places`) or a relative change \
                         (`+20 %`)",
                    )));
            }
            self.pos += 1;
            unit_end = self.pos;
        }
        let unit = (unit_end > unit_start).then(|| self.joined(unit_start, unit_end));
        let per = self.period()?;
        if per.is_some()
            && let Some(t) = self.trailing_comparator()
        {
            if trailing.is_some() {
                return Err(self.two_trailing(t.1));
            }
            trailing = Some(t);
        }
        Ok((unit, per, trailing))
    }

    /// Words that make a number an increase over the baseline (`20 places supplémentaires`,
    /// `10 % de plus`): their length in tokens.
    fn increase_words(&self) -> Option<usize> {
        if self.word(0).is_some_and(|w| {
            w.starts_with("supplementaire") || w.starts_with("additionnel") || w == "additional"
        }) {
            return Some(1);
        }
        // `de plus`, `en moins` — but `enfants de moins de 3 ans` is a unit.
        (self.word_in(0, &["de", "en"])
            && self.word_in(1, &["plus", "moins"])
            && !self.word_in(2, &["de", "d'"]))
        .then_some(2)
    }

    fn two_trailing(&self, span: Range<usize>) -> TargetError {
        self.error(
            TargetErrorCode::UnexpectedToken,
            span,
            t(
                "le niveau a deux comparateurs après le nombre",
                "the level has two trailing comparators",
            ),
        )
        .with_hint(t(
            "écrivez un seul comparateur, par exemple `70 % minimum`",
            "write one comparator, e.g. `70 % minimum`",
        ))
    }

    fn level_vs_baseline(&self) -> TargetError {
        self.error(
            TargetErrorCode::SuffixNotAllowed,
            self.rest_span(),
            t(
                "un niveau ne se compare pas à la référence",
                "a level is not compared with the baseline",
            ),
        )
        .with_hint(t(
            "pour une évolution relative, écrivez `+20 % par rapport à la référence`",
            "for a relative change write `+20 % par rapport à la référence`",
        ))
    }

    /// An optional period: `/ an`, `par mois`, `per quarter`, `a year`, `chaque année`,
    /// `tous les mois`, `annuel`, `sur la durée de la convention`.
    fn period(&mut self) -> Result<Option<Window>> {
        if let Some(w) = self.word(0).and_then(period_adjective) {
            self.pos += 1;
            return Ok(Some(w));
        }
        if let Some((w, n)) = self.long_period(0) {
            self.pos += n;
            return Ok(Some(w));
        }
        let marker = if self.kind(0) == Some(&TokenKind::Slash) {
            true
        } else if self.word_in(0, HARD_PERIOD_MARKERS) {
            if self.word(1) == Some("rapport") {
                return Err(self.level_vs_baseline());
            }
            true
        } else {
            self.word_in(0, SOFT_PERIOD_MARKERS) && self.word(1).and_then(period_word).is_some()
        };
        if !marker {
            return Ok(None);
        }
        let marker_text = self.here_text();
        self.pos += 1;
        let period_hint = t(
            "comptez par semaine (`/ semaine`), mois (`/ mois`), trimestre (`/ trimestre`), \
             semestre (`/ semestre`) ou année (`/ an`)",
            "count per week (`/ semaine`), month (`/ mois`), quarter (`/ trimestre`), \
             half-year (`/ semestre`) or year (`/ an`)",
        );
        let expected = t(
            "`semaine`, `mois`, `trimestre`, `semestre` ou `an` (`week`, `month`, `quarter`, \
             `half-year`, `year`)",
            "`semaine`, `mois`, `trimestre`, `semestre` or `an` (`week`, `month`, `quarter`, \
             `half-year`, `year`)",
        );
        match self.word(0) {
            Some(w) => match period_word(w) {
                Some(window) => {
                    self.pos += 1;
                    // `par année civile`.
                    if window == Window::Year && self.word_in(0, &["civile", "calendar"]) {
                        self.pos += 1;
                    }
                    Ok(Some(window))
                }
                None => Err(self
                    .error(
                        TargetErrorCode::UnknownPeriod,
                        self.here(),
                        self.about_here("période inconnue {}", "unknown period {}"),
                    )
                    .with_expected(expected)
                    .with_hint(period_hint)),
            },
            None => Err(self
                .error(
                    TargetErrorCode::ExpectedPeriod,
                    self.here(),
                    t(
                        format!("une période est attendue après `{marker_text}`"),
                        format!("expected a period after `{marker_text}`"),
                    ),
                )
                .with_expected(expected)
                .with_hint(period_hint)),
        }
    }

    /// A target starting with a number: a bare threshold (at least), a bare range, or the
    /// first level of a schedule.
    fn bare_number(&mut self) -> Result<Target> {
        let start = self.pos;
        let low = self.number_value();
        self.pos += 1;
        let low_percent = self.eat_percent();
        let dash = self.kind(0) == Some(&TokenKind::Minus);
        let joiner = self.word_in(0, BARE_RANGE_JOINERS) && self.is_number(1);
        if dash || joiner {
            let joiner_text = self.here_text();
            self.pos += 1;
            let high = match self.kind(0) {
                Some(TokenKind::Number(n)) => n.value,
                _ => return Err(self.expected_number(&joiner_text, range_hint())),
            };
            self.pos += 1;
            let high_percent = self.eat_percent();
            return self.finish_range(start, low, high, low_percent || high_percent);
        }
        self.pos = start;
        self.compare(None, start)
    }

    fn number_value(&self) -> f64 {
        match self.kind(0) {
            Some(TokenKind::Number(n)) => n.value,
            _ => 0.0,
        }
    }

    /// Check the bounds (tokens `start..pos`) and read the suffix and deadline.
    fn finish_range(&mut self, start: usize, low: f64, high: f64, percent: bool) -> Result<Target> {
        if low > high {
            let span = self.span_since(start);
            let (lo, hi) = (format_number(high, Lang::Fr), format_number(low, Lang::Fr));
            return Err(self
                .error(
                    TargetErrorCode::InvalidRange,
                    span,
                    t(
                        format!(
                            "la borne basse ({}) dépasse la borne haute ({})",
                            format_number(low, Lang::Fr),
                            format_number(high, Lang::Fr)
                        ),
                        format!(
                            "the lower bound ({}) is greater than the upper bound ({})",
                            format_number(low, Lang::En),
                            format_number(high, Lang::En)
                        ),
                    ),
                )
                .with_hint(t(
                    format!("écrivez d'abord la plus petite borne : `entre {lo} et {hi}`"),
                    format!("write the smaller bound first: `entre {lo} et {hi}`"),
                )));
        }
        let (unit, per, trailing) = self.suffix()?;
        if let Some((_, span)) = trailing {
            return Err(self
                .error(
                    TargetErrorCode::UnexpectedToken,
                    span,
                    t(
                        "une fourchette ne prend pas de comparateur",
                        "a range takes no comparator",
                    ),
                )
                .with_hint(t(
                    "écrivez la fourchette seule, par exemple `entre 10 et 20`",
                    "write the range alone, e.g. `entre 10 et 20`",
                )));
        }
        let deadline = match self.deadline_ahead() {
            Some((relation, n)) => Some(self.read_deadline(relation, n)?.0),
            None => None,
        };
        Ok(Target {
            kind: TargetKind::Range {
                low,
                high,
                percent,
                deadline,
            },
            per,
            unit,
            subject: None,
        })
    }

    /// A target starting with a word.
    fn word_start(&mut self) -> Result<Target> {
        // `Objectif : 20 familles`, `Cible : ≥ 4 / an`.
        if self.word_in(0, &["objectif", "cible", "target", "goal"])
            && self.kind(1) == Some(&TokenKind::Colon)
        {
            self.pos += 2;
            return self.core();
        }
        // `Atteindre 80 %`, `atteindre au moins 30 places`: the level to reach.
        if self.word_in(0, &["atteindre", "reach", "reaching"]) && self.peek(1).is_some() {
            self.pos += 1;
            let from = self.pos;
            let op = self.leading_comparator().unwrap_or(Comparator::Ge);
            let start = self.pos;
            let level = self.level(Some(op), from, true)?;
            return self.after_level(level, start);
        }
        if let Some((op, n)) = self.match_any(COMPARATOR_PHRASES) {
            self.pos += n;
            return self.compare(Some(op), 0);
        }
        if self.word_in(0, RANGE_OPENERS) {
            return self.range();
        }
        if let Some((percent, n)) = self.match_any(FACTOR_PHRASES) {
            self.pos += n;
            return self.change_tail(TargetKind::Relative {
                percent,
                baseline_year: None,
                deadline: None,
            });
        }
        if self.word_in(
            0,
            &["multiplier", "multiply", "diviser", "divide", "division"],
        ) && self.word_in(1, &["par", "by"])
        {
            return self.factor();
        }
        for (phrase, direction) in CHANGE_PHRASES {
            if let Some(n) = self.match_phrase(phrase) {
                self.pos += n;
                return self.verbal_change(*direction);
            }
        }
        if self.word_in(0, MAINTAIN_WORDS) {
            return self.maintain();
        }
        if let Some(n) = STABLE_PHRASES.iter().find_map(|p| self.match_phrase(p)) {
            self.pos += n;
            return self.no_decrease();
        }
        if self.word_in(0, MILESTONE_WORDS) {
            self.pos += 1;
            return self.milestone();
        }
        if self.word_in(0, &["en", "in"]) && self.year_first_step_ahead_at(1) {
            return self.schedule(None);
        }
        Err(self.unexpected_start())
    }

    /// `multiplier par 2` (+100 %), `diviser par deux` (−50 %).
    fn factor(&mut self) -> Result<Target> {
        let divide = self.word_in(0, &["diviser", "divide", "division"]);
        self.pos += 2;
        let verb = self.text_since(0).to_string();
        let Some(TokenKind::Number(n)) = self.kind(0) else {
            return Err(self.expected_number(&verb, factor_hint()));
        };
        let factor = n.value;
        if factor <= 0.0 {
            return Err(self
                .error(
                    TargetErrorCode::InvalidNumber,
                    self.here(),
                    t(
                        format!("un facteur doit être positif, pas `{}`", self.here_text()),
                        format!("a factor must be positive, not `{}`", self.here_text()),
                    ),
                )
                .with_hint(factor_hint()));
        }
        self.pos += 1;
        let percent = if divide {
            (1.0 / factor - 1.0) * 100.0
        } else {
            (factor - 1.0) * 100.0
        };
        self.change_tail(TargetKind::Relative {
            percent,
            baseline_year: None,
            deadline: None,
        })
    }

    /// `maintien à 30 places` (at least 30), or `maintien` alone (no decrease).
    fn maintain(&mut self) -> Result<Target> {
        self.pos += 1;
        let back = self.pos;
        if let Some(n) = MAINTAIN_LINKS.iter().find_map(|p| self.match_phrase(p)) {
            self.pos += n;
        }
        // `maintenir au moins 3`.
        let op = self.leading_comparator().unwrap_or(Comparator::Ge);
        if self.is_number(0) {
            let start = self.pos;
            let level = self.level(Some(op), start, true)?;
            return self.after_level(level, start);
        }
        self.pos = back;
        self.no_decrease()
    }

    /// No decrease against the baseline: `+0 %`, with an optional subject, baseline and
    /// deadline.
    fn no_decrease(&mut self) -> Result<Target> {
        self.change_tail(TargetKind::Relative {
            percent: 0.0,
            baseline_year: None,
            deadline: None,
        })
    }

    /// Whether `YEAR :` (a step of a schedule written year first) starts at offset `k`.
    fn year_first_step_ahead_at(&self, k: usize) -> bool {
        matches!(self.kind(k), Some(TokenKind::Number(n)) if n.plain_integer)
            && self.kind(k + 1) == Some(&TokenKind::Colon)
    }

    fn year_first_step_ahead(&self) -> bool {
        self.year_first_step_ahead_at(0)
    }

    /// A separator between two steps of a schedule here: its length in tokens.
    fn separator_ahead(&self) -> Option<usize> {
        let mut n = 0;
        while matches!(self.kind(n), Some(TokenKind::Comma | TokenKind::Semicolon)) {
            n += 1;
        }
        if self.word_in(n, STEP_WORDS) {
            n += 1;
        }
        if n == 0 {
            return None;
        }
        // Another step must follow: a number, a comparator, or `en 2026 :`.
        let k = n;
        let step = self.is_number(k)
            || matches!(self.kind(k), Some(TokenKind::Cmp(_)))
            || COMPARATOR_PHRASES
                .iter()
                .any(|(p, _)| self.phrase_at(k, p).is_some())
            || (self.word_in(k, &["en", "in"]) && self.year_first_step_ahead_at(k + 1));
        step.then_some(n)
    }

    /// A schedule: the steps after `first` (already read, when the first step was a level
    /// with its year), each `20 en 2026` or `2026 : 20`.
    fn schedule(&mut self, first: Option<(i32, Range<usize>, Level)>) -> Result<Target> {
        let mut steps: Vec<(i32, Range<usize>, Level)> = first.into_iter().collect();
        loop {
            if !steps.is_empty() {
                match self.separator_ahead() {
                    Some(n) => self.pos += n,
                    None => break,
                }
            }
            steps.push(self.step()?);
        }
        if steps.len() < 2 {
            // `2026 : 20` alone: a level due that year.
            if let Some((year, _, mut level)) = steps.pop() {
                level.deadline = Some(Deadline {
                    relation: DeadlineRelation::In,
                    year,
                });
                return Ok(level.into_compare());
            }
        }
        merge_steps(self.input, steps)
    }

    /// One step of a schedule: `[en] 2026 : ≥ 20` or `≥ 20 en 2026`; its year, the span of
    /// the step and its level.
    fn step(&mut self) -> Result<(i32, Range<usize>, Level)> {
        let start = self.pos;
        if self.word_in(0, &["en", "in"]) && self.year_first_step_ahead_at(1) {
            self.pos += 1;
        }
        if self.year_first_step_ahead() {
            let year = self.year("")?;
            self.pos += 1; // `:`
            let from = self.pos;
            let op = self.leading_comparator();
            let level = self.level(op, from, false)?;
            return Ok((year, self.span_since(start), level));
        }
        let from = self.pos;
        let op = self.leading_comparator();
        let level = self.level(op, from, true)?;
        let Some(deadline) = level.deadline else {
            return Err(self
                .error(
                    TargetErrorCode::InvalidSchedule,
                    level.span.clone(),
                    t(
                        "un niveau de l'échéancier n'a pas d'année",
                        "a level of the schedule has no year",
                    ),
                )
                .with_expected(t(
                    "une année, par exemple `en 2028`",
                    "a year, e.g. `en 2028`",
                ))
                .with_hint(t(
                    "donnez à chaque niveau son année : `20 en 2026, 30 en 2028`",
                    "give every level its year: `20 en 2026, 30 en 2028`",
                )));
        };
        let year = deadline.due_year().unwrap_or(deadline.year);
        let mut level = level;
        level.deadline = None;
        Ok((year, self.span_since(start), level))
    }

    /// `entre 10 et 20`, `between 10 and 20`, `de 10 à 20`, `from 10 to 20`.
    fn range(&mut self) -> Result<Target> {
        let opener = self.here_text();
        self.pos += 1;
        let start = self.pos;
        let low = self.signed_number(&opener, range_hint())?;
        let low_percent = self.eat_percent();
        let joined = self.word_in(0, RANGE_JOINERS) || self.kind(0) == Some(&TokenKind::Minus);
        if !joined {
            return Err(self
                .error(
                    TargetErrorCode::UnexpectedToken,
                    self.here(),
                    self.about_here(
                        "`et` est attendu entre les bornes, pas {}",
                        "expected `et` between the bounds, found {}",
                    ),
                )
                .with_expected(t("`et` (`and`)", "`et` (`and`)"))
                .with_hint(range_hint()));
        }
        let joiner = self.here_text();
        self.pos += 1;
        let high = self.signed_number(&joiner, range_hint())?;
        let high_percent = self.eat_percent();
        self.finish_range(start, low, high, low_percent || high_percent)
    }

    /// `+20 %`, `-10 %`, `+5 points`.
    fn signed_change(&mut self) -> Result<Target> {
        let start = self.pos;
        let sign = if self.kind(0) == Some(&TokenKind::Minus) {
            -1.0
        } else {
            1.0
        };
        let sign_text = self.here_text();
        self.pos += 1;
        let value = match self.kind(0) {
            Some(TokenKind::Number(n)) => n.value,
            _ => {
                return Err(self.expected_number(
                    &sign_text,
                    t(
                        "écrivez une évolution relative comme `+20 %` ou `-10 %`",
                        "write a relative change such as `+20 %` or `-10 %`",
                    ),
                ))
            }
        };
        self.pos += 1;
        self.change_unit(start, start, sign * value)
    }

    /// `augmentation de 20 %`, `réduction de 10 %`, `increase of 5 points`.
    fn verbal_change(&mut self, direction: f64) -> Result<Target> {
        let verb = self.text_since(0).to_string();
        if matches!(self.kind(0), Some(TokenKind::Plus | TokenKind::Minus)) {
            return Err(self
                .error(
                    TargetErrorCode::UnexpectedSign,
                    self.here(),
                    t(
                        format!("`{verb}` donne déjà le sens : le signe est inutile"),
                        format!("`{verb}` already gives the direction; no sign is needed"),
                    ),
                )
                .with_expected(a_number())
                .with_hint(t(
                    format!("supprimez le signe, par exemple `{verb} 10 %`"),
                    format!("remove the sign, e.g. `{verb} 10 %`"),
                )));
        }
        let start = self.pos;
        let value = match self.kind(0) {
            Some(TokenKind::Number(n)) => n.value,
            _ => {
                return Err(self.expected_number(
                    &verb,
                    t(
                        "écrivez une évolution comme `réduction de 10 %`",
                        "write a change such as `réduction de 10 %`",
                    ),
                ))
            }
        };
        self.pos += 1;
        self.change_unit(0, start, direction * value)
    }

    /// After the signed value of a change (tokens `from..pos`, the number from `number`):
    /// `%` or `points`, then the tail.
    fn change_unit(&mut self, from: usize, number: usize, value: f64) -> Result<Target> {
        let kind = if self.eat_percent() {
            // A decrease of more than 100 % would go below zero: no count, rate or amount
            // can (`-100 %` is reaching 0, which can be an aim: no vacant post left).
            if value < -100.0 {
                let written = self.text_since(from).to_string();
                let span = self.span_since(number);
                return Err(self
                    .error(
                        TargetErrorCode::ImpossibleTarget,
                        span,
                        t(
                            format!("`{written}` est une baisse de plus de 100 % : la valeur deviendrait négative"),
                            format!("`{written}` is a decrease of more than 100%: the value would become negative"),
                        ),
                    )
                    .with_hint(t(
                        "une baisse va au plus jusqu'à −100 % (atteindre 0) ; pour une cible de niveau, écrivez `≤ …`",
                        "a decrease goes at most to −100% (reaching 0); for a level, write `≤ …`",
                    )));
            }
            TargetKind::Relative {
                percent: value,
                baseline_year: None,
                deadline: None,
            }
        } else if self.eat_points() {
            TargetKind::Points {
                points: value,
                baseline_year: None,
                deadline: None,
            }
        } else {
            let written = self.text_since(from).to_string();
            let span = self.span_since(number);
            return Err(self
                .error(
                    TargetErrorCode::MissingPercent,
                    span,
                    t(
                        format!("une évolution relative demande `%` ou `points` après `{written}`"),
                        format!("a relative change needs `%` or `points` after `{written}`"),
                    ),
                )
                .with_expected(t("`%` ou `points`", "`%` or `points`"))
                .with_hint(t(
                    format!(
                        "écrivez `{written} %` pour une évolution relative ou `{written} points` \
                         pour des points de pourcentage ; un niveau s'écrit `≥ …`"
                    ),
                    format!(
                        "write `{written} %` for a relative change or `{written} points` for \
                         percentage points; a level is written `≥ …`"
                    ),
                )));
        };
        self.change_tail(kind)
    }

    /// After a change: an optional subject, then a baseline and a deadline in either order,
    /// and nothing else.
    fn change_tail(&mut self, mut kind: TargetKind) -> Result<Target> {
        let subject = self.subject()?;
        let mut baseline_seen = false;
        let mut deadline_seen = false;
        loop {
            if !baseline_seen && let Some(year) = self.baseline()? {
                baseline_seen = true;
                if let Some(y) = year
                    && let TargetKind::Relative { baseline_year, .. }
                    | TargetKind::Points { baseline_year, .. } = &mut kind
                {
                    *baseline_year = Some(y);
                }
                continue;
            }
            if !deadline_seen && let Some((relation, n)) = self.deadline_ahead() {
                let (d, _) = self.read_deadline(relation, n)?;
                deadline_seen = true;
                if let TargetKind::Relative { deadline, .. } | TargetKind::Points { deadline, .. } =
                    &mut kind
                {
                    *deadline = Some(d);
                }
                continue;
            }
            break;
        }
        if self.peek(0).is_some()
            && !matches!(self.kind(0), Some(TokenKind::LParen | TokenKind::RParen))
        {
            let (what_fr, what) = match kind {
                TargetKind::Points { .. } => ("une évolution en points", "a change in points"),
                _ => ("une évolution relative", "a relative change"),
            };
            let per_period = self.kind(0) == Some(&TokenKind::Slash)
                || (self.word_in(0, HARD_PERIOD_MARKERS)
                    && self.word(1).and_then(period_word).is_some());
            if per_period {
                return Err(self
                    .error(
                        TargetErrorCode::SuffixNotAllowed,
                        self.rest_span(),
                        t(
                            format!("{what_fr} par période (`+5 % par an`) ne fait pas partie du langage"),
                            format!("{what} per period (`+5 % par an`) is not part of the language"),
                        ),
                    )
                    .with_hint(t(
                        "écrivez l'évolution sur la durée du plan (`+20 %`, `+10 % d'ici 2027`) \
                         ou le niveau de chaque année (`2026 : 105 ; 2027 : 110`)",
                        "write the change over the plan (`+20 %`, `+10 % d'ici 2027`) or the \
                         level of each year (`2026 : 105 ; 2027 : 110`)",
                    )));
            }
            return Err(self
                .error(
                    TargetErrorCode::SuffixNotAllowed,
                    self.rest_span(),
                    t(
                        format!("{what_fr} ne prend ni unité ni période"),
                        format!("{what} takes no unit or period"),
                    ),
                )
                .with_hint(t(
                    "écrivez l'évolution seule, par exemple `+20 %`, ou nommez ce qui évolue \
                     (`+20 % des places`) ; la fenêtre de l'indicateur fixe la période",
                    "write the change alone, e.g. `+20 %`, or name what changes \
                     (`+20 % des places`); the indicator's window sets the period",
                )));
        }
        Ok(Target {
            kind,
            per: None,
            unit: None,
            subject,
        })
    }

    /// What a change applies to: `des vacances de postes`, `du nombre d'enfants`, `of
    /// vacancies`. Words only, up to a baseline, a deadline or a period.
    fn subject(&mut self) -> Result<Option<String>> {
        let starts = self.word(0).is_some_and(|w| {
            SUBJECT_STARTS.contains(&w)
                || ((w.starts_with("d'") || w.starts_with("l'")) && w.len() > 2)
        });
        if !starts || self.deadline_ahead().is_some() {
            return Ok(None);
        }
        let start = self.pos;
        while let Some(w) = self.word(0) {
            let stops = self.deadline_ahead().is_some()
                || (w == "par"
                    && (self.word(1) == Some("rapport")
                        || self.word(1).and_then(period_word).is_some()))
                || (w == "per" && self.word(1).and_then(period_word).is_some())
                || matches!(w, "vs" | "versus" | "depuis" | "since")
                || (matches!(w, "compared" | "relative") && self.word_in(1, &["to", "with"]));
            if stops {
                break;
            }
            self.pos += 1;
        }
        if self.is_number(0) {
            return Err(self
                .error(
                    TargetErrorCode::UnexpectedToken,
                    self.here(),
                    self.about_here(
                        "nombre {} inattendu dans ce à quoi s'applique l'évolution",
                        "unexpected number {} in what the change applies to",
                    ),
                )
                .with_hint(t(
                    "une évolution nomme en mots ce qui évolue (`−10 % des vacances de postes`) ; \
                     un niveau s'écrit `maintien à 30 places` ou `≥ 30 places`",
                    "a change names what changes in words (`−10 % des vacances de postes`); \
                     a level is written `maintien à 30 places` or `≥ 30 places`",
                )));
        }
        Ok((self.pos > start).then(|| self.joined(start, self.pos)))
    }

    /// An optional mention of the baseline: `par rapport à la référence`, `vs baseline`,
    /// `par rapport à 2024`, `vs 2023`, `depuis 2024`, `par rapport à l'année de
    /// référence`. `None`: no mention; `Some(year)`: a mention, with its year if written.
    fn baseline(&mut self) -> Result<Option<Option<i32>>> {
        let lead = if self.word(0) == Some("par") && self.word(1) == Some("rapport") {
            if self.word_in(2, &["a", "au", "aux"]) {
                3
            } else {
                2
            }
        } else if self.word_in(0, &["vs", "versus"]) {
            if self.kind(1) == Some(&TokenKind::Dot) {
                2
            } else {
                1
            }
        } else if self.word_in(0, &["compared", "relative"]) && self.word_in(1, &["to", "with"]) {
            2
        } else if self.word_in(0, &["depuis", "since"]) && self.is_number(1) {
            1
        } else {
            return Ok(None);
        };
        self.pos += lead;
        let lead_text = self.text_since(self.pos - lead).to_string();
        if self.word_in(0, &["la", "the"]) {
            self.pos += 1;
        }
        // `l'année de référence`, `l'année 2024`, `the baseline year`, `year 2024`.
        if self.word_in(0, &["l'annee", "l'an", "annee", "year"]) {
            self.pos += 1;
            if self.word(0) == Some("de") && self.word_in(1, BASELINE_WORDS) {
                self.pos += 2;
                return Ok(Some(None));
            }
            if self.word_in(0, BASELINE_WORDS) {
                self.pos += 1;
                return Ok(Some(None));
            }
            return self.year(&lead_text).map(|y| Some(Some(y)));
        }
        if self.word_in(0, BASELINE_WORDS) {
            self.pos += 1;
            if self.word_in(0, &["year", "annee"]) {
                self.pos += 1;
            }
            // `la référence 2024`.
            if self.is_number(0) {
                return self.year(&lead_text).map(|y| Some(Some(y)));
            }
            return Ok(Some(None));
        }
        if self.is_number(0) {
            return self.year(&lead_text).map(|y| Some(Some(y)));
        }
        Err(self
            .error(
                TargetErrorCode::UnexpectedToken,
                self.here(),
                self.about_here(
                    "la référence est attendue, pas {}",
                    "expected the baseline, found {}",
                ),
            )
            .with_expected(t(
                "`la référence` (`baseline`) ou une année",
                "`la référence` (`baseline`) or a year",
            ))
            .with_hint(t(
                "écrivez `par rapport à la référence`, `par rapport à 2024` ou `vs 2024`, ou rien",
                "write `par rapport à la référence`, `par rapport à 2024` or `vs 2024`, or nothing",
            )))
    }

    /// After a milestone word: an optional deadline.
    fn milestone(&mut self) -> Result<Target> {
        let mut deadline = None;
        if let Some((relation, n)) = self.deadline_phrase(0) {
            deadline = Some(self.read_deadline(relation, n)?.0);
        }
        let deadline_words = t(
            "`avant`, `d'ici` ou `en` (`before`, `by`, `in`)",
            "`avant`, `d'ici` or `en` (`before`, `by`, `in`)",
        );
        let deadline_hint = t(
            "écrivez `réalisé d'ici 2027`, `réalisé avant 2026` ou `réalisé en 2025`",
            "write `réalisé d'ici 2027`, `réalisé avant 2026` or `réalisé en 2025`",
        );
        if self.kind(0) == Some(&TokenKind::Slash) || self.word_in(0, HARD_PERIOD_MARKERS) {
            return Err(self
                .error(
                    TargetErrorCode::SuffixNotAllowed,
                    self.rest_span(),
                    t(
                        "un jalon ne prend ni unité ni période",
                        "a milestone takes no unit or period",
                    ),
                )
                .with_hint(deadline_hint));
        }
        if deadline.is_none() {
            let message = match self.kind(0) {
                Some(TokenKind::Number(_)) => Some(self.about_here(
                    "un mot d'échéance est attendu avant {}",
                    "expected a deadline word before {}",
                )),
                Some(TokenKind::Word(_)) => Some(self.about_here(
                    "{} inattendu après le jalon",
                    "unexpected {} after the milestone",
                )),
                _ => None,
            };
            if let Some(message) = message {
                return Err(self
                    .error(TargetErrorCode::UnexpectedToken, self.here(), message)
                    .with_expected(deadline_words)
                    .with_hint(deadline_hint));
            }
        }
        Ok(Target {
            kind: TargetKind::Milestone { deadline },
            per: None,
            unit: None,
            subject: None,
        })
    }

    /// A year after `word`.
    fn year(&mut self, word: &str) -> Result<i32> {
        let Some(TokenKind::Number(n)) = self.kind(0) else {
            let message = if word.is_empty() {
                t("une année est attendue", "expected a year")
            } else {
                t(
                    format!("une année est attendue après `{word}`"),
                    format!("expected a year after `{word}`"),
                )
            };
            return Err(self
                .error(TargetErrorCode::ExpectedYear, self.here(), message)
                .with_expected(a_year())
                .with_hint(year_hint()));
        };
        let span = self.here();
        let text = self.input.get(span.clone()).unwrap_or("").to_string();
        if !n.plain_integer {
            return Err(self
                .error(
                    TargetErrorCode::InvalidYear,
                    span,
                    t(
                        format!("`{text}` n'est pas une année"),
                        format!("`{text}` is not a year"),
                    ),
                )
                .with_expected(a_year())
                .with_hint(year_hint()));
        }
        let in_range = (f64::from(MIN_YEAR)..=f64::from(MAX_YEAR)).contains(&n.value);
        if !in_range {
            return Err(self
                .error(
                    TargetErrorCode::InvalidYear,
                    span,
                    t(
                        format!("l'année `{text}` est hors de {MIN_YEAR}..={MAX_YEAR}"),
                        format!("year `{text}` is outside {MIN_YEAR}..={MAX_YEAR}"),
                    ),
                )
                .with_expected(a_year())
                .with_hint(year_hint()));
        }
        self.pos += 1;
        // In range and integral: the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        Ok(n.value as i32)
    }
}
