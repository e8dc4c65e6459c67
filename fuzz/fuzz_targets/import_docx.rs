//! The importer on documents (`import::import_document`: .docx, else text): the checks of
//! `import_text`; a refusal has a snake_case code and a message in both languages.
#![no_main]

mod common;

use ctg_core::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match ctg_core::import::import_document(data) {
        Ok(imported) => common::check_imported(&imported),
        Err(e) => {
            common::check_code(e.code());
            assert!(!e.message(Lang::Fr).is_empty() && !e.message(Lang::En).is_empty());
        }
    }
});
