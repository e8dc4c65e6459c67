//! The target parser: a target that parses displays (in French and in English) and parses
//! back to the same target; an error has a snake_case code, a span on character
//! boundaries inside the input, and a message in both languages.
#![no_main]

mod common;

use ctg_core::target::parse;
use ctg_core::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match parse(input) {
        Ok(t) => {
            for lang in [Lang::Fr, Lang::En] {
                let text = t.display(lang);
                match parse(&text) {
                    Ok(again) => assert_eq!(again, t, "{input:?} -> {text:?}"),
                    Err(e) => panic!(
                        "{input:?} -> {text:?} does not parse back:\n{}",
                        e.render(Lang::En)
                    ),
                }
            }
        }
        Err(e) => {
            common::check_code(e.code.as_str());
            assert!(
                e.span.start <= e.span.end && e.span.end <= input.len(),
                "{input:?}: {:?}",
                e.span
            );
            assert!(input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end));
            assert_eq!(e.input, input);
            common::check_problems(&[e.problem(Lang::Fr)], &[e.problem(Lang::En)]);
            assert!(e
                .render(Lang::En)
                .starts_with(&format!("error[{}]", e.code.as_str())));
        }
    }
});
