//! Inline SVG bar charts of a stats group: one horizontal bar per figure, the label on the
//! left, the formatted figure printed after the bar.
//!
//! The chart is accessible (`role="img"`, a `<title>` and a `<desc>` listing every figure),
//! scales with its container (`viewBox`, `width="100%"`), inherits the page's font, uses
//! colours with WCAG AA contrast on white, prints without background colours and contains no
//! script. Label widths are estimated (CJK ≈ 1em, ASCII ≈ 0.55em); long labels wrap.

use super::CallError;
use super::escape_html as esc;
use super::format::Lang;
use super::model::Unit;
use super::view::{GroupView, RecordView};
use crate::msg;

/// Text colour: contrast 14.9:1 on white.
pub(crate) const TEXT_COLOUR: &str = "#1f2933";
/// Bar colour: contrast 6.6:1 on white.
pub(crate) const BAR_COLOUR: &str = "#1d5fa6";

const FONT: f64 = 14.0;
const LINE: f64 = 18.0;
const BAR_H: f64 = 18.0;
const ROW_PAD: f64 = 10.0;
const LABEL_GAP: f64 = 12.0;
const VALUE_GAP: f64 = 6.0;
const BAR_AREA: f64 = 300.0;
const MAX_LABEL_EM: f64 = 18.0;

/// A chart compares like with like: every figure must be the same kind of quantity
/// (the units' `kind`).
pub(crate) fn check_units(group: &str, units: &[&Unit]) -> Result<(), CallError> {
    let Some(first) = units.first() else {
        return Ok(());
    };
    match units.iter().find(|u| u.kind != first.kind) {
        None => Ok(()),
        Some(other) => Err((
            msg!(
                "chart-mixed-kinds",
                group = group,
                first = first.kind.as_str(),
                other = other.kind.as_str()
            ),
            Some(msg!("chart-mixed-kinds-hint")),
        )),
    }
}

/// One laid-out row.
struct Row<'a> {
    record: &'a RecordView,
    lines: Vec<String>,
    top: f64,
    height: f64,
}

/// The chart of `group` as `<figure class="chart">…</figure>`.
pub(crate) fn svg(group: &GroupView, lang: Lang) -> String {
    let rows = layout(&group.records);
    let label_w = rows
        .iter()
        .flat_map(|r| r.lines.iter())
        .map(|l| em_width(l) * FONT)
        .fold(0.0, f64::max)
        + LABEL_GAP;
    let value_w = group
        .records
        .iter()
        .map(|r| em_width(&r.display) * FONT)
        .fold(0.0, f64::max);
    let width = label_w + BAR_AREA + VALUE_GAP + value_w + 4.0;
    let height = rows.last().map_or(0.0, |r| r.top + r.height);
    let max = group.records.iter().map(|r| r.value).fold(0.0, f64::max);
    let base = format!("chart-{}-{}", group.id, lang.code());
    let figure = format!("<figure class=\"chart\" data-group=\"{}\">", esc(&group.id));
    let desc = describe(group, lang);
    let mut out = open_svg(&figure, &base, (width, height), (&group.title, &desc), FONT);
    for row in &rows {
        out.push_str(&draw_row(row, label_w, bar_width(row.record.value, max)));
    }
    out.push_str("</g>\n</svg>\n");
    out.push_str(&format!(
        "<figcaption>{}</figcaption>\n</figure>",
        esc(&group.title)
    ));
    out
}

/// The opening of a chart: `figure` (its opening tag), the `<svg>` scaled to its
/// container, its `<title>` and `<desc>` (ids from `base`, which the svg's
/// `aria-labelledby` names) and the group that sets the font; the caller closes them.
pub(crate) fn open_svg(
    figure: &str,
    base: &str,
    (width, height): (f64, f64),
    (title, desc): (&str, &str),
    font: f64,
) -> String {
    format!(
        "{figure}\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         style=\"max-width:{w}px;height:auto\" role=\"img\" aria-labelledby=\"{base}-title {base}-desc\">\n\
         <title id=\"{base}-title\">{title}</title>\n<desc id=\"{base}-desc\">{desc}</desc>\n\
         <g font-size=\"{f}\" fill=\"{TEXT_COLOUR}\">\n",
        w = px(width),
        h = px(height),
        title = esc(title),
        desc = esc(desc),
        f = px(font),
    )
}

/// Wraps labels and stacks rows top to bottom.
fn layout(records: &[RecordView]) -> Vec<Row<'_>> {
    let mut top = 0.0;
    records
        .iter()
        .map(|record| {
            let lines = wrap(&record.label, MAX_LABEL_EM);
            let height = (BAR_H + 2.0 * ROW_PAD).max(lines.len() as f64 * LINE + ROW_PAD);
            let row = Row {
                record,
                lines,
                top,
                height,
            };
            top += height;
            row
        })
        .collect()
}

/// The bar's length: proportional to the largest value; a positive value is never invisible.
fn bar_width(value: f64, max: f64) -> f64 {
    if max <= 0.0 || value <= 0.0 {
        return 0.0;
    }
    (value / max * BAR_AREA).max(1.0)
}

/// The label, the bar and the value text of one row.
fn draw_row(row: &Row<'_>, label_w: f64, bar_w: f64) -> String {
    let centre = row.top + row.height / 2.0;
    let baseline_shift = FONT * 0.35;
    let first = centre - (row.lines.len() as f64 - 1.0) * LINE / 2.0 + baseline_shift;
    let tspans: String = row
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "<tspan x=\"0\" y=\"{}\">{}</tspan>",
                px(first + i as f64 * LINE),
                esc(l)
            )
        })
        .collect();
    format!(
        "<g class=\"chart-row\" data-stat=\"{id}\">\
         <text x=\"0\" y=\"{y}\">{tspans}</text>\
         <rect x=\"{x}\" y=\"{bar_y}\" width=\"{bw}\" height=\"{bh}\" fill=\"{BAR_COLOUR}\"/>\
         <text x=\"{vx}\" y=\"{y}\">{value}</text></g>\n",
        id = esc(&row.record.id),
        y = px(centre + baseline_shift),
        x = px(label_w),
        bar_y = px(centre - BAR_H / 2.0),
        bw = px(bar_w),
        bh = px(BAR_H),
        vx = px(label_w + bar_w + VALUE_GAP),
        value = esc(&row.record.display),
    )
}

/// The `<desc>` text: every label with its figure.
fn describe(group: &GroupView, lang: Lang) -> String {
    let (sep, colon) = match lang {
        Lang::Zh => ("；", "："),
        Lang::En => ("; ", ": "),
    };
    group
        .records
        .iter()
        .map(|r| format!("{}{colon}{}", r.label, r.display))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Estimated width in em: CJK and other wide characters 1em, ASCII 0.55em.
pub(crate) fn em_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum()
}

/// Greedy line breaking at spaces and between wide characters, lines at most `max_em` wide
/// (a single longer word stays whole).
pub(crate) fn wrap(text: &str, max_em: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for token in tokens(text) {
        let candidate = format!("{line}{token}");
        if !line.trim().is_empty() && em_width(candidate.trim_end()) > max_em {
            lines.push(line.trim_end().to_owned());
            line = token.trim_start().to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// Break opportunities: ASCII words (with their trailing space) and single wide characters.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            word.push(c);
            if c == ' ' {
                out.push(std::mem::take(&mut word));
            }
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A coordinate with at most one decimal.
pub(crate) fn px(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}
