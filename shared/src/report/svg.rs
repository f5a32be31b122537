//! Inline SVG line charts for the HTML reports (slo's budget burn-down and burn rates):
//! time on x, one polyline per series, dashed horizontal thresholds, the y range and the
//! first and last times as labels. Self-contained markup, every text escaped; the first
//! series' last value is kept in `data-last` so a test can read what the picture ends at.

use super::escape::markup;
use std::fmt::Write as _;

/// One series: a name, its colour, and (Unix seconds, value) points in time order.
#[derive(Debug, Clone)]
pub struct Line {
    /// Legend text.
    pub label: String,
    /// CSS colour.
    pub colour: &'static str,
    /// Points.
    pub points: Vec<(f64, f64)>,
}

/// A dashed horizontal line at a value.
#[derive(Debug, Clone)]
pub struct Threshold {
    /// Legend text.
    pub label: String,
    /// Where.
    pub value: f64,
}

fn date(t: f64) -> String {
    jiff::Timestamp::from_second(t as i64)
        .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

fn fmt(v: f64, percent: bool) -> String {
    if percent {
        format!("{:.1}%", v * 100.0)
    } else {
        format!("{v:.2}")
    }
}

/// The chart `id` titled `title`; `percent` labels the y axis in percent of 1.
pub fn line_chart(
    id: &str,
    title: &str,
    lines: &[Line],
    thresholds: &[Threshold],
    percent: bool,
) -> String {
    let (left, top, width, height) = (70.0, 24.0, 760.0, 200.0);
    let all = || lines.iter().flat_map(|l| l.points.iter());
    let finite = |v: &f64| v.is_finite();
    let t0 = all().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let t1 = all().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let values = all().map(|p| p.1).chain(thresholds.iter().map(|t| t.value));
    let lo = values
        .clone()
        .filter(finite)
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    let hi = values
        .filter(finite)
        .fold(f64::NEG_INFINITY, f64::max)
        .max(lo + 1e-9);
    let last = lines
        .first()
        .and_then(|l| l.points.iter().rev().find(|p| p.1.is_finite()))
        .map(|p| p.1.to_string())
        .unwrap_or_default();
    let mut s = format!(
        "<h3>{}</h3><svg id=\"{}\" data-last=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-size=\"12\">",
        markup(title),
        markup(id),
        markup(&last),
        left + width + 180.0,
        top + height + 30.0
    );
    if !t0.is_finite() || !t1.is_finite() {
        s.push_str("<text x=\"10\" y=\"40\">no data</text></svg>");
        return s;
    }
    let span = (t1 - t0).max(1.0);
    let x = |t: f64| left + (t - t0) / span * width;
    let y = |v: f64| top + (hi - v) / (hi - lo) * height;
    let _ = write!(
        s,
        "<rect x=\"{left}\" y=\"{top}\" width=\"{width}\" height=\"{height}\" fill=\"#f6f7f9\" stroke=\"#d0d5dd\"/>\
<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
<text x=\"{left}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        left - 6.0,
        top + 4.0,
        markup(&fmt(hi, percent)),
        left - 6.0,
        top + height,
        markup(&fmt(lo, percent)),
        top + height + 18.0,
        markup(&date(t0)),
        left + width,
        top + height + 18.0,
        markup(&date(t1)),
    );
    let mut legend_y = top + 10.0;
    for t in thresholds {
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#8a5a00\" stroke-dasharray=\"6 4\"/>\
<text x=\"{}\" y=\"{legend_y:.1}\" fill=\"#8a5a00\">- - {}</text>",
            left + width,
            y(t.value),
            y(t.value),
            left + width + 10.0,
            markup(&t.label)
        );
        legend_y += 16.0;
    }
    for l in lines {
        let pts: Vec<String> = l
            .points
            .iter()
            .filter(|p| p.1.is_finite())
            .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1)))
            .collect();
        let _ = write!(
            s,
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>\
<text x=\"{}\" y=\"{legend_y:.1}\" fill=\"{}\">&#9644; {}</text>",
            l.colour,
            pts.join(" "),
            left + width + 10.0,
            l.colour,
            markup(&l.label)
        );
        legend_y += 16.0;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_draws_every_point_and_keeps_the_last_value() {
        let svg = line_chart(
            "c<1>",
            "Budget & burn",
            &[Line {
                label: "left".into(),
                colour: "#1f5f99",
                points: vec![(0.0, 1.0), (3600.0, f64::NAN), (7200.0, 0.25)],
            }],
            &[Threshold {
                label: "page 14.4x".into(),
                value: 0.5,
            }],
            true,
        );
        assert!(svg.contains("id=\"c&lt;1&gt;\""), "{svg}");
        assert!(svg.contains("data-last=\"0.25\""), "{svg}");
        assert!(svg.contains("Budget &amp; burn"), "{svg}");
        assert_eq!(svg.matches("<polyline").count(), 1);
        let points = svg
            .split("points=\"")
            .nth(1)
            .and_then(|p| p.split('"').next());
        assert_eq!(
            points.map(|p| p.split(' ').count()),
            Some(2),
            "the NaN is skipped"
        );
        assert!(svg.contains("stroke-dasharray"));
        assert!(line_chart("e", "empty", &[], &[], false).contains("no data"));
    }
}
