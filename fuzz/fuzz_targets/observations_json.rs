//! Observations JSON on the Sundgau plan, strict and lenient (the checks of
//! `observations_csv`; a row is at most the number of array items).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let items = input.matches(',').count() + 1;
    common::check_read(
        |opts| ctg_core::io::read_json(common::sundgau(), input, opts),
        Some(items),
    );
});
