//! The target language: lexer, parser, AST, display and errors.
//!
//! Targets are the short expressions a CTG plan writes next to its indicators: `> 200`,
//! `>24/an`, `+20%`, `Réduction de 10%`, `1 COPIL/an`, `entre 10 et 20`, `réalisé d'ici 2027`.

mod ast;

pub use ast::{Comparator, Deadline, DeadlineRelation, Target, TargetKind};

// TEMPORARY stub until the parser lands (replaced by lexer/parser/display/error modules).
#[allow(missing_docs)]
mod stub {
    use super::*;
    #[derive(Debug, Clone, PartialEq)]
    pub struct TargetError {
        pub code: TargetErrorCode,
        pub span: std::ops::Range<usize>,
        pub message: String,
        pub hint: Option<String>,
        pub input: String,
    }
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub enum TargetErrorCode {
        Unexpected,
    }
    impl TargetErrorCode {
        pub fn as_str(self) -> &'static str {
            "unexpected_token"
        }
    }
    impl TargetError {
        pub fn render(&self) -> String {
            self.message.clone()
        }
    }
    impl std::fmt::Display for TargetError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.message)
        }
    }
    impl std::error::Error for TargetError {}
    pub fn parse(input: &str) -> Result<Target, TargetError> {
        Err(TargetError {
            code: TargetErrorCode::Unexpected,
            span: 0..input.len(),
            message: "stub".into(),
            hint: None,
            input: input.into(),
        })
    }
    impl Target {
        pub fn display(&self, _l: crate::Lang) -> String {
            self.to_string()
        }
    }
    impl std::fmt::Display for Target {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self)
        }
    }
}
pub use stub::*;
