//! A small SVG writer for the HTML report: a horizontal bar chart (causes) and a column chart
//! (the monthly trend), as inline `<svg>` elements with escaped text, integer geometry and no
//! external resources. Zero or empty data gives a valid, empty chart.

use std::fmt::Write;

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// One bar: its label, its value and the text printed after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub note: String,
}

const FONT: &str = "font-family=\"'Hiragino Sans','Noto Sans CJK JP','Yu Gothic',sans-serif\"";
const BAR_COLOR: &str = "#2f6f9f";
const ACCENT_COLOR: &str = "#c0392b";

/// Length of a bar of `value` when `max` fills `full` pixels (0 when `max` is 0).
pub fn scaled(value: u64, max: u64, full: u32) -> u32 {
    if max == 0 {
        return 0;
    }
    ((u128::from(value) * u128::from(full) + u128::from(max) / 2) / u128::from(max)) as u32
}

/// A horizontal bar chart: one row per bar, labels on the left, notes after the bars.
pub fn horizontal_bars(title: &str, bars: &[Bar]) -> String {
    const WIDTH: u32 = 720;
    const LABEL_W: u32 = 230;
    const BAR_MAX: u32 = 360;
    const ROW: u32 = 30;
    const TOP: u32 = 10;
    let height = TOP * 2 + ROW * bars.len().max(1) as u32;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"{t}\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\"><title>{t}</title>",
        t = escape(title)
    );
    for (n, b) in bars.iter().enumerate() {
        let y = TOP + ROW * n as u32;
        let w = scaled(b.value, max, BAR_MAX);
        let _ = write!(
            s,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"13\" {FONT} fill=\"#222\">{label}</text>\
             <rect x=\"{LABEL_W}\" y=\"{ry}\" width=\"{w}\" height=\"{rh}\" fill=\"{BAR_COLOR}\" rx=\"2\"/>\
             <text x=\"{nx}\" y=\"{ty}\" font-size=\"12\" {FONT} fill=\"#444\">{note}</text>",
            lx = LABEL_W - 8,
            ty = y + 19,
            label = escape(&b.label),
            ry = y + 6,
            rh = ROW - 10,
            nx = LABEL_W + w + 6,
            note = escape(&b.note),
        );
    }
    s.push_str("</svg>");
    s
}

/// One column of a column chart: value, label under it, optional second label line.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    pub sublabel: Option<String>,
    pub value: u64,
}

/// A column chart (the 12-month trend); the last column is highlighted.
pub fn column_chart(title: &str, columns: &[Column]) -> String {
    const WIDTH: u32 = 720;
    const HEIGHT: u32 = 260;
    const LEFT: u32 = 30;
    const RIGHT: u32 = 10;
    const TOP: u32 = 24;
    const BOTTOM: u32 = 44;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = columns.len().max(1) as u32;
    let slot = (WIDTH - LEFT - RIGHT) / n;
    let bar_w = (slot * 3 / 5).max(1);
    let max = columns.iter().map(|c| c.value).max().unwrap_or(0);
    let base = TOP + plot_h;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"{t}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\"><title>{t}</title>\
         <line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{x2}\" y2=\"{base}\" stroke=\"#999\" stroke-width=\"1\"/>",
        t = escape(title),
        x2 = WIDTH - RIGHT,
    );
    for (i, c) in columns.iter().enumerate() {
        let x = LEFT + slot * i as u32 + (slot - bar_w) / 2;
        let h = scaled(c.value, max, plot_h);
        let color = if i + 1 == columns.len() {
            ACCENT_COLOR
        } else {
            BAR_COLOR
        };
        let cx = x + bar_w / 2;
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bar_w}\" height=\"{h}\" fill=\"{color}\" rx=\"2\"/>\
             <text x=\"{cx}\" y=\"{vy}\" text-anchor=\"middle\" font-size=\"12\" {FONT} fill=\"#222\">{v}</text>\
             <text x=\"{cx}\" y=\"{ly}\" text-anchor=\"middle\" font-size=\"12\" {FONT} fill=\"#444\">{label}</text>",
            y = base - h,
            vy = base - h - 5,
            v = c.value,
            ly = base + 17,
            label = escape(&c.label),
        );
        if let Some(sub) = &c.sublabel {
            let _ = write!(
                s,
                "<text x=\"{cx}\" y=\"{sy}\" text-anchor=\"middle\" font-size=\"11\" {FONT} fill=\"#777\">{sub}</text>",
                sy = base + 33,
                sub = escape(sub),
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).expect("well-formed SVG")
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
        assert_eq!(escape("x\u{1}y"), "xy");
    }

    #[test]
    fn scaling_is_proportional_and_safe() {
        assert_eq!(scaled(5, 10, 360), 180);
        assert_eq!(scaled(10, 10, 360), 360);
        assert_eq!(scaled(0, 0, 360), 0);
        assert_eq!(scaled(1, 3, 100), 33);
    }

    #[test]
    fn bar_chart_is_well_formed_with_proportional_bars() {
        let bars = vec![
            Bar {
                label: "不正アクセス <A&B>".into(),
                value: 4,
                note: "4 (66.7%)".into(),
            },
            Bar {
                label: "誤送信".into(),
                value: 2,
                note: "2 (33.3%)".into(),
            },
        ];
        let svg = horizontal_bars("原因", &bars);
        let doc = parse(&svg);
        let rects: Vec<u32> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect();
        assert_eq!(rects, vec![360, 180]);
        assert!(doc
            .descendants()
            .any(|n| n.text() == Some("不正アクセス <A&B>")));
    }

    #[test]
    fn empty_and_zero_charts_are_valid() {
        parse(&horizontal_bars("none", &[]));
        let cols: Vec<Column> = (1..=12)
            .map(|m| Column {
                label: format!("{m}月"),
                sublabel: None,
                value: 0,
            })
            .collect();
        let svg = column_chart("trend", &cols);
        let doc = parse(&svg);
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("rect")).count(),
            12
        );
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn column_chart_highlights_last_month() {
        let cols = vec![
            Column {
                label: "8月".into(),
                sublabel: Some("2025".into()),
                value: 3,
            },
            Column {
                label: "9月".into(),
                sublabel: None,
                value: 6,
            },
        ];
        let svg = column_chart("trend", &cols);
        let doc = parse(&svg);
        let rects: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .collect();
        assert_eq!(rects[1].attribute("fill"), Some(ACCENT_COLOR));
        assert_eq!(rects[1].attribute("height"), Some("192"));
        assert_eq!(rects[0].attribute("height"), Some("96"));
    }
}
