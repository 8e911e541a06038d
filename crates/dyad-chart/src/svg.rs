//! The timeline chart as a hand-written SVG document.

use std::collections::HashMap;
use std::fmt::Write;

use dyad_store::TimelineRow;

/// Names of QuadClass 1–4, as the legend shows them.
const QUAD_NAMES: [&str; 4] = [
    "Verbal cooperation",
    "Material cooperation",
    "Verbal conflict",
    "Material conflict",
];
/// Fill of QuadClass 1–4: cooperation blue and green, conflict orange and red.
const QUAD_COLOURS: [&str; 4] = ["#4e9fd6", "#2e9e57", "#f59b3b", "#d62f26"];
/// Colour of the Goldstein line and its axis.
const GOLDSTEIN_COLOUR: &str = "#4b2991";
/// Fonts asked for; `svg_to_png` maps the generic `sans-serif` to the font it found.
const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

const HEIGHT: f64 = 540.0;
const MARGIN_LEFT: f64 = 72.0;
const MARGIN_RIGHT: f64 = 84.0;
const MARGIN_TOP: f64 = 104.0;
const MARGIN_BOTTOM: f64 = 64.0;
/// Plot area width: wide enough for 6 px per period, within these bounds.
const PLOT_MIN_WIDTH: f64 = 840.0;
const PLOT_MAX_WIDTH: f64 = 2400.0;
/// Bars are at most this wide, however few the periods.
const BAR_MAX_WIDTH: f64 = 48.0;
const LABEL_SIZE: f64 = 11.0;

/// Draws the timeline of the dyad `a`–`b` as a self-contained SVG document.
///
/// `rows` are those of [`dyad_store::Store::timeline`]: the x axis has one group per distinct
/// `period`, in the order the rows give them, and in each group one bar per direction found in
/// the rows (`a→b` first, then `b→a`, then mutual `a↔b`, each in the same slot in every group;
/// B→A bars are hatched and mutual bars dotted so the legend tells them apart). Each bar is
/// stacked by QuadClass, 1 at the bottom to 4 at the top, against a left axis of event counts.
/// A line with points shows each period's Goldstein mean over all directions, weighted by
/// events, against a right axis from −10 to +10. Periods coarser than the rest (a year among
/// months, for events dated less precisely) get italic labels. With many periods (hundreds of
/// days) the chart grows up to a bound and only every n-th period is labelled, so labels never
/// overlap.
///
/// The title reads "`a`–`b` events by period". Empty `rows` give a small document saying
/// "No dated events". All text is escaped for XML, and each bar and point carries a `<title>`
/// tooltip and `data-*` attributes with its numbers.
pub fn timeline_svg(rows: &[TimelineRow], a: &str, b: &str) -> String {
    let title = format!("{}–{} events by period", a.trim(), b.trim());
    let data = Data::new(rows, a, b);
    if data.periods.is_empty() {
        empty_svg(&title)
    } else {
        chart_svg(&data, &title)
    }
}

/// The rows rearranged by period and direction.
struct Data<'r> {
    periods: Vec<&'r str>,
    /// Whether each period is coarser than the finest one (less precisely dated events).
    coarse: Vec<bool>,
    /// Directions in slot order.
    directions: Vec<&'r str>,
    /// Counts per QuadClass, by period then direction slot.
    cells: Vec<Vec<[u32; 4]>>,
    /// Events per period, all directions.
    events: Vec<u64>,
    /// Goldstein sum per period, all directions.
    goldstein: Vec<f64>,
}

impl<'r> Data<'r> {
    fn new(rows: &'r [TimelineRow], a: &str, b: &str) -> Self {
        let mut periods: Vec<&str> = Vec::new();
        let mut period_ix: HashMap<&str, usize> = HashMap::new();
        let mut seen_dirs: Vec<&str> = Vec::new();
        for row in rows {
            if !period_ix.contains_key(row.period.as_str()) {
                period_ix.insert(&row.period, periods.len());
                periods.push(&row.period);
            }
            if !seen_dirs.contains(&row.direction.as_str()) {
                seen_dirs.push(&row.direction);
            }
        }
        let mut directions = seen_dirs.clone();
        // Stable: ties keep the order of first appearance.
        directions.sort_by_key(|d| direction_rank(d, a, b));
        let dir_ix: HashMap<&str, usize> = directions
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, i))
            .collect();

        let mut cells = vec![vec![[0u32; 4]; directions.len()]; periods.len()];
        let mut events = vec![0u64; periods.len()];
        let mut goldstein = vec![0f64; periods.len()];
        for row in rows {
            let (Some(&p), Some(&d)) = (
                period_ix.get(row.period.as_str()),
                dir_ix.get(row.direction.as_str()),
            ) else {
                continue;
            };
            if let Some(cell) = cells.get_mut(p).and_then(|c| c.get_mut(d)) {
                for (slot, n) in cell.iter_mut().zip(row.quad) {
                    *slot = slot.saturating_add(n);
                }
            }
            if let (Some(e), Some(g)) = (events.get_mut(p), goldstein.get_mut(p)) {
                if row.goldstein_sum.is_finite() {
                    *e += u64::from(row.events);
                    *g += row.goldstein_sum;
                }
            }
        }
        let finest = periods.iter().map(|p| granularity(p)).max().unwrap_or(0);
        let coarse = periods.iter().map(|p| granularity(p) < finest).collect();
        Data {
            periods,
            coarse,
            directions,
            cells,
            events,
            goldstein,
        }
    }
}

/// Slot of a direction: `a→b` 0, `b→a` 1 (or any other one-way act), mutual 2, unknown 3.
fn direction_rank(direction: &str, a: &str, b: &str) -> u8 {
    if direction.contains('↔') {
        return 2;
    }
    match direction.split_once('→') {
        Some((from, _)) if actor_matches(from, a) => 0,
        Some((from, _)) if actor_matches(from, b) => 1,
        Some(_) => 1,
        None => 3,
    }
}

/// Whether the actor key in a direction (e.g. "RUS") is the actor asked for (e.g. "rus" or
/// "RUSGOV", which the store keys by its first three letters).
fn actor_matches(key: &str, asked: &str) -> bool {
    let key = key.trim().to_uppercase();
    let asked = asked.trim().to_uppercase();
    !key.is_empty() && (asked == key || asked.starts_with(&key))
}

/// 0 year ("2019"), 1 month ("2019-06"), 2 ISO week ("2019-W23"), 3 day ("2019-06-05").
fn granularity(label: &str) -> u8 {
    if label.contains('W') {
        return 2;
    }
    match label.matches('-').count() {
        0 => 0,
        1 => 1,
        _ => 3,
    }
}

fn granularity_name(label: &str) -> &'static str {
    match granularity(label) {
        0 => "year",
        1 => "month",
        2 => "week",
        _ => "day",
    }
}

/// Positions on the chart.
struct Layout {
    width: f64,
    plot_width: f64,
    plot_height: f64,
    /// Width of one period's group.
    group: f64,
    /// Width of one bar's slot (the bar is drawn `gap` narrower).
    bar: f64,
    gap: f64,
    /// Top of the event axis.
    y_top: f64,
    y_step: f64,
}

impl Layout {
    fn new(data: &Data) -> Self {
        let n = data.periods.len().max(1) as f64;
        let plot_width = (n * 6.0).clamp(PLOT_MIN_WIDTH, PLOT_MAX_WIDTH);
        let group = plot_width / n;
        let inner = if group >= 6.0 { group * 0.8 } else { group };
        let bar = (inner / data.directions.len().max(1) as f64).min(BAR_MAX_WIDTH);
        let gap = if bar >= 8.0 { 1.5 } else { 0.0 };
        let max_stack = data
            .cells
            .iter()
            .flatten()
            .map(|q| q.iter().map(|&n| u64::from(n)).sum::<u64>())
            .max()
            .unwrap_or(0) as f64;
        let y_step = nice_step(max_stack, 5);
        let y_top = ((max_stack / y_step).ceil() * y_step).max(y_step);
        Layout {
            width: MARGIN_LEFT + plot_width + MARGIN_RIGHT,
            plot_width,
            plot_height: HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            group,
            bar,
            gap,
            y_top,
            y_step,
        }
    }

    fn plot_bottom(&self) -> f64 {
        MARGIN_TOP + self.plot_height
    }

    /// y of an event count.
    fn y(&self, count: f64) -> f64 {
        self.plot_bottom() - count / self.y_top * self.plot_height
    }

    /// y of a Goldstein value (clamped to −10..+10).
    fn y_goldstein(&self, value: f64) -> f64 {
        MARGIN_TOP + (10.0 - value.clamp(-10.0, 10.0)) / 20.0 * self.plot_height
    }

    fn group_left(&self, period: usize) -> f64 {
        MARGIN_LEFT + period as f64 * self.group
    }

    fn group_centre(&self, period: usize) -> f64 {
        self.group_left(period) + self.group / 2.0
    }

    fn bar_left(&self, period: usize, slot: usize, slots: usize) -> f64 {
        let used = self.bar * slots as f64;
        self.group_left(period) + (self.group - used) / 2.0 + slot as f64 * self.bar
    }
}

/// A round step (1, 2 or 5 × 10ⁿ, at least 1) giving about `ticks` ticks up to `max`.
fn nice_step(max: f64, ticks: usize) -> f64 {
    if max.is_nan() || max <= 0.0 {
        return 1.0;
    }
    let raw = max / ticks.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let norm = raw / magnitude;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * magnitude).max(1.0)
}

/// Rough width of text in DejaVu Sans (which runs about 0.55–0.62 em a character).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.62
}

fn chart_svg(data: &Data, title: &str) -> String {
    let l = Layout::new(data);
    let mut s = String::with_capacity(4096 + data.periods.len() * data.directions.len() * 600);
    let (w, h) = (num(l.width), num(HEIGHT));
    let right = MARGIN_LEFT + l.plot_width;
    let bottom = l.plot_bottom();

    header(&mut s, &w, &h, title);
    s.push_str(concat!(
        "<defs>",
        "<pattern id=\"dyad-dir1\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" ",
        "patternTransform=\"rotate(45)\"><rect width=\"2.5\" height=\"6\" fill=\"#ffffff\" ",
        "fill-opacity=\"0.6\"/></pattern>",
        "<pattern id=\"dyad-dir2\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\">",
        "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.3\" fill=\"#ffffff\" fill-opacity=\"0.75\"/></pattern>",
        "</defs>\n"
    ));
    let _ = writeln!(
        s,
        "<rect class=\"background\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    );

    // Title and a summary line.
    let _ = writeln!(
        s,
        "<text class=\"title\" x=\"{}\" y=\"30\" font-size=\"18\" font-weight=\"bold\" \
         fill=\"#222222\">{}</text>",
        num(MARGIN_LEFT),
        esc(title)
    );
    let total: u64 = data.events.iter().sum();
    let (first, last) = (
        data.periods.first().copied().unwrap_or_default(),
        data.periods.last().copied().unwrap_or_default(),
    );
    let span = if data.periods.len() == 1 {
        format!("in {first}")
    } else {
        format!("in {} periods, {first} to {last}", data.periods.len())
    };
    let _ = writeln!(
        s,
        "<text class=\"subtitle\" x=\"{}\" y=\"30\" text-anchor=\"end\" fill=\"#555555\">{} \
         event{} {}</text>",
        num(right),
        total,
        if total == 1 { "" } else { "s" },
        esc(&span)
    );

    legend(&mut s, data);

    // Grid and left axis labels.
    s.push_str("<g class=\"y-axis\">\n");
    let mut v = 0.0;
    while v <= l.y_top + 1e-9 {
        let y = num(l.y(v));
        let _ = writeln!(
            s,
            "<line class=\"grid\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#e3e3e3\" \
             stroke-width=\"1\"/>",
            num(MARGIN_LEFT),
            num(right)
        );
        let _ = writeln!(
            s,
            "<text class=\"y-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"{}\" \
             fill=\"#444444\">{}</text>",
            num(MARGIN_LEFT - 8.0),
            num(l.y(v) + 4.0),
            num(LABEL_SIZE),
            v
        );
        v += l.y_step;
    }
    let _ = writeln!(
        s,
        "<text class=\"axis-title\" transform=\"translate(20 {}) rotate(-90)\" \
         text-anchor=\"middle\" fill=\"#444444\">Events</text>",
        num(MARGIN_TOP + l.plot_height / 2.0)
    );
    s.push_str("</g>\n");

    bars(&mut s, data, &l);
    goldstein_line(&mut s, data, &l);

    // Axis lines.
    let _ = writeln!(
        s,
        "<path class=\"axes\" d=\"M{x0} {top}V{b}H{x1}V{top}\" fill=\"none\" stroke=\"#888888\" \
         stroke-width=\"1\"/>",
        x0 = num(MARGIN_LEFT),
        x1 = num(right),
        top = num(MARGIN_TOP),
        b = num(bottom)
    );

    // Right axis: Goldstein scale.
    s.push_str("<g class=\"y2-axis\">\n");
    for v in [10i32, 5, 0, -5, -10] {
        let y = l.y_goldstein(f64::from(v));
        let label = match v.signum() {
            1 => format!("+{v}"),
            -1 => format!("−{}", v.abs()),
            _ => "0".to_owned(),
        };
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GOLDSTEIN_COLOUR}\" \
             stroke-width=\"1\"/>",
            num(right),
            num(right + 4.0),
            y = num(y)
        );
        let _ = writeln!(
            s,
            "<text class=\"y2-label\" x=\"{}\" y=\"{}\" font-size=\"{}\" \
             fill=\"{GOLDSTEIN_COLOUR}\">{label}</text>",
            num(right + 7.0),
            num(y + 4.0),
            num(LABEL_SIZE)
        );
    }
    let _ = writeln!(
        s,
        "<text class=\"axis-title\" transform=\"translate({} {}) rotate(90)\" \
         text-anchor=\"middle\" fill=\"{GOLDSTEIN_COLOUR}\">Goldstein mean (−10 conflict … +10 \
         cooperation)</text>",
        num(l.width - 22.0),
        num(MARGIN_TOP + l.plot_height / 2.0)
    );
    s.push_str("</g>\n");

    x_labels(&mut s, data, &l);
    s.push_str("</svg>\n");
    s
}

fn header(s: &mut String, w: &str, h: &str, title: &str) {
    let _ = writeln!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\" \
         font-size=\"12\" role=\"img\">\n<title>{}</title>",
        esc(title)
    );
}

fn legend(s: &mut String, data: &Data) {
    s.push_str("<g class=\"legend\">\n");
    let mut x = MARGIN_LEFT;
    for (q, (name, colour)) in QUAD_NAMES.iter().zip(QUAD_COLOURS).enumerate() {
        let _ = writeln!(
            s,
            "<rect class=\"legend-swatch q{}\" x=\"{}\" y=\"50\" width=\"12\" height=\"12\" \
             fill=\"{colour}\"/>",
            q + 1,
            num(x)
        );
        legend_label(s, x + 18.0, 60.0, name);
        x += 18.0 + text_width(name, 12.0) + 22.0;
    }
    let mut x = MARGIN_LEFT;
    for (d, direction) in data.directions.iter().enumerate() {
        let _ = writeln!(
            s,
            "<rect class=\"legend-swatch d{d}\" x=\"{}\" y=\"74\" width=\"12\" height=\"12\" \
             fill=\"#8c8c8c\"/>",
            num(x)
        );
        if let Some(pattern) = overlay_pattern(d) {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"74\" width=\"12\" height=\"12\" fill=\"url(#{pattern})\"/>",
                num(x)
            );
        }
        legend_label(s, x + 18.0, 84.0, direction);
        x += 18.0 + text_width(direction, 12.0) + 22.0;
    }
    let _ = writeln!(
        s,
        "<line class=\"legend-swatch goldstein\" x1=\"{}\" y1=\"80\" x2=\"{}\" y2=\"80\" \
         stroke=\"{GOLDSTEIN_COLOUR}\" stroke-width=\"2\"/><circle cx=\"{}\" cy=\"80\" r=\"3\" \
         fill=\"{GOLDSTEIN_COLOUR}\"/>",
        num(x),
        num(x + 20.0),
        num(x + 10.0)
    );
    legend_label(s, x + 26.0, 84.0, "Goldstein mean (right axis)");
    s.push_str("</g>\n");
}

fn legend_label(s: &mut String, x: f64, y: f64, text: &str) {
    let _ = writeln!(
        s,
        "<text class=\"legend-label\" x=\"{}\" y=\"{}\" fill=\"#333333\">{}</text>",
        num(x),
        num(y),
        esc(text)
    );
}

/// The pattern laid over the bars of direction slot `d` (none for the first).
fn overlay_pattern(d: usize) -> Option<&'static str> {
    match d % 3 {
        1 => Some("dyad-dir1"),
        2 => Some("dyad-dir2"),
        _ => None,
    }
}

fn bars(s: &mut String, data: &Data, l: &Layout) {
    s.push_str("<g class=\"bars\">\n");
    let slots = data.directions.len();
    for (p, period) in data.periods.iter().enumerate() {
        for (d, direction) in data.directions.iter().enumerate() {
            let Some(quad) = data.cells.get(p).and_then(|c| c.get(d)) else {
                continue;
            };
            let total: u64 = quad.iter().map(|&n| u64::from(n)).sum();
            if total == 0 {
                continue;
            }
            let x = num(l.bar_left(p, d, slots));
            let width = (l.bar - l.gap).max(0.1);
            let mut below = 0u64;
            for (q, &count) in quad.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let y_low = l.y(below as f64);
                below += u64::from(count);
                let y_high = l.y(below as f64);
                let _ = writeln!(
                    s,
                    "<rect class=\"bar q{q1}\" x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{}\" \
                     fill=\"{}\" data-period=\"{period}\" data-direction=\"{direction}\" \
                     data-count=\"{count}\"><title>{period} {direction}: {} {count} of \
                     {total}</title></rect>",
                    num(y_high),
                    num(width),
                    num(y_low - y_high),
                    QUAD_COLOURS.get(q).copied().unwrap_or("#999999"),
                    QUAD_NAMES.get(q).copied().unwrap_or("other").to_lowercase(),
                    q1 = q + 1,
                    period = esc(period),
                    direction = esc(direction),
                );
            }
            if let Some(pattern) = overlay_pattern(d).filter(|_| width >= 3.0) {
                let y_top = l.y(total as f64);
                let _ = writeln!(
                    s,
                    "<rect class=\"bar-overlay d{d}\" x=\"{x}\" y=\"{}\" width=\"{}\" \
                     height=\"{}\" fill=\"url(#{pattern})\" pointer-events=\"none\"/>",
                    num(y_top),
                    num(width),
                    num(l.plot_bottom() - y_top)
                );
            }
        }
    }
    s.push_str("</g>\n");
}

fn goldstein_line(s: &mut String, data: &Data, l: &Layout) {
    let points: Vec<Option<(f64, f64, f64, u64)>> = (0..data.periods.len())
        .map(|p| {
            let events = data.events.get(p).copied().unwrap_or(0);
            let sum = data.goldstein.get(p).copied().unwrap_or(0.0);
            (events > 0).then(|| {
                let mean = sum / events as f64;
                (l.group_centre(p), l.y_goldstein(mean), mean, events)
            })
        })
        .collect();
    let _ = writeln!(
        s,
        "<line class=\"goldstein-zero\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" \
         stroke=\"{GOLDSTEIN_COLOUR}\" stroke-opacity=\"0.45\" stroke-width=\"1\" \
         stroke-dasharray=\"4 3\"/>",
        num(MARGIN_LEFT),
        num(MARGIN_LEFT + l.plot_width),
        y = num(l.y_goldstein(0.0))
    );
    let mut d = String::new();
    let mut previous = false;
    for point in &points {
        match point {
            Some((x, y, _, _)) => {
                d.push(if previous { 'L' } else { 'M' });
                let _ = write!(d, "{} {}", num(*x), num(*y));
                previous = true;
            }
            None => previous = false,
        }
    }
    let stroke = if l.group < 4.0 { 1.25 } else { 2.0 };
    let _ = writeln!(
        s,
        "<path class=\"goldstein-line\" d=\"{d}\" fill=\"none\" stroke=\"{GOLDSTEIN_COLOUR}\" \
         stroke-width=\"{}\" stroke-linejoin=\"round\"/>",
        num(stroke)
    );
    let r = num((l.group * 0.3).clamp(1.5, 3.5));
    for (p, point) in points.iter().enumerate() {
        let Some((x, y, mean, events)) = point else {
            continue;
        };
        let period = esc(data.periods.get(p).copied().unwrap_or_default());
        let _ = writeln!(
            s,
            "<circle class=\"goldstein-point\" cx=\"{}\" cy=\"{}\" r=\"{r}\" \
             fill=\"{GOLDSTEIN_COLOUR}\" stroke=\"#ffffff\" stroke-width=\"0.75\" \
             data-period=\"{period}\" data-mean=\"{mean:.2}\"><title>{period}: Goldstein mean \
             {mean:+.2} over {events} event{}</title></circle>",
            num(*x),
            num(*y),
            if *events == 1 { "" } else { "s" }
        );
    }
}

fn x_labels(s: &mut String, data: &Data, l: &Layout) {
    let n = data.periods.len();
    let widest = data
        .periods
        .iter()
        .map(|p| text_width(p, LABEL_SIZE))
        .fold(0.0, f64::max);
    let fit = ((l.plot_width / (widest + 12.0)).floor() as usize).max(1);
    let step = n.div_ceil(fit).max(1);
    let bottom = l.plot_bottom();
    s.push_str("<g class=\"x-axis\">\n");
    for p in (0..n).step_by(step) {
        let Some(period) = data.periods.get(p) else {
            continue;
        };
        let x = num(l.group_centre(p));
        let coarse = data.coarse.get(p).copied().unwrap_or(false);
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#888888\" \
             stroke-width=\"1\"/>",
            num(bottom),
            num(bottom + 4.0)
        );
        let (class, style, tip) = if coarse {
            (
                "x-label coarse",
                " font-style=\"italic\"",
                format!(
                    "<title>{}: events dated only to the {}</title>",
                    esc(period),
                    granularity_name(period)
                ),
            )
        } else {
            ("x-label", "", String::new())
        };
        let _ = writeln!(
            s,
            "<text class=\"{class}\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" \
             fill=\"#444444\"{style}>{tip}{}</text>",
            num(bottom + 18.0),
            num(LABEL_SIZE),
            esc(period)
        );
    }
    let note = if step > 1 {
        format!("Period (every {} of {n} labelled)", ordinal(step))
    } else {
        "Period".to_owned()
    };
    let _ = writeln!(
        s,
        "<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
         fill=\"#444444\">{note}</text>",
        num(MARGIN_LEFT + l.plot_width / 2.0),
        num(bottom + 42.0)
    );
    s.push_str("</g>\n");
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn empty_svg(title: &str) -> String {
    let (w, h) = ("640", "200");
    let mut s = String::new();
    header(&mut s, w, h, title);
    let _ = writeln!(
        s,
        "<rect class=\"background\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n<text \
         class=\"title\" x=\"24\" y=\"36\" font-size=\"18\" font-weight=\"bold\" \
         fill=\"#222222\">{}</text>\n<text class=\"empty\" x=\"320\" y=\"116\" \
         text-anchor=\"middle\" font-size=\"16\" fill=\"#666666\">No dated events</text>\n</svg>",
        esc(title)
    );
    s
}

/// `text` escaped for XML content and attribute values. Characters XML 1.0 forbids (control
/// characters other than tab and line breaks) become U+FFFD.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most three decimals and no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_owned(),
        s => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps_are_round() {
        assert_eq!(nice_step(0.0, 5), 1.0);
        assert_eq!(nice_step(3.0, 5), 1.0);
        assert_eq!(nice_step(12.0, 5), 5.0);
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(4321.0, 5), 1000.0);
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.333");
        assert_eq!(num(-0.0001), "0");
    }

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(
            esc("R&D <\"x\"> 'y'\u{1}"),
            "R&amp;D &lt;&quot;x&quot;&gt; &apos;y&apos;\u{FFFD}"
        );
    }

    #[test]
    fn directions_take_fixed_slots() {
        assert_eq!(direction_rank("RUS→CHN", "rus", "chn"), 0);
        assert_eq!(direction_rank("CHN→RUS", "rus", "chn"), 1);
        assert_eq!(direction_rank("RUS↔CHN", "rus", "chn"), 2);
        assert_eq!(direction_rank("RUS→CHN", "RUSGOV", "CHN"), 0);
        assert_eq!(direction_rank("RUS→CHN", "chn", "rus"), 1);
    }

    #[test]
    fn coarse_periods_are_found() {
        assert_eq!(granularity("2019"), 0);
        assert_eq!(granularity("2019-06"), 1);
        assert_eq!(granularity("2019-W23"), 2);
        assert_eq!(granularity("2019-06-05"), 3);
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(13), "13th");
        assert_eq!(ordinal(21), "21st");
    }
}
