//! Observations CSV (any bytes: every encoding the reader detects) on the Sundgau plan,
//! strict and lenient: a strict success reads the same rows leniently; every problem has
//! a code, a message in both languages and a row inside the input; whatever reads
//! evaluates.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
    common::check_read(
        |opts| ctg_core::io::read_csv(common::sundgau(), data, opts),
        Some(lines),
    );
});
