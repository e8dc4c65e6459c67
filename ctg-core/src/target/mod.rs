//! The target language: lexer, parser, AST, display and errors.
//!
//! Targets are the short expressions a CTG plan writes next to its indicators: `> 200`,
//! `>24/an`, `+20%`, `Réduction de 10%`, `1 COPIL/an`, `entre 10 et 20`, `réalisé d'ici 2027`.

mod ast;

pub use ast::{Comparator, Deadline, DeadlineRelation, Target, TargetKind};
