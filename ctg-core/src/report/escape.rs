//! Escaping for HTML, Markdown and CSV cells.

/// Neutralise a CSV text cell that a spreadsheet would run as a formula (the OWASP rule
/// against CSV injection): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'`, so that Excel or LibreOffice shows the text instead of
/// evaluating `=HYPERLINK(…)`. A cell that is a number as written (`-3`, `-2,5`, `+1e3`) is
/// left as it is: numbers are not formulas. Every CSV that ctg writes (results, entry
/// template, entry guide) goes through it.
///
/// ```
/// use ctg_core::report::escape_csv;
/// assert_eq!(escape_csv("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(escape_csv("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(escape_csv("\t=1"), "'\t=1");
/// assert_eq!(escape_csv("-2,5"), "-2,5");
/// assert_eq!(escape_csv("Familles accueillies"), "Familles accueillies");
/// ```
pub fn escape_csv(s: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let number = || {
        let t = s.replace(',', ".");
        t.parse::<f64>().is_ok_and(f64::is_finite) && !t.contains(['\t', '\r'])
    };
    if risky && !number() {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Escape text for HTML content and attribute values.
///
/// ```
/// use ctg_core::report::escape_html;
/// assert_eq!(escape_html("<script>\"x\" & 'y'</script>"), "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escape text for a Markdown table cell or paragraph: HTML-significant characters are
/// escaped (Markdown renders raw HTML), Markdown punctuation is backslash-escaped, and
/// line breaks become spaces.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
