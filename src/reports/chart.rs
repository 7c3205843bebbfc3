//! Charts drawn on the server as SVG (pure geometry, no I/O): they show without JavaScript, print
//! with the page, and take the stylesheet's colours through classes (the CSP allows no inline style).
//! Each chart is also given as a table beside it for screen readers and for reading exact values.
//!
//! Small on purpose: two shapes (lines over months, paired bars by sector), laid out in a fixed
//! view box the page scales. A plotting crate would bring fonts rendered as paths, inline styles and
//! no text alternative.

/// The view box of every chart.
pub const WIDTH: f64 = 900.0;
/// Space for the axis labels.
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;

/// A value axis: a "nice" top (1, 2 or 5 times a power of ten) at or above `max`, and its ticks.
pub fn axis(max: i64) -> (i64, Vec<i64>) {
    if max <= 0 {
        return (1, vec![0, 1]);
    }
    let mut step = 1i64;
    loop {
        for m in [1, 2, 5] {
            let s = step * m;
            if s * 5 >= max {
                let top = (max + s - 1) / s * s;
                return (top, (0..=top / s).map(|i| i * s).collect());
            }
        }
        step *= 10;
    }
}

/// One series of a line chart: its class (`series-0`…), legend and points.
pub struct Series {
    pub class: String,
    pub name: String,
    /// `x,y x,y …` for a `<polyline>`.
    pub points: String,
    /// Each point: (x, y, value, the month's label) for a marker with its own `<title>`.
    pub marks: Vec<(f64, f64, i64, String)>,
}

pub struct Lines {
    pub width: f64,
    pub height: f64,
    /// Where the plot starts and ends across (the grid lines run between them).
    pub left: f64,
    pub right: f64,
    /// (y, label) of each horizontal grid line.
    pub grid: Vec<(f64, String)>,
    /// (x, label) under each month.
    pub ticks: Vec<(f64, String)>,
    pub series: Vec<Series>,
    pub bottom: f64,
}

/// Lines over `labels` (one per month), one per `(name, values)`.
pub fn lines(labels: &[String], data: &[(String, Vec<i64>)]) -> Lines {
    let height = 280.0;
    let bottom = height - 28.0;
    let max = data.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(0);
    let (top, ticks) = axis(max);
    let n = labels.len().max(1);
    let step = (WIDTH - LEFT - RIGHT) / n as f64;
    let x = |i: usize| LEFT + step * (i as f64 + 0.5);
    let y = |v: i64| bottom - (bottom - TOP) * v as f64 / top as f64;
    Lines {
        width: WIDTH,
        height,
        left: LEFT,
        right: WIDTH - RIGHT,
        grid: ticks.iter().map(|t| (y(*t), t.to_string())).collect(),
        ticks: labels.iter().enumerate().map(|(i, l)| (x(i), l.clone())).collect(),
        series: data
            .iter()
            .enumerate()
            .map(|(k, (name, values))| Series {
                class: format!("series-{k}"),
                name: name.clone(),
                points: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
                    .collect::<Vec<_>>()
                    .join(" "),
                marks: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (x(i), y(*v), *v, labels.get(i).cloned().unwrap_or_default()))
                    .collect(),
            })
            .collect(),
        bottom,
    }
}

/// One bar: where it starts, how long it is, its value.
pub struct Bar {
    pub class: String,
    pub y: f64,
    pub width: f64,
    pub value: i64,
    pub name: String,
}

pub struct Row {
    pub label: String,
    /// Where the label sits.
    pub y: f64,
    pub bars: Vec<Bar>,
}

pub struct Bars {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub bar_height: f64,
    pub rows: Vec<Row>,
}

/// Horizontal bars, one group per `(label, values)`, one bar per series named in `names`.
pub fn bars(names: &[String], data: &[(String, Vec<i64>)]) -> Bars {
    let left = 260.0;
    let bar_height = 20.0;
    let group = bar_height * names.len() as f64 + 14.0;
    let max = data.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(0).max(1);
    let room = WIDTH - left - 48.0;
    Bars {
        width: WIDTH,
        height: TOP + group * data.len() as f64,
        left,
        bar_height,
        rows: data
            .iter()
            .enumerate()
            .map(|(r, (label, values))| {
                let y0 = TOP + group * r as f64;
                Row {
                    label: label.clone(),
                    y: y0 + bar_height * names.len() as f64 / 2.0 + 4.0,
                    bars: values
                        .iter()
                        .enumerate()
                        .map(|(k, v)| Bar {
                            class: format!("series-{k}"),
                            y: y0 + bar_height * k as f64,
                            width: room * *v as f64 / max as f64,
                            value: *v,
                            name: names.get(k).cloned().unwrap_or_default(),
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_tops_at_a_round_number_with_at_most_six_ticks() {
        assert_eq!(axis(0), (1, vec![0, 1]));
        assert_eq!(axis(3), (3, vec![0, 1, 2, 3]));
        assert_eq!(axis(7), (8, vec![0, 2, 4, 6, 8]));
        assert_eq!(axis(23), (25, vec![0, 5, 10, 15, 20, 25]));
        assert_eq!(axis(8_400), (10_000, vec![0, 2_000, 4_000, 6_000, 8_000, 10_000]));
        for max in 1..2_000 {
            let (top, ticks) = axis(max);
            assert!(top >= max && ticks.len() <= 6 && ticks.last() == Some(&top), "{max}");
        }
    }

    #[test]
    fn lines_put_zero_on_the_floor_and_the_top_value_at_the_top() {
        let labels: Vec<String> = (1..=3).map(|m| format!("{m}")).collect();
        let l = lines(&labels, &[("a".into(), vec![0, 5, 10])]);
        let m = &l.series[0].marks;
        assert_eq!(m[0].1, l.bottom);
        assert_eq!(m[2].1, TOP);
        assert!(m[0].0 < m[1].0 && m[1].0 < m[2].0);
        assert_eq!(l.series[0].points.split(' ').count(), 3);
        assert_eq!(l.series[0].class, "series-0");
    }

    #[test]
    fn bars_are_as_long_as_their_share_of_the_longest() {
        let b = bars(&["x".into(), "y".into()], &[("A".into(), vec![4, 2]), ("B".into(), vec![0, 1])]);
        assert_eq!(b.rows.len(), 2);
        assert_eq!(b.rows[0].bars[1].width * 2.0, b.rows[0].bars[0].width);
        assert_eq!(b.rows[1].bars[0].width, 0.0);
        assert!(b.rows[1].bars[0].y > b.rows[0].bars[1].y);
    }
}
