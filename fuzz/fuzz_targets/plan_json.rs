//! Plans in JSON: a plan that loads validates and its TOML loads back the same; an error
//! has problems, each with a code, a message in both languages and a line inside the file.
#![no_main]

mod common;

use ctg_core::model::Plan;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    match Plan::from_json(src) {
        Ok(plan) => common::check_plan(&plan),
        Err(e) => common::check_plan_error(src, &e),
    }
});
