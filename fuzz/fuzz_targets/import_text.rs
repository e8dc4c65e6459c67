//! The importer on text (`import::import_text`): findings are problems with a code and a
//! message in both languages; the checklist and the reviewable TOML render; a plan that
//! passes its checks loads back from its reviewable TOML unchanged.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    common::check_imported(&ctg_core::import::import_text(text));
});
