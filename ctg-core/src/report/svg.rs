//! Hand-written SVG charts: an indicator's series against its target.

use std::fmt::Write as _;

use super::escape::escape;
use super::view::IndicatorView;
use crate::eval::Status;
use crate::fmt::number;
use crate::model::Window;
use crate::target::TargetKind;
use crate::Lang;

const HEIGHT: f64 = 150.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 10.0;

/// A bar chart of the indicator's windows (years, half-years, quarters, months or weeks), the
/// target as a dashed line, and for relative targets the trajectory. `None` when there is
/// nothing to chart (milestones, qualitative assessments, no window).
pub(crate) fn series_chart(view: &IndicatorView<'_>, lang: Lang) -> Option<String> {
    let ind = view.ind;
    let c = super::view::colon(lang);
    if !ind.measure.is_numeric() || view.points.iter().all(|p| p.value.is_none()) {
        return None;
    }
    let n = view.points.len();
    // Up to 5 × 53 weekly bars: narrow ones, labelled by year only.
    let step = match ind.window {
        Window::Week => 6.0,
        Window::Month => 22.0,
        _ => 48.0,
    };
    let width = (LEFT + RIGHT + step * n as f64).max(260.0);
    let plot_w = width - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let max = view
        .points
        .iter()
        .flat_map(|p| [p.value.filter(|_| !p.suppressed), p.expected])
        .flatten()
        .fold(0.0_f64, f64::max);
    let max = if max <= 0.0 { 1.0 } else { max * 1.15 };
    let y = |v: f64| TOP + plot_h * (1.0 - (v / max).clamp(0.0, 1.0));
    let slot = plot_w / n as f64;
    let bar_w = (slot * 0.64).min(30.0);
    let id = escape(&ind.id);

    let mut desc = String::new();
    let mut s = String::new();
    let title = format!(
        "{} — {}",
        ind.label,
        lang.pick("série et cible", "series and target")
    );
    let _ = write!(
        s,
        r#"<svg class="chart" role="img" aria-labelledby="t-{id} d-{id}" viewBox="0 0 {width:.0} {HEIGHT:.0}" width="{width:.0}" height="{HEIGHT:.0}" xmlns="http://www.w3.org/2000/svg"><title id="t-{id}">{}</title>"#,
        escape(&title)
    );
    // Axis and scale.
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{top}" x2="{LEFT}" y2="{base}" stroke="#57606a" stroke-width="1"/><line x1="{LEFT}" y1="{base}" x2="{right}" y2="{base}" stroke="#57606a" stroke-width="1"/><text x="{tx}" y="{ty}" class="axis" text-anchor="end">{}</text><text x="{tx}" y="{base}" class="axis" text-anchor="end">0</text>"##,
        number(max, 1, lang),
        top = TOP,
        base = TOP + plot_h,
        right = width - RIGHT,
        tx = LEFT - 4.0,
        ty = TOP + 4.0,
    );
    for (i, p) in view.points.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        let label = match ind.window {
            Window::Month => p.label.chars().take(3).collect::<String>(),
            // The first week shown of each (ISO) year carries the year.
            Window::Week => {
                let first = i == 0 || view.points.get(i - 1).is_some_and(|q| q.year != p.year);
                if first {
                    p.year.to_string()
                } else {
                    String::new()
                }
            }
            _ => p.label.clone(),
        };
        if !label.is_empty() {
            let _ = write!(
                s,
                r#"<text x="{cx:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text>"#,
                TOP + plot_h + 12.0,
                escape(&label)
            );
        }
        if ind.window == Window::Month
            && (i == 0 || p.label.contains("janv") || p.label.contains("Jan"))
        {
            let year: String = p
                .label
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let _ = write!(
                s,
                r#"<text x="{cx:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text>"#,
                TOP + plot_h + 24.0,
                escape(&year)
            );
        }
        let value_text = match (p.value, p.suppressed) {
            (Some(_), true) => "< n".to_string(),
            (Some(v), false) => number(v, 1, lang),
            (None, _) => lang.pick("sans données", "no data").to_string(),
        };
        let _ = write!(
            desc,
            "{}{c}{} ({}). ",
            p.label,
            value_text,
            p.status.label(lang)
        );
        match (p.value, p.suppressed) {
            (Some(v), false) => {
                let top = y(v);
                let h = (TOP + plot_h - top).max(0.5);
                let stroke = if p.status == Status::NoData {
                    "#57606a"
                } else {
                    "none"
                };
                let _ = write!(
                    s,
                    r#"<rect x="{:.1}" y="{top:.1}" width="{bar_w:.1}" height="{h:.1}" fill="{}" stroke="{stroke}" class="bar s-{}"><title>{}</title></rect>"#,
                    cx - bar_w / 2.0,
                    p.status.colour(),
                    p.status.code(),
                    escape(&format!(
                        "{}{c}{} — {}",
                        p.label,
                        value_text,
                        p.status.label(lang)
                    ))
                );
                if n <= 12 {
                    let _ = write!(
                        s,
                        r#"<text x="{cx:.1}" y="{:.1}" class="val" text-anchor="middle">{}</text>"#,
                        top - 3.0,
                        escape(&value_text)
                    );
                }
            }
            (Some(_), true) => {
                let _ = write!(
                    s,
                    r#"<text x="{cx:.1}" y="{:.1}" class="val" text-anchor="middle">&lt; n</text>"#,
                    TOP + plot_h - 4.0
                );
            }
            (None, _) => {
                let _ = write!(
                    s,
                    r#"<text x="{cx:.1}" y="{:.1}" class="nodata" text-anchor="middle">∅</text>"#,
                    TOP + plot_h - 4.0
                );
            }
        }
    }
    // The target: a constant threshold, or the trajectory of a relative target.
    let trajectory = matches!(
        ind.target.as_ref().map(|t| &t.kind),
        Some(TargetKind::Relative { .. } | TargetKind::Points { .. })
    );
    let pts: Vec<(f64, f64)> = view
        .points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.expected.map(|e| (LEFT + slot * (i as f64 + 0.5), y(e))))
        .collect();
    if trajectory && pts.len() > 1 {
        let d: Vec<String> = pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#24292f" stroke-width="1.5" stroke-dasharray="5 3"/>"##,
            d.join(" ")
        );
    } else if let Some((_, ty)) = pts.first() {
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#24292f" stroke-width="1.5" stroke-dasharray="5 3"/>"##,
            width - RIGHT
        );
    }
    if !pts.is_empty() {
        let what = if trajectory {
            lang.pick("trajectoire", "trajectory")
        } else {
            lang.pick("cible", "target")
        };
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="end">{what} – –</text>"#,
            width - RIGHT,
            TOP - 3.0
        );
    }
    let _ = write!(
        s,
        r#"<desc id="d-{id}">{}</desc></svg>"#,
        escape(desc.trim_end())
    );
    Some(s)
}
