//! Action sheets (*fiches d'action*).

use serde::{Deserialize, Serialize};

use super::{Indicator, Partner, Schedule};

/// An action sheet (*fiche d'action*) of the plan, following the CTG template's headings.
///
/// Field names are English; the template's French headings are accepted as aliases in plan
/// files (`constat`, `enjeux`, `objectif`, `description`, `porteur`, `échéancier`,
/// `impact`, `partenaires`, `indicateurs`…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fiche {
    /// The fiche number (*FICHE D'ACTION N°k*).
    #[serde(alias = "numéro", alias = "numero")]
    pub number: u32,
    /// The title.
    #[serde(alias = "titre")]
    pub title: String,
    /// The number of the axis the fiche belongs to.
    #[serde(alias = "axe")]
    pub axis: u32,
    /// Policy themes (*Thématique*).
    #[serde(
        default,
        alias = "thématiques",
        alias = "thematiques",
        alias = "thématique",
        alias = "thematique"
    )]
    pub themes: Vec<String>,
    /// Target publics (*Public cible*).
    #[serde(default, alias = "public_cible", alias = "publics")]
    pub target_publics: Vec<String>,
    /// Findings (*CONSTAT*).
    #[serde(default, alias = "constat")]
    pub findings: String,
    /// Stakes (*ENJEUX*).
    #[serde(default, alias = "enjeux")]
    pub stakes: Vec<String>,
    /// Objective (*OBJECTIF DE L'ACTION*).
    #[serde(default, alias = "objectif")]
    pub objective: String,
    /// Sub-actions (*DESCRIPTION DE L'ACTION*).
    #[serde(
        default,
        alias = "description",
        alias = "actions",
        alias = "sous_actions"
    )]
    pub sub_actions: Vec<SubAction>,
    /// Lead bodies (*PORTEUR DE L'ACTION*): `CCS`, or `CCS` and `COMMUNES`.
    #[serde(default, alias = "porteur", alias = "porteurs")]
    pub leads: Vec<String>,
    /// Schedule (*ÉCHÉANCIER*).
    #[serde(alias = "échéancier", alias = "echeancier", alias = "calendrier")]
    pub schedule: Schedule,
    /// Expected results (*IMPACT POTENTIEL DE L'ACTION / RÉSULTAT ATTENDU*).
    #[serde(
        default,
        alias = "impact",
        alias = "résultats_attendus",
        alias = "resultats_attendus"
    )]
    pub expected_results: Vec<String>,
    /// Partners (*PARTENAIRES*), possibly grouped.
    #[serde(default, alias = "partenaires")]
    pub partners: Vec<Partner>,
    /// Evaluation indicators (*INDICATEUR D'ÉVALUATION*).
    #[serde(default, alias = "indicateurs")]
    pub indicators: Vec<Indicator>,
}

/// A sub-action of a fiche's description, with labelled items (`■ Label : text`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubAction {
    /// The number, when the plan numbers its sub-actions (fiche 7 does not).
    #[serde(
        default,
        alias = "numéro",
        alias = "numero",
        skip_serializing_if = "Option::is_none"
    )]
    pub number: Option<u32>,
    /// The heading, as written.
    #[serde(alias = "titre")]
    pub title: String,
    /// Its items.
    #[serde(default, alias = "éléments", alias = "elements")]
    pub items: Vec<Item>,
}

/// A labelled item of a sub-action (`■ Forum des acteurs sociaux : Organiser un forum…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The label before the colon, if any.
    #[serde(
        default,
        alias = "libellé",
        alias = "libelle",
        skip_serializing_if = "Option::is_none"
    )]
    pub label: Option<String>,
    /// The text.
    #[serde(alias = "texte")]
    pub text: String,
}
