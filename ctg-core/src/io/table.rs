//! Columnar input: rows held as typed columns (what the bindings get from Arrow, pandas
//! and polars), validated without formatting numbers and dates as text first.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::gather::{validate_all, Gather};
use super::route::{Routing, Scope};
use super::validate::RowCells;
use super::{ByTerritory, CellValue, Column, IngestOptions, ObservationError, Observations};
use crate::model::Plan;

/// One column of a [`Table`]: its cells by position. Bindings implement it over their
/// arrays (an Arrow `StringArray`, `Float64Array`, `Date32Array`…).
pub trait CellColumn: Send + Sync {
    /// The cell at `row` (0-based within the table); [`CellValue::Empty`] past the end.
    fn cell(&self, row: usize) -> CellValue<'_>;
}

impl CellColumn for Vec<Option<f64>> {
    fn cell(&self, row: usize) -> CellValue<'_> {
        match self.get(row) {
            Some(Some(n)) if !n.is_nan() => CellValue::Number(*n),
            _ => CellValue::Empty,
        }
    }
}

impl CellColumn for Vec<Option<String>> {
    fn cell(&self, row: usize) -> CellValue<'_> {
        match self.get(row) {
            Some(Some(t)) => CellValue::Text(t),
            _ => CellValue::Empty,
        }
    }
}

impl CellColumn for Vec<Option<NaiveDate>> {
    fn cell(&self, row: usize) -> CellValue<'_> {
        match self.get(row) {
            Some(Some(d)) => CellValue::Date(*d),
            _ => CellValue::Empty,
        }
    }
}

/// A batch of rows held as columns (for example one Arrow record batch).
pub struct Table<'a> {
    /// The number of rows.
    pub len: usize,
    /// The row number of the first row, as messages report it (1 for the first batch of a
    /// frame; the next batch continues the numbering).
    pub first_row: usize,
    /// The columns, each with the core column it holds (at most one per column).
    pub columns: Vec<(Column, Box<dyn CellColumn + 'a>)>,
}

impl std::fmt::Debug for Table<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let columns: Vec<Column> = self.columns.iter().map(|(c, _)| *c).collect();
        f.debug_struct("Table")
            .field("len", &self.len)
            .field("first_row", &self.first_row)
            .field("columns", &columns)
            .finish()
    }
}

/// One row of a table.
struct TableRow<'t> {
    columns: &'t [Option<&'t dyn CellColumn>; 8],
    at: usize,
    row: usize,
}

impl RowCells for TableRow<'_> {
    fn row(&self) -> usize {
        self.row
    }

    fn value(&self, column: Column) -> CellValue<'_> {
        match self.columns.get(column as usize) {
            Some(Some(c)) => c.cell(self.at),
            _ => CellValue::Empty,
        }
    }

    fn own_header(&self, _: Column) -> Option<&str> {
        None
    }
}

fn read<'a>(
    scope: Scope<'_>,
    tables: impl IntoIterator<Item = Table<'a>>,
    headers: &BTreeMap<Column, String>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    let routing = Routing::new(scope, headers, opts);
    let mut gather = Gather::new(scope, Observations::default(), opts);
    for table in tables {
        let mut columns: [Option<&dyn CellColumn>; 8] = [None; 8];
        for (column, cells) in &table.columns {
            if let Some(slot) = columns.get_mut(*column as usize) {
                *slot = Some(cells.as_ref());
            }
        }
        let rows: Vec<usize> = (0..table.len).collect();
        validate_all(
            &rows,
            |chunk, &at| {
                let row = TableRow {
                    columns: &columns,
                    at,
                    row: table.first_row + at,
                };
                routing.take_into(chunk, &row, Vec::new(), &[])
            },
            &mut gather,
        );
    }
    gather.finish(opts)
}

/// The schema metadata key by which an Arrow table (or a Parquet file) says its data is
/// fictional, with the value `true`, as a CSV file says it with a `# Données fictives`
/// comment line. `ctg.workload.write_parquet` writes it.
pub const FICTIONAL_METADATA_KEY: &str = "ctg.fictional";

/// Whether a table's schema metadata declares its data fictional
/// ([`FICTIONAL_METADATA_KEY`] = `true`, `1`, `oui` or `yes`, any case).
///
/// ```
/// use ctg_core::io::metadata_declares_fictional;
/// assert!(metadata_declares_fictional([("ctg.fictional", "true")]));
/// assert!(metadata_declares_fictional([("pandas", "{}"), ("ctg.fictional", " Oui ")]));
/// assert!(!metadata_declares_fictional([("ctg.fictional", "false")]));
/// assert!(!metadata_declares_fictional([("fictional", "true")]));
/// ```
pub fn metadata_declares_fictional<'a>(
    metadata: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> bool {
    metadata.into_iter().any(|(key, value)| {
        key == FICTIONAL_METADATA_KEY
            && ["true", "1", "oui", "yes"].contains(&value.trim().to_lowercase().as_str())
    })
}

/// Validate columnar rows against a plan, exactly as [`read_rows`](super::read_rows)
/// validates text rows (same codes, messages, strict and lenient modes), without turning
/// typed cells into text first. `headers` names each column as the source writes it, for
/// messages. Rows are validated in parallel with the `parallel` feature.
///
/// ```
/// use ctg_core::io::{read_tables, CellColumn, Column, IngestOptions, ObservedValue, Table};
/// use chrono::NaiveDate;
/// let plan = ctg_core::plans::sundgau().unwrap();
/// let ids: Vec<Option<String>> = vec![Some("f8.1".into()), Some("f2.1".into())];
/// let dates = vec![NaiveDate::from_ymd_opt(2026, 12, 31), NaiveDate::from_ymd_opt(2026, 9, 15)];
/// let values: Vec<Option<f64>> = vec![Some(30.0), Some(240.0)];
/// let columns: Vec<(Column, Box<dyn CellColumn>)> = vec![
///     (Column::Indicator, Box::new(ids)),
///     (Column::Date, Box::new(dates)),
///     (Column::Value, Box::new(values)),
/// ];
/// let table = Table { len: 2, first_row: 1, columns };
/// let obs = read_tables(&plan, [table], &Default::default(), &IngestOptions::default()).unwrap();
/// assert_eq!(obs.rows()[1].value, ObservedValue::Number(240.0));
///
/// let bad: Vec<(Column, Box<dyn CellColumn>)> = vec![
///     (Column::Indicator, Box::new(vec![Some("f8.1".to_string())])),
///     (Column::Date, Box::new(vec![NaiveDate::from_ymd_opt(2026, 12, 31)])),
///     (Column::Value, Box::new(vec![Some(-3.0)])),
/// ];
/// let table = Table { len: 1, first_row: 1, columns: bad };
/// let err = read_tables(&plan, [table], &Default::default(), &IngestOptions::default())
///     .unwrap_err();
/// assert_eq!(err.issues[0].code().as_str(), "constraint_error");
/// ```
pub fn read_tables<'a>(
    plan: &Plan,
    tables: impl IntoIterator<Item = Table<'a>>,
    headers: &BTreeMap<Column, String>,
    opts: &IngestOptions,
) -> Result<Observations, ObservationError> {
    read(Scope::One(plan), tables, headers, opts).map(ByTerritory::into_one)
}

/// [`read_tables`] for several plans at once, each row going to the plan its
/// [`Column::Territory`] cell names, as [`read_rows_territories`](super::read_rows_territories)
/// routes rows.
pub fn read_tables_territories<'a>(
    plans: &[&Plan],
    tables: impl IntoIterator<Item = Table<'a>>,
    headers: &BTreeMap<Column, String>,
    opts: &IngestOptions,
) -> Result<ByTerritory, ObservationError> {
    read(Scope::Many(plans), tables, headers, opts)
}
