//! Pure type conversions between JavaScript values and ctg-core inputs, free of any JS
//! dependency so that they compile and are unit-tested on the host.
//!
//! Nothing here decides what an observation means: an array of objects becomes ctg-core
//! records ([`ctg_core::io::records`], converted in `js.rs`), read by the core's one record
//! reader, exactly as JSON objects and Python dicts are.

use chrono::NaiveDate;

/// Parse the `asOf` option with the core's date reader ([`ctg_core::io::parse_date`]):
/// `2026-12-31` or `31/12/2026`, as in observation files.
///
/// ```
/// use ctg_wasm::convert::parse_as_of;
/// assert_eq!(parse_as_of("31/12/2026"), parse_as_of(" 2026-12-31 "));
/// assert_eq!(parse_as_of("2026-02-30"), None);
/// ```
pub fn parse_as_of(text: &str) -> Option<NaiveDate> {
    ctg_core::io::parse_date(text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn as_of() {
        assert_eq!(
            parse_as_of("2026-12-31"),
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
        assert_eq!(parse_as_of("demain"), None);
    }
}
