//! Partners (*partenaires*).

use serde::{Deserialize, Serialize};

/// A partner of a fiche, or a named group of partners (`Institutions : CAF, CeA, MSA`).
///
/// In plan files a partner is either a plain string or a table with `name` and `members`:
///
/// ```
/// use ctg_core::model::Partner;
/// #[derive(serde::Deserialize)]
/// struct F { partners: Vec<Partner> }
/// let f: F = toml::from_str(r#"partners = ["CLS", { name = "Institutions", members = ["CAF", "CeA", "MSA"] }]"#).unwrap();
/// assert_eq!(f.partners[0].name, "CLS");
/// assert_eq!(f.partners[1].members, ["CAF", "CeA", "MSA"]);
/// assert_eq!(f.partners[1].to_string(), "Institutions : CAF, CeA, MSA");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "PartnerRepr", into = "PartnerRepr")]
pub struct Partner {
    /// The partner, or the group's name.
    pub name: String,
    /// The group's members, if it is a group.
    pub members: Vec<String>,
}

impl std::fmt::Display for Partner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)?;
        if !self.members.is_empty() {
            write!(f, " : {}", self.members.join(", "))?;
        }
        Ok(())
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum PartnerRepr {
    Name(String),
    Group {
        #[serde(alias = "nom")]
        name: String,
        #[serde(default, alias = "membres")]
        members: Vec<String>,
    },
}

impl From<PartnerRepr> for Partner {
    fn from(r: PartnerRepr) -> Self {
        match r {
            PartnerRepr::Name(name) => Partner {
                name,
                members: Vec::new(),
            },
            PartnerRepr::Group { name, members } => Partner { name, members },
        }
    }
}

impl From<Partner> for PartnerRepr {
    fn from(p: Partner) -> Self {
        if p.members.is_empty() {
            PartnerRepr::Name(p.name)
        } else {
            PartnerRepr::Group {
                name: p.name,
                members: p.members,
            }
        }
    }
}
