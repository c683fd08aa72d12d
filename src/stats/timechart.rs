//! Charts over time: a group holding series drawn with the years on the horizontal axis,
//! as columns (one per figure and year, side by side) or lines (one per figure).
//!
//! The same rules as the bar charts: `role="img"` with a `<title>` and a `<desc>` that
//! lists every value, every value printed on the chart, labels in the page's language,
//! colours with WCAG AA contrast on white (and, for lines, a different marker per figure,
//! so colour is never the only difference), no script, scales with its container.

use super::CallError;
use super::chart::{TEXT_COLOUR, em_width, open_svg, px, wrap};
use super::escape_html as esc;
use super::format::Lang;
use super::view::{GroupView, RecordView};
use crate::msg;

/// Series colours, each with at least 4.5:1 contrast on white.
pub(crate) const PALETTE: [&str; 6] = [
    "#1d5fa6", "#a8430c", "#2e7d32", "#6a1b9a", "#7a5c00", "#00695c",
];

/// How a chart over time draws its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Columns side by side per year (the default).
    Columns,
    /// A line per figure with a marker at each year.
    Line,
}

impl Kind {
    /// `kind=` of `chart()`: `"columns"` (default) or `"line"`.
    pub fn parse(kind: Option<&str>) -> Result<Kind, CallError> {
        match kind {
            None | Some("columns") => Ok(Kind::Columns),
            Some("line") => Ok(Kind::Line),
            Some(other) => Err((
                msg!("chart-kind-unknown", kind = other),
                Some(msg!("chart-kind-unknown-hint")),
            )),
        }
    }
}

const FONT: f64 = 13.0;
const VALUE_FONT: f64 = 11.0;
const PLOT_H: f64 = 200.0;
const TOP: f64 = 24.0;
const AXIS_GAP: f64 = 20.0;
const LEGEND_LINE: f64 = 20.0;
const MIN_SLOT: f64 = 90.0;
const MIN_WIDTH: f64 = 360.0;

/// The chart of `group` over its years as `<figure class="chart chart--time">…</figure>`.
pub(crate) fn svg(group: &GroupView, kind: Kind, lang: Lang) -> String {
    let years = years(&group.records);
    let max = group
        .records
        .iter()
        .flat_map(|r| r.series.iter().map(|p| p.value))
        .fold(0.0, f64::max);
    let n = group.records.len().max(1) as f64;
    let widest_value = group
        .records
        .iter()
        .flat_map(|r| r.series.iter().map(|p| em_width(&p.display) * VALUE_FONT))
        .fold(0.0, f64::max);
    let slot = match kind {
        Kind::Columns => (widest_value + 6.0) * n,
        Kind::Line => widest_value + 12.0,
    }
    .max(MIN_SLOT);
    let count = years.len().max(1) as f64;
    let width = (slot * count + 20.0).max(MIN_WIDTH);
    let slot = (width - 20.0) / count;
    let legend: Vec<Vec<String>> = group
        .records
        .iter()
        .map(|r| wrap(&r.label, (width / FONT - 3.0).max(8.0)))
        .collect();
    let legend_h: f64 = legend.iter().map(|l| l.len() as f64 * LEGEND_LINE).sum();
    let axis_y = TOP + legend_h + 10.0 + PLOT_H;
    let height = axis_y + AXIS_GAP + 6.0;
    let kind_name = match kind {
        Kind::Columns => "columns",
        Kind::Line => "line",
    };
    // The kind is in the ids: a page may show a group both as columns and as lines.
    let base = format!("chart-{}-{kind_name}-{}", group.id, lang.code());
    let figure = format!(
        "<figure class=\"chart chart--time\" data-group=\"{}\" data-kind=\"{kind_name}\">",
        esc(&group.id),
    );
    let desc = describe(group, lang);
    let mut out = open_svg(&figure, &base, (width, height), (&group.title, &desc), FONT);
    // Legend: a swatch (the marker, for lines) and the label of each figure.
    let mut y = TOP - 8.0;
    for (i, lines) in legend.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        out.push_str(&format!(
            "<g class=\"chart-legend\" data-stat=\"{}\">{}",
            esc(&group.records[i].id),
            marker(i, 10.0, y + 4.0, colour)
        ));
        for (j, line) in lines.iter().enumerate() {
            out.push_str(&format!(
                "<text x=\"24\" y=\"{}\">{}</text>",
                px(y + 9.0 + j as f64 * LEGEND_LINE),
                esc(line)
            ));
        }
        out.push_str("</g>\n");
        y += lines.len() as f64 * LEGEND_LINE;
    }
    let plot_top = axis_y - PLOT_H;
    let x_of = |k: usize| 10.0 + slot * (k as f64 + 0.5);
    let h_of = |v: f64| {
        if max > 0.0 && v > 0.0 {
            (v / max * (PLOT_H - 24.0)).max(1.0)
        } else {
            0.0
        }
    };
    out.push_str(&format!(
        "<line x1=\"10\" y1=\"{a}\" x2=\"{x2}\" y2=\"{a}\" stroke=\"{TEXT_COLOUR}\" stroke-width=\"1\"/>\n",
        a = px(axis_y),
        x2 = px(width - 10.0)
    ));
    for (k, year) in years.iter().enumerate() {
        out.push_str(&format!(
            "<text class=\"chart-year\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{year}</text>\n",
            px(x_of(k)),
            px(axis_y + AXIS_GAP - 4.0)
        ));
    }
    for (i, r) in group.records.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let points: Vec<(f64, f64, &str)> = r
            .series
            .iter()
            .filter_map(|p| {
                let k = years.iter().position(|y| Some(*y) == p.year)?;
                Some((x_of(k), p.value, p.display.as_str()))
            })
            .collect();
        out.push_str(&format!(
            "<g class=\"chart-series\" data-stat=\"{}\" font-size=\"{}\">",
            esc(&r.id),
            px(VALUE_FONT)
        ));
        match kind {
            Kind::Columns => {
                let col_w = (slot - 12.0) / n;
                for (x, v, text) in &points {
                    let left = x - slot / 2.0 + 6.0 + col_w * i as f64;
                    let h = h_of(*v);
                    out.push_str(&format!(
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"/>\
                         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                        px(left),
                        px(axis_y - h),
                        px((col_w - 2.0).max(1.0)),
                        px(h),
                        px(left + col_w / 2.0 - 1.0),
                        px(axis_y - h - 4.0),
                        esc(text)
                    ));
                }
            }
            Kind::Line => {
                let coords: Vec<String> = points
                    .iter()
                    .map(|(x, v, _)| format!("{},{}", px(*x), px(axis_y - h_of(*v))))
                    .collect();
                out.push_str(&format!(
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
                    coords.join(" ")
                ));
                for (x, v, text) in &points {
                    let y = axis_y - h_of(*v);
                    out.push_str(&marker(i, *x, y, colour));
                    out.push_str(&format!(
                        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                        px(*x),
                        px((y - 8.0).max(plot_top - 6.0)),
                        esc(text)
                    ));
                }
            }
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n</svg>\n");
    out.push_str(&format!(
        "<figcaption>{}</figcaption>\n</figure>",
        esc(&group.title)
    ));
    out
}

/// Every year any figure of the group has, oldest first.
fn years(records: &[RecordView]) -> Vec<i32> {
    let mut years: Vec<i32> = records
        .iter()
        .flat_map(|r| r.series.iter().filter_map(|p| p.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// A marker centred on (x, y): circle, square, triangle, diamond, … by figure.
fn marker(i: usize, x: f64, y: f64, colour: &str) -> String {
    let r = 4.5;
    match i % 4 {
        0 => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\"/>",
            px(x),
            px(y),
            px(r)
        ),
        1 => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"/>",
            px(x - r),
            px(y - r),
            px(2.0 * r),
            px(2.0 * r)
        ),
        2 => format!(
            "<polygon points=\"{},{} {},{} {},{}\" fill=\"{colour}\"/>",
            px(x),
            px(y - r - 1.0),
            px(x + r + 1.0),
            px(y + r),
            px(x - r - 1.0),
            px(y + r)
        ),
        _ => format!(
            "<polygon points=\"{},{} {},{} {},{} {},{}\" fill=\"{colour}\"/>",
            px(x),
            px(y - r - 1.0),
            px(x + r + 1.0),
            px(y),
            px(x),
            px(y + r + 1.0),
            px(x - r - 1.0),
            px(y)
        ),
    }
}

/// The `<desc>`: each figure with its value in each year.
fn describe(group: &GroupView, lang: Lang) -> String {
    let (sep, colon, comma) = match lang {
        Lang::Zh => ("；", "：", "，"),
        Lang::En => ("; ", ": ", ", "),
    };
    group
        .records
        .iter()
        .map(|r| {
            let values: Vec<String> = r
                .series
                .iter()
                .map(|p| format!("{} {}", p.period, p.display))
                .collect();
            format!("{}{colon}{}", r.label, values.join(comma))
        })
        .collect::<Vec<_>>()
        .join(sep)
}
