//! The results workbook (*classeur de résultats*) for the COPIL, the error type of both
//! workbooks, and the helpers they share (typed cells, status colours, fixed properties).
//!
//! The writer is rust_xlsxwriter (feature `spreadsheet`); the error type exists without
//! it, so that a caller can name it in every build.

// Without the writer, what only the workbooks use is left unused.
#![cfg_attr(not(feature = "spreadsheet"), allow(dead_code))]

use crate::Lang;

/// The sheets of the two workbooks, named in the workbook's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SheetId {
    /// Entry workbook: the observations (« Saisie »).
    Entry,
    /// Entry workbook: the plan's indicators (« Indicateurs »).
    Guide,
    /// Entry workbook: how to fill it (« Mode d'emploi »).
    HowTo,
    /// Results workbook: the results table (« Résultats »).
    Results,
    /// Results workbook: fiche, axis and plan scores (« Scores »).
    Scores,
    /// Results workbook: notes and diagnostics (« Notes »).
    Notes,
}

impl SheetId {
    /// The sheet's name in `lang` (at most 31 characters, no `[]:*?/\`).
    pub(crate) fn name(self, lang: Lang) -> &'static str {
        match self {
            SheetId::Entry => lang.pick("Saisie", "Entry"),
            SheetId::Guide => lang.pick("Indicateurs", "Indicators"),
            SheetId::HowTo => lang.pick("Mode d'emploi", "How to"),
            SheetId::Results => lang.pick("Résultats", "Results"),
            SheetId::Scores => lang.pick("Scores", "Scores"),
            SheetId::Notes => lang.pick("Notes", "Notes"),
        }
    }
}

/// What was being written when a workbook failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    Sheet(SheetId),
    File,
    /// This build of ctg writes no workbooks (the main web module).
    Unsupported,
}

/// A workbook that could not be written (stable code `workbook_failed`).
///
/// It says which sheet (or the saving of the file) failed, never a value of the data: the
/// writer's own message, which may quote a cell, is not kept.
///
/// ```
/// use ctg_core::report::WorkbookError;
/// let err = WorkbookError::file();
/// assert_eq!(err.code(), "workbook_failed");
/// assert_eq!(err.render(ctg_core::Lang::Fr), "le classeur Excel n'a pas pu être écrit (enregistrement du fichier)");
/// assert_eq!(err.to_string(), err.render(ctg_core::Lang::Fr));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkbookError {
    part: Part,
}

impl WorkbookError {
    /// The stable code of every workbook error.
    pub const CODE: &'static str = "workbook_failed";

    /// The error of a sheet.
    pub(crate) fn sheet(sheet: SheetId) -> Self {
        WorkbookError {
            part: Part::Sheet(sheet),
        }
    }

    /// The error of saving the file (the zip container).
    pub fn file() -> Self {
        WorkbookError { part: Part::File }
    }

    /// The error of a build without spreadsheets (the main web module): code
    /// `spreadsheet_unsupported`.
    ///
    /// ```
    /// let err = ctg_core::report::WorkbookError::unsupported();
    /// assert_eq!(err.code(), "spreadsheet_unsupported");
    /// ```
    pub fn unsupported() -> Self {
        WorkbookError {
            part: Part::Unsupported,
        }
    }

    /// `workbook_failed`, or `spreadsheet_unsupported` for a build without spreadsheets.
    pub fn code(&self) -> &'static str {
        match self.part {
            Part::Unsupported => "spreadsheet_unsupported",
            _ => Self::CODE,
        }
    }

    /// The error as a [`Problem`](crate::problem::Problem) in `lang` (kind `call`).
    pub fn problem(&self, lang: Lang) -> crate::problem::Problem {
        crate::problem::Problem::new(
            self.code(),
            crate::problem::ProblemKind::Call,
            self.render(lang),
            lang,
        )
    }

    /// The message in `lang`: what failed (a sheet, or the saving of the file).
    ///
    /// ```
    /// let err = ctg_core::report::WorkbookError::file();
    /// assert_eq!(err.render(ctg_core::Lang::En), "the Excel workbook could not be written (saving the file)");
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        if self.part == Part::Unsupported {
            return lang
                .pick(
                    "ce module n'écrit pas de classeur : chargez le module « classeurs » (ctg_wasm_xlsx.js)",
                    "this module writes no workbook: load the spreadsheet module (ctg_wasm_xlsx.js)",
                )
                .to_string();
        }
        let what = match (self.part, lang) {
            (Part::Sheet(s), Lang::Fr) => format!("feuille « {} »", s.name(lang)),
            (Part::Sheet(s), Lang::En) => format!("sheet “{}”", s.name(lang)),
            (Part::File | Part::Unsupported, _) => lang
                .pick("enregistrement du fichier", "saving the file")
                .to_string(),
        };
        format!(
            "{} ({what})",
            lang.pick(
                "le classeur Excel n'a pas pu être écrit",
                "the Excel workbook could not be written"
            )
        )
    }
}

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(crate::problem::ERROR_LANG))
    }
}

impl std::error::Error for WorkbookError {}

#[cfg(feature = "spreadsheet")]
pub use self::results::results_workbook;

/// The results workbook: in a build without the `spreadsheet` feature (the main web
/// module), a [`WorkbookError::unsupported`].
#[cfg(not(feature = "spreadsheet"))]
pub fn results_workbook(
    _ev: &crate::eval::Evaluation,
    _opts: &super::ReportOptions,
) -> Result<Vec<u8>, WorkbookError> {
    Err(WorkbookError::unsupported())
}

/// The writing helpers both workbooks share.
#[cfg(feature = "spreadsheet")]
pub(crate) mod xl {
    use chrono::{Datelike, NaiveDate};
    use rust_xlsxwriter::{
        Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
        Worksheet, XlsxError,
    };

    use super::{SheetId, WorkbookError};
    use crate::eval::Status;
    use crate::Lang;

    /// Excel's limit on the characters of a cell.
    const MAX_CELL_CHARS: usize = 32_767;

    /// The number format of dates: French Excel shows `31/12/2026`.
    pub(crate) const DATE_FORMAT: &str = "dd/mm/yyyy";

    /// A `#rrggbb` colour (black if malformed: the colours are the core's constants).
    pub(crate) fn colour(hex: &str) -> Color {
        Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0))
    }

    /// A date as Excel's, if Excel has it (years 1900 to 9999).
    pub(crate) fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
        let year = u16::try_from(d.year()).ok()?;
        let month = u8::try_from(d.month()).ok()?;
        let day = u8::try_from(d.day()).ok()?;
        ExcelDateTime::from_ymd(year, month, day).ok()
    }

    /// The formats of a workbook, built once.
    pub(crate) struct Formats {
        /// Header cells: bold on light grey, a border below, wrapped.
        pub header: Format,
        /// Bold text.
        pub bold: Format,
        /// A title.
        pub title: Format,
        /// The fictional-data banner: bold on pale yellow.
        pub banner: Format,
        /// Dates, `dd/mm/yyyy`.
        pub date: Format,
        /// Whole numbers, `#,##0`.
        pub whole: Format,
        /// Numbers with decimals, `#,##0.0#`.
        pub decimal: Format,
        /// Fractions shown as percentages, `0%`.
        pub percent: Format,
        /// Wrapped text, aligned at the top.
        pub wrap: Format,
        /// Text cells (`@`): what is typed stays text (ids, participants).
        pub text: Format,
        /// Each status's cell, in [`Status::ALL`]'s order.
        statuses: Vec<(Status, Format)>,
    }

    impl Formats {
        pub(crate) fn new() -> Self {
            let grey = colour("#eaeef2");
            let statuses = Status::ALL
                .iter()
                .map(|s| {
                    let f = Format::new()
                        .set_background_color(colour(s.colour()))
                        .set_font_color(colour(s.ink()))
                        .set_bold()
                        .set_border(FormatBorder::Thin)
                        .set_border_color(colour("#8c959f"));
                    (*s, f)
                })
                .collect();
            Formats {
                header: Format::new()
                    .set_bold()
                    .set_background_color(grey)
                    .set_border_bottom(FormatBorder::Thin)
                    .set_text_wrap()
                    .set_align(FormatAlign::Top),
                bold: Format::new().set_bold(),
                title: Format::new().set_bold().set_font_size(14),
                banner: Format::new()
                    .set_bold()
                    .set_background_color(colour("#fff8c5"))
                    .set_font_color(colour("#3b2a00")),
                date: Format::new().set_num_format(DATE_FORMAT),
                whole: Format::new().set_num_format("#,##0"),
                decimal: Format::new().set_num_format("#,##0.0#"),
                percent: Format::new().set_num_format("0%"),
                wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
                text: Format::new().set_num_format("@"),
                statuses,
            }
        }

        /// The cell format of a status: its colour, its readable ink, bold, a border.
        pub(crate) fn status(&self, s: Status) -> &Format {
            self.statuses
                .iter()
                .find(|(x, _)| *x == s)
                .map_or(&self.bold, |(_, f)| f)
        }

        /// The format of a number: whole, or with up to two decimals shown (the cell keeps
        /// every decimal).
        pub(crate) fn number(&self, v: f64) -> &Format {
            if ((v * 100.0).round() / 100.0).fract() == 0.0 {
                &self.whole
            } else {
                &self.decimal
            }
        }
    }

    /// A status as a cell reads it without colour: its icon and label (`✔ Atteint`).
    pub(crate) fn status_text(s: Status, lang: Lang) -> String {
        format!("{} {}", s.icon(), s.label(lang))
    }

    /// Properties fixed by the input (the creation date included), so that the same input
    /// gives the same bytes.
    pub(crate) fn properties(title: &str, created: NaiveDate, lang: Lang) -> DocProperties {
        let props = DocProperties::new()
            .set_title(title)
            .set_author("ctg")
            .set_comment(lang.pick(
                "Produit par ctg (Convention Territoriale Globale)",
                "Made with ctg (Convention Territoriale Globale)",
            ));
        match excel_date(created).or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok()) {
            Some(d) => props.set_creation_datetime(&d),
            None => props,
        }
    }

    /// The workbook's bytes.
    pub(crate) fn save(mut wb: Workbook) -> Result<Vec<u8>, WorkbookError> {
        wb.save_to_buffer().map_err(|_| WorkbookError::file())
    }

    /// A new sheet named in `lang`.
    pub(crate) fn add_sheet(
        wb: &mut Workbook,
        id: SheetId,
        lang: Lang,
    ) -> Result<Sheet<'_>, WorkbookError> {
        let ws = wb.add_worksheet();
        ws.set_name(id.name(lang))
            .map_err(|_| WorkbookError::sheet(id))?;
        Ok(Sheet { ws, id })
    }

    /// A sheet being written: every write checked, every failure a [`WorkbookError`]
    /// naming the sheet.
    pub(crate) struct Sheet<'w> {
        pub ws: &'w mut Worksheet,
        pub id: SheetId,
    }

    impl Sheet<'_> {
        fn check<T>(id: SheetId, r: Result<T, XlsxError>) -> Result<(), WorkbookError> {
            r.map(|_| ()).map_err(|_| WorkbookError::sheet(id))
        }

        /// Text, always as a string cell (never a formula, whatever its first character),
        /// cut at Excel's limit.
        pub(crate) fn text(
            &mut self,
            row: u32,
            col: u16,
            s: &str,
            format: Option<&Format>,
        ) -> Result<(), WorkbookError> {
            let s = if s.chars().nth(MAX_CELL_CHARS).is_some() {
                let mut cut: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
                cut.push('…');
                std::borrow::Cow::Owned(cut)
            } else {
                std::borrow::Cow::Borrowed(s)
            };
            let r = match format {
                Some(f) => self.ws.write_string_with_format(row, col, s.as_ref(), f),
                None => self.ws.write_string(row, col, s.as_ref()),
            };
            Self::check(self.id, r)
        }

        /// A number (a non-finite one, which Excel cannot hold, as text).
        pub(crate) fn number(
            &mut self,
            row: u32,
            col: u16,
            v: f64,
            format: &Format,
            lang: Lang,
        ) -> Result<(), WorkbookError> {
            if !v.is_finite() {
                return self.text(row, col, &crate::fmt::number(v, 2, lang), None);
            }
            let r = self.ws.write_number_with_format(row, col, v, format);
            Self::check(self.id, r)
        }

        /// A date cell (a date Excel cannot hold, before 1900, as text).
        pub(crate) fn date(
            &mut self,
            row: u32,
            col: u16,
            d: NaiveDate,
            format: &Format,
            lang: Lang,
        ) -> Result<(), WorkbookError> {
            match excel_date(d) {
                Some(x) => {
                    let r = self.ws.write_datetime_with_format(row, col, &x, format);
                    Self::check(self.id, r)
                }
                None => self.text(row, col, &crate::fmt::date(d, lang), None),
            }
        }

        /// A boolean cell.
        pub(crate) fn boolean(&mut self, row: u32, col: u16, b: bool) -> Result<(), WorkbookError> {
            let r = self.ws.write_boolean(row, col, b);
            Self::check(self.id, r)
        }

        /// Column widths, in characters, from column 0.
        pub(crate) fn widths(&mut self, widths: &[f64]) -> Result<(), WorkbookError> {
            for (col, w) in widths.iter().enumerate() {
                let col = u16::try_from(col).map_err(|_| WorkbookError::sheet(self.id))?;
                let r = self.ws.set_column_width(col, *w);
                Self::check(self.id, r)?;
            }
            Ok(())
        }

        /// Freeze the rows above `row` and the columns left of `col`.
        pub(crate) fn freeze(&mut self, row: u32, col: u16) -> Result<(), WorkbookError> {
            let r = self.ws.set_freeze_panes(row, col);
            Self::check(self.id, r)
        }

        /// An autofilter over a header row and the rows below it.
        pub(crate) fn autofilter(
            &mut self,
            header: u32,
            last_row: u32,
            last_col: u16,
        ) -> Result<(), WorkbookError> {
            let r = self
                .ws
                .autofilter(header, 0, last_row.max(header), last_col);
            Self::check(self.id, r)
        }

        /// Run a writer call, its failure naming the sheet.
        pub(crate) fn with<F>(&mut self, f: F) -> Result<(), WorkbookError>
        where
            F: for<'a> FnOnce(&'a mut Worksheet) -> Result<&'a mut Worksheet, XlsxError>,
        {
            let r = f(self.ws).map(|_| ());
            Self::check(self.id, r)
        }
    }
}

/// The results workbook.
#[cfg(feature = "spreadsheet")]
mod results {
    use rust_xlsxwriter::Workbook;

    use super::xl::{self, status_text, Formats, Sheet};
    use super::{SheetId, WorkbookError};
    use crate::eval::{score_status, Evaluation, Status, StatusCounts};
    use crate::report::table::{indicator_rows, Cell, CellOptions, ColumnId, Rows, CSV_COLUMNS};
    use crate::report::view::{colon, fictional_banner, scoring_rule};
    use crate::report::ReportOptions;
    use crate::Lang;

    /// The width of a results column, in characters.
    fn width(id: ColumnId) -> f64 {
        match id {
            ColumnId::Axis | ColumnId::Fiche => 6.0,
            ColumnId::Indicator => 10.0,
            ColumnId::Label => 44.0,
            ColumnId::Kind => 13.0,
            ColumnId::Window | ColumnId::State | ColumnId::Coverage => 10.0,
            ColumnId::Start | ColumnId::End => 11.0,
            ColumnId::ValueText => 24.0,
            ColumnId::Target => 26.0,
            ColumnId::Status => 18.0,
            ColumnId::StatusLabel => 16.0,
            ColumnId::Explanation => 100.0,
            _ => 12.0,
        }
    }

    /// The suppression notice of a published report (`Secret statistique : …`).
    fn suppression_notice(t: u32, lang: Lang) -> String {
        match lang {
            Lang::Fr => format!(
                "Secret statistique : les effectifs inférieurs à {t} sont affichés « < {t} »."
            ),
            Lang::En => {
                format!("Statistical confidentiality: counts below {t} are shown as “< {t}”.")
            }
        }
    }

    /// The lines written above a sheet's table: the fictional-data banner, the suppression
    /// notice. Returns the next free row.
    fn preamble(
        sheet: &mut Sheet<'_>,
        ev: &Evaluation,
        opts: &ReportOptions,
        f: &Formats,
    ) -> Result<u32, WorkbookError> {
        let lang = opts.lang;
        let mut row = 0;
        if ev.fictional {
            sheet.text(
                row,
                0,
                &format!("⚠ {}", fictional_banner(lang)),
                Some(&f.banner),
            )?;
            row += 1;
        }
        if let Some(t) = opts.suppress_below {
            sheet.text(row, 0, &suppression_notice(t, lang), Some(&f.bold))?;
            row += 1;
        }
        Ok(row)
    }

    /// The results workbook of an evaluation, for the COPIL: three sheets.
    ///
    /// - **Résultats** (*Results*): every indicator × window (and yearly summary) of
    ///   [`crate::report::render_csv`], with its columns, rows and options (fiches, axes,
    ///   small-count suppression), as typed cells: numbers as numbers, dates as dates
    ///   (`dd/mm/yyyy`), the achievement as a percentage, the status as its icon and label
    ///   on its colour. A hidden count shows `< n` in the value column and leaves the
    ///   columns that would reveal it empty. A banner above the header says when the
    ///   observations are fictional. Header frozen, autofilter.
    /// - **Scores**: the plan's, the shown axes' and fiches' scores, each with the status
    ///   its gauge is drawn as and the headline status counts; the scoring rule.
    /// - **Notes**: the plan, the evaluation date, the selection, the diagnostics, the
    ///   notes of [`crate::report::notes`], and what made the file.
    ///
    /// Deterministic: the same evaluation and options give the same bytes (the file's
    /// creation date is the evaluation date).
    ///
    /// ```
    /// use ctg_core::{eval::{evaluate, EvalOptions}, io::Observations, report::{results_workbook, ReportOptions}};
    /// let plan = ctg_core::plans::sundgau().unwrap();
    /// let ev = evaluate(&plan, &Observations::default(), &EvalOptions::default());
    /// let bytes = results_workbook(&ev, &ReportOptions::default()).unwrap();
    /// assert!(bytes.starts_with(b"PK"));
    /// assert_eq!(bytes, results_workbook(&ev, &ReportOptions::default()).unwrap());
    /// ```
    pub fn results_workbook(
        ev: &Evaluation,
        opts: &ReportOptions,
    ) -> Result<Vec<u8>, WorkbookError> {
        let lang = opts.lang;
        let f = Formats::new();
        let mut wb = Workbook::new();
        let title = format!(
            "{} — {} {}",
            ev.plan_title,
            lang.pick("bilan au", "review as of"),
            crate::fmt::date(ev.as_of, lang)
        );
        wb.set_properties(&xl::properties(&title, ev.as_of, lang));
        results_sheet(
            &mut xl::add_sheet(&mut wb, SheetId::Results, lang)?,
            ev,
            opts,
            &f,
        )?;
        scores_sheet(
            &mut xl::add_sheet(&mut wb, SheetId::Scores, lang)?,
            ev,
            opts,
            &f,
        )?;
        notes_sheet(
            &mut xl::add_sheet(&mut wb, SheetId::Notes, lang)?,
            ev,
            opts,
            &f,
        )?;
        xl::save(wb)
    }

    fn results_sheet(
        sheet: &mut Sheet<'_>,
        ev: &Evaluation,
        opts: &ReportOptions,
        f: &Formats,
    ) -> Result<(), WorkbookError> {
        let lang = opts.lang;
        let header = preamble(sheet, ev, opts, f)?;
        let last_col = u16::try_from(CSV_COLUMNS.len().saturating_sub(1))
            .map_err(|_| WorkbookError::sheet(sheet.id))?;
        for (col, c) in (0u16..).zip(CSV_COLUMNS) {
            sheet.text(header, col, c.header(lang), Some(&f.header))?;
        }
        let widths: Vec<f64> = CSV_COLUMNS.iter().map(|c| width(c.id)).collect();
        sheet.widths(&widths)?;
        let cells = CellOptions {
            lang,
            explanations: true,
            suppress_below: opts.suppress_below,
        };
        // The rows of `render_csv`: the shown indicators, in plan order, every result.
        let rows = ev
            .indicators
            .iter()
            .filter(|i| opts.includes(i.fiche, i.axis))
            .flat_map(|ind| indicator_rows(ev, ind, Rows::All));
        let mut row = header;
        for r in rows {
            row += 1;
            let suppressed = r.is_suppressed(&cells);
            for (col, c) in (0u16..).zip(CSV_COLUMNS) {
                if suppressed && c.id == ColumnId::Value {
                    if let Some(t) = opts.suppress_below {
                        let text = crate::report::explain::suppressed_text(f64::from(t), lang);
                        sheet.text(row, col, &text, None)?;
                    }
                    continue;
                }
                match r.cell(c, &cells) {
                    Cell::Null => {}
                    Cell::Int(n) => {
                        // Counts of observations, numbers of axes and fiches: exact in f64.
                        #[allow(clippy::cast_precision_loss)]
                        let v = n as f64;
                        sheet.number(row, col, v, &f.whole, lang)?;
                    }
                    Cell::Float(v) if c.id == ColumnId::Achievement => {
                        sheet.number(row, col, v, &f.percent, lang)?;
                    }
                    Cell::Float(v) => sheet.number(row, col, v, f.number(v), lang)?,
                    Cell::Date(d) => sheet.date(row, col, d, &f.date, lang)?,
                    Cell::Bool(b) => sheet.boolean(row, col, b)?,
                    Cell::Text(t) => sheet.text(row, col, &t, None)?,
                    Cell::Status(s) => {
                        sheet.text(row, col, &status_text(s, lang), Some(f.status(s)))?
                    }
                }
            }
        }
        sheet.freeze(header + 1, 3)?;
        sheet.autofilter(header, row, last_col)
    }

    /// The status counts' columns: every status, in [`Status::ALL`]'s order.
    fn write_counts(
        sheet: &mut Sheet<'_>,
        row: u32,
        first: u16,
        counts: &StatusCounts,
        f: &Formats,
        lang: Lang,
    ) -> Result<(), WorkbookError> {
        for (col, s) in (first..).zip(Status::ALL) {
            sheet.number(row, col, f64::from(counts.get(s)), &f.whole, lang)?;
        }
        Ok(())
    }

    /// A score (a fraction, shown as a percentage) and the status its gauge is drawn as;
    /// `—` without a score.
    fn write_score(
        sheet: &mut Sheet<'_>,
        row: u32,
        col: u16,
        score: Option<f64>,
        f: &Formats,
        lang: Lang,
    ) -> Result<(), WorkbookError> {
        match score {
            Some(s) => {
                sheet.number(row, col, s, &f.percent, lang)?;
                let st = score_status(s);
                sheet.text(row, col + 1, &status_text(st, lang), Some(f.status(st)))
            }
            None => {
                sheet.text(row, col, "—", None)?;
                sheet.text(row, col + 1, "—", None)
            }
        }
    }

    fn scores_sheet(
        sheet: &mut Sheet<'_>,
        ev: &Evaluation,
        opts: &ReportOptions,
        f: &Formats,
    ) -> Result<(), WorkbookError> {
        let lang = opts.lang;
        let header = preamble(sheet, ev, opts, f)?;
        let fixed = [
            lang.pick("Niveau", "Level"),
            lang.pick("Axe", "Axis"),
            lang.pick("Fiche", "Fiche"),
            lang.pick("Titre", "Title"),
            lang.pick("Score", "Score"),
            lang.pick("Statut du score", "Score status"),
            lang.pick("Fiches notées", "Fiches scored"),
        ];
        for (col, h) in (0u16..).zip(fixed) {
            sheet.text(header, col, h, Some(&f.header))?;
        }
        let first_count = u16::try_from(fixed.len()).map_err(|_| WorkbookError::sheet(sheet.id))?;
        for (col, s) in (first_count..).zip(Status::ALL) {
            sheet.text(header, col, &status_text(s, lang), Some(f.status(s)))?;
        }
        let mut widths = vec![8.0, 6.0, 6.0, 50.0, 9.0, 18.0, 13.0];
        widths.extend(Status::ALL.iter().map(|_| 15.0));
        sheet.widths(&widths)?;

        let mut row = header + 1;
        sheet.text(row, 0, lang.pick("Plan", "Plan"), Some(&f.bold))?;
        sheet.text(row, 3, &ev.plan_title, Some(&f.bold))?;
        write_score(sheet, row, 4, ev.plan.score, f, lang)?;
        write_counts(sheet, row, first_count, &ev.plan.counts, f, lang)?;
        for axis in ev.axes.iter().filter(|a| opts.includes_axis(a.axis)) {
            row += 1;
            sheet.text(row, 0, lang.pick("Axe", "Axis"), Some(&f.bold))?;
            sheet.number(row, 1, f64::from(axis.axis), &f.whole, lang)?;
            sheet.text(row, 3, &axis.title, Some(&f.bold))?;
            write_score(sheet, row, 4, axis.score, f, lang)?;
            sheet.text(
                row,
                6,
                &format!("{}/{}", axis.fiches_scored, axis.fiches),
                None,
            )?;
            write_counts(sheet, row, first_count, &axis.counts, f, lang)?;
            for fiche in crate::report::view::shown_fiches(ev, axis.axis, opts) {
                row += 1;
                sheet.text(row, 0, lang.pick("Fiche", "Fiche"), None)?;
                sheet.number(row, 1, f64::from(fiche.axis), &f.whole, lang)?;
                sheet.number(row, 2, f64::from(fiche.fiche), &f.whole, lang)?;
                sheet.text(row, 3, &fiche.title, None)?;
                write_score(sheet, row, 4, fiche.score, f, lang)?;
                write_counts(sheet, row, first_count, &fiche.counts, f, lang)?;
            }
        }
        let last_col = first_count + u16::try_from(Status::ALL.len()).unwrap_or(7) - 1;
        sheet.autofilter(header, row, last_col)?;
        sheet.freeze(header + 1, 0)?;
        sheet.text(row + 2, 0, scoring_rule(lang), None)
    }

    fn notes_sheet(
        sheet: &mut Sheet<'_>,
        ev: &Evaluation,
        opts: &ReportOptions,
        f: &Formats,
    ) -> Result<(), WorkbookError> {
        let lang = opts.lang;
        let c = colon(lang);
        sheet.widths(&[34.0, 90.0])?;
        let mut row = preamble(sheet, ev, opts, f)?;
        sheet.text(row, 0, &ev.plan_title, Some(&f.title))?;
        row += 1;
        let facts: [(&str, String); 4] = [
            (
                lang.pick("Identifiant du plan", "Plan id"),
                ev.plan_id.clone(),
            ),
            (lang.pick("Territoire", "Territory"), ev.territory.clone()),
            (lang.pick("Période", "Period"), ev.period.to_string()),
            (
                lang.pick("Fiches et axes", "Fiches and axes"),
                selection(opts),
            ),
        ];
        for (label, value) in &facts {
            sheet.text(row, 0, label, Some(&f.bold))?;
            sheet.text(row, 1, value, None)?;
            row += 1;
        }
        sheet.text(row, 0, lang.pick("Évaluation au", "As of"), Some(&f.bold))?;
        sheet.date(row, 1, ev.as_of, &f.date, lang)?;
        if !ev.as_of_given {
            sheet.text(
                row,
                2,
                lang.pick(
                    "date de la dernière observation (aucune date d'évaluation donnée)",
                    "date of the latest observation (no as-of date given)",
                ),
                None,
            )?;
        }
        row += 2;

        let d = &ev.diagnostics;
        sheet.text(
            row,
            0,
            lang.pick("Diagnostics", "Diagnostics"),
            Some(&f.title),
        )?;
        row += 1;
        let counts = [
            (
                lang.pick("Observations utilisées", "Observations used"),
                d.used,
            ),
            (
                lang.pick(
                    "Ignorées car postérieures à la date d'évaluation",
                    "Ignored, after the as-of date",
                ),
                d.after_as_of,
            ),
            (
                lang.pick(
                    "Ignorées car hors de la période du plan",
                    "Ignored, outside the plan period",
                ),
                d.outside_period,
            ),
            (
                lang.pick("Lignes rejetées", "Rows rejected"),
                d.rejected.len(),
            ),
        ];
        for (label, n) in counts {
            sheet.text(row, 0, label, Some(&f.bold))?;
            #[allow(clippy::cast_precision_loss)]
            sheet.number(row, 1, n as f64, &f.whole, lang)?;
            row += 1;
        }
        for issue in &d.rejected {
            sheet.text(row, 1, &issue.render(lang), None)?;
            row += 1;
        }
        row += 1;
        sheet.text(row, 0, lang.pick("Notes", "Notes"), Some(&f.title))?;
        row += 1;
        let notes = crate::report::notes(ev, lang);
        if notes.is_empty() {
            sheet.text(row, 0, lang.pick("aucune", "none"), None)?;
            row += 1;
        }
        for note in &notes {
            sheet.text(
                row,
                0,
                &format!("{}{c}{note}", lang.pick("Note", "Note")),
                None,
            )?;
            row += 1;
        }
        row += 1;
        sheet.text(
            row,
            0,
            &format!(
                "{} ctg {} · {}",
                lang.pick("Produit par", "Made with"),
                env!("CARGO_PKG_VERSION"),
                ev.plan_id
            ),
            None,
        )
    }

    /// The fiches and axes the options show, in words.
    fn selection(opts: &ReportOptions) -> String {
        let lang = opts.lang;
        let list = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        let mut parts = Vec::new();
        if let Some(fiches) = &opts.fiches {
            parts.push(format!(
                "{} {}",
                lang.pick("fiches", "fiches"),
                list(fiches)
            ));
        }
        if let Some(axes) = &opts.axes {
            parts.push(format!("{} {}", lang.pick("axes", "axes"), list(axes)));
        }
        if parts.is_empty() {
            lang.pick("toutes", "all").to_string()
        } else {
            parts.join(" ; ")
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn errors_name_the_sheet_in_the_language() {
        let e = WorkbookError::sheet(SheetId::HowTo);
        assert_eq!(e.code(), "workbook_failed");
        assert_eq!(
            e.render(Lang::Fr),
            "le classeur Excel n'a pas pu être écrit (feuille « Mode d'emploi »)"
        );
        assert_eq!(
            e.render(Lang::En),
            "the Excel workbook could not be written (sheet “How to”)"
        );
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert!(boxed.to_string().starts_with("le classeur"));
    }

    #[test]
    fn sheet_names_are_valid_for_excel() {
        for id in [
            SheetId::Entry,
            SheetId::Guide,
            SheetId::HowTo,
            SheetId::Results,
            SheetId::Scores,
            SheetId::Notes,
        ] {
            for lang in [Lang::Fr, Lang::En] {
                let n = id.name(lang);
                assert!(
                    n.chars().count() <= 31 && !n.contains(['[', ']', ':', '*', '?', '/', '\\'])
                );
                assert!(!n.starts_with('\'') && !n.ends_with('\''));
            }
        }
    }

    #[cfg(feature = "spreadsheet")]
    #[test]
    fn number_formats_show_decimals_only_when_there_are() {
        let f = xl::Formats::new();
        assert!(std::ptr::eq(f.number(12.0), &f.whole));
        assert!(std::ptr::eq(f.number(12.001), &f.whole));
        assert!(std::ptr::eq(f.number(12.5), &f.decimal));
        assert_eq!(xl::colour("#1a7f37"), rust_xlsxwriter::Color::RGB(0x1a7f37));
        assert!(xl::excel_date(chrono::NaiveDate::from_ymd_opt(1850, 1, 1).unwrap()).is_none());
    }
}
