//! Workbooks (`io::read_xlsx`: .xlsx, .xlsm, .xlsb, .xls, .ods) on the Sundgau plan,
//! strict and lenient (the checks of `observations_csv`; rows are the sheet's).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check_read(
        |opts| ctg_core::io::read_xlsx(common::sundgau(), data, opts),
        None,
    );
});
