//! The summary panel: cost of each option now (per day, month, 1k requests), the cheapest
//! highlighted, replicas, break-even, payback, and the recommendation with its reasons.

use crate::sanitize::{pad_end, pad_start};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

use crate::figures::{money, months, percent, volume};
use crate::model::breakeven::never;
use crate::model::outcome::per_month;
use crate::model::Choice;
use crate::tui::app::{App, Tab};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    match app.tab {
        Tab::Costs => costs(frame, app, area),
        Tab::Sensitivity => sensitivity(frame, app, area),
        Tab::Timeline => timeline(frame, app, area),
        Tab::Fleet => super::fleet::summary(frame, app, area),
    }
}

fn sensitivity(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let cur = app.scenario.currency.as_str();
    let s = &app.sensitivity;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Sensitivity ");
    let mut lines = vec![
        verdict_line(app),
        // The option the tornado weighs (the challenger), named as the reports name it.
        Line::raw({
            let (noun, _) = s.target_names();
            let cap = crate::wording::capitalised(noun);
            format!(
                "{cap} minus API at {} req/day: {}/day ({}).",
                volume(app.scenario.workload.requests_per_day),
                money(s.gap, cur),
                if s.gap < 0.0 {
                    format!("{noun} is cheaper")
                } else {
                    "the API is cheaper".to_string()
                }
            )
        }),
        Line::raw(format!(
            "Each input swings on its own: its [uncertainty] range, or ±{} (kept in range; a share at 0 over its whole range; whole numbers rounded).",
            percent(app.scenario.uncertainty.swing)
        )),
    ];
    // docs/MODEL.md §7.1: every row whose swing flips the verdict, on or off the chart.
    let flipping: Vec<String> = s
        .swings
        .iter()
        .filter(|x| x.flips_any(s.now))
        .map(|x| {
            format!(
                "{} ({})",
                crate::report::words::label(x.key),
                crate::report::words::swing_flips(x, s.now)
            )
        })
        .collect();
    if !flipping.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} Flips the answer: ", super::tornado::FLIP_MARK),
                t.header(),
            ),
            Span::raw(flipping.join("; ")),
        ]));
    }
    lines.extend(flip_lines(app));
    for x in s.swings.iter().take(3) {
        let label = crate::model::fields::field(x.key).map_or(x.key, |f| f.label);
        let be = |b: Option<f64>| b.map_or("never".to_string(), volume);
        lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), t.header()),
            Span::raw(format!(
                "gap {} → {}, break-even {} → {}",
                money(x.gap_low, cur),
                money(x.gap_high, cur),
                be(x.breakeven_low),
                be(x.breakeven_high)
            )),
        ]));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    super::lines::render_wrapped(lines, inner, frame.buffer_mut());
}

/// The Timeline tab's summary: growth, when the challenger and the owned fleet pay off, the
/// best month to switch, and what is excluded.
fn timeline(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let tl = &app.timeline;
    let g = &app.scenario.growth;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Growth timeline ");
    let last = tl.months.last().map_or(0.0, |m| m.requests_per_day);
    let mut lines = vec![verdict_line(app)];
    lines.push(Line::raw(format!(
        "{} months: {} → {} req/day ({} a month{}).",
        g.horizon_months,
        volume(app.scenario.workload.requests_per_day),
        volume(last),
        percent(g.monthly_rate),
        if g.steps.is_empty() {
            String::new()
        } else {
            format!(", {} step(s)", g.steps.len())
        }
    )));
    lines.extend(challenger_months(app));
    lines.push(switch_line(app));
    lines.extend(owned_months(app));
    // Options excluded once the traffic grows (docs/MODEL.md §8.2).
    for line in tl.later_exclusion_lines() {
        lines.push(Line::styled(line, t.dim()));
    }
    // Why an option is drawn dim on the timeline (docs/MODEL.md §6.4).
    let excluded = tl.allowed.summary();
    if !excluded.is_empty() {
        lines.push(Line::styled(excluded.join("; "), t.dim()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    super::lines::render_wrapped(lines, inner, frame.buffer_mut());
}

/// A month of the timeline, or that it is not within the horizon.
fn month(m: Option<u32>) -> String {
    m.map_or("not within the horizon".to_string(), |m| {
        format!("month {m}")
    })
}

/// A figure of an option: plain, or dim with "(excluded)" when the constraints rule the
/// option out today (docs/MODEL.md §6.4).
fn figure(app: &App, allowed: bool, text: String) -> Span<'static> {
    if allowed {
        Span::raw(text)
    } else {
        Span::styled(format!("{text} (excluded)"), app.theme.dim())
    }
}

/// The challenger's two months (docs/MODEL.md §8), saying whose; with the API excluded there
/// is nothing to compare with.
fn challenger_months(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let tl = &app.timeline;
    if tl.api_excluded.is_some() {
        return Vec::new();
    }
    let who = tl.challenger.label();
    let allowed = tl.allowed.is_allowed(tl.challenger);
    vec![
        Line::from(vec![
            Span::styled(format!("{who} monthly below the API's: "), t.header()),
            figure(app, allowed, month(tl.first_month_cheaper)),
        ]),
        Line::from(vec![
            Span::styled(format!("{who} total below, setup repaid: "), t.header()),
            figure(app, allowed, month(tl.first_month_repaid)),
        ]),
    ]
}

/// The best month to switch and what it saves by the horizon, or why there is none.
fn switch_line(app: &App) -> Line<'static> {
    let t = &app.theme;
    let tl = &app.timeline;
    let cur = app.scenario.currency.as_str();
    match tl.best_switch_month {
        Some(m) => Line::from(vec![
            Span::styled(
                format!("Best month to switch{}: ", tl.switch_phrase()),
                t.header(),
            ),
            Span::styled(format!("month {m}"), t.cheapest()),
            Span::raw(format!(
                ", saving {} by month {}",
                money(tl.savings_at_horizon, cur),
                app.scenario.growth.horizon_months
            )),
        ]),
        None => Line::from(vec![
            Span::styled("Best month to switch: ", t.header()),
            Span::raw(match (tl.api_excluded, tl.excluded_throughout) {
                (Some(e), _) => format!(
                    "none, the API is {} ({} from month 1 costs least)",
                    e.reason(),
                    tl.cheapest_from_start.unwrap_or(tl.challenger).label()
                ),
                (None, true) if tl.later_exclusions.is_empty() => format!(
                    "none, stay on the API ({} {} to the horizon)",
                    tl.challenger.label(),
                    tl.allowed
                        .exclusion(tl.challenger)
                        .map_or("excluded".to_string(), |e| e.reason())
                ),
                _ => "none, stay on the API".to_string(),
            }),
        ]),
    }
}

/// The owned fleet's own answers (docs/MODEL.md §8.1), dimmed when it is excluded.
fn owned_months(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let tl = &app.timeline;
    let Some(own) = &tl.owned else {
        return Vec::new();
    };
    let allowed = tl.allowed.is_allowed(Choice::Owned);
    let mut lines = Vec::new();
    if tl.api_excluded.is_none() {
        lines.push(Line::from(vec![
            Span::styled("Owned monthly below the API's: ", t.header()),
            figure(app, allowed, month(own.first_month_cheaper)),
        ]));
    }
    let text =
        crate::report::words::rent_or_buy_over_horizon(&app.scenario, own, tl.owned_switch_month());
    lines.push(Line::from(vec![
        Span::styled("Rent or buy: ", t.header()),
        figure(app, allowed, text),
    ]));
    lines
}

/// The Costs tab's summary: the options' costs, warnings, break-even and payback, the Monte
/// Carlo's answer, and the recommendation with its reasons.
fn costs(frame: &mut Frame, app: &App, area: Rect) {
    let block = Block::default().borders(Borders::ALL).title(format!(
        " At {} requests/day ",
        volume(app.outcome.requests_per_day)
    ));
    let w = block.inner(area).width as usize;
    let mut lines = cost_table(app, w);
    // The verdict right under the table, so that the smallest terminal still shows it.
    lines.push(verdict_line(app));
    lines.extend(alerts(app, w));
    lines.push(breakeven_line(app));
    lines.extend(uncertainty_line(app));
    lines.extend(recommendation(app));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    super::lines::render_wrapped(lines, inner, frame.buffer_mut());
}

/// Each option's label and colour, in table order (the owned fleet when offered).
fn options(app: &App) -> Vec<(Choice, String, Style)> {
    let t = &app.theme;
    let sc = &app.scenario;
    let o = &app.outcome;
    let mut rows = vec![
        (Choice::Api, format!("API {}", sc.api.model), t.api()),
        (
            Choice::SelfHost,
            format!("Self-host {}", sc.self_host.model),
            t.self_host(),
        ),
        (
            Choice::Hybrid,
            format!("Hybrid {}", crate::report::words::hybrid_split(sc)),
            t.hybrid(),
        ),
    ];
    if o.owned_enabled {
        rows.push((
            Choice::Owned,
            format!(
                "Owned {}",
                crate::report::text::plural(o.owned.servers, "server")
            ),
            t.owned(),
        ));
    }
    rows
}

/// `s` padded to `n` characters, or cut to `n` with an ellipsis.
fn fit(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        pad_end(s, n)
    } else {
        format!(
            "{}…",
            s.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}

/// The cost table in `w` columns: a header, then per option its cost per day, per month and
/// per 1k requests; ▶ marks the recommendation (the cheapest allowed option), not merely the
/// cheapest; an option the constraints exclude is dimmed (docs/MODEL.md §6.4).
fn cost_table(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let o = &app.outcome;
    let cur = app.scenario.currency.as_str();
    let rows = options(app);
    let values: Vec<[String; 3]> = rows
        .iter()
        .map(|(c, _, _)| {
            let day = o.usd_per_day(*c);
            [
                money(day, cur),
                money(per_month(day), cur),
                o.usd_per_1k(*c).map_or("n/a".into(), |x| money(x, cur)),
            ]
        })
        .collect();
    let col = |i: usize, head: &str| {
        values
            .iter()
            .map(|v| v[i].chars().count())
            .chain([head.len()])
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (col(0, "per day"), col(1, "per month"), col(2, "per 1k"));
    let label_w = w.saturating_sub(w0 + w1 + w2 + 6 + 2).max(6);
    // Padded by hand: a width from a money string (a long currency) could pass what
    // `format!` accepts.
    let row = |label: &str, v: [&str; 3]| {
        format!(
            "{}  {}  {}  {}",
            fit(label, label_w),
            pad_start(v[0], w0),
            pad_start(v[1], w1),
            pad_start(v[2], w2)
        )
    };
    let mut lines = vec![Line::styled(
        format!("  {}", row("", ["per day", "per month", "per 1k"])),
        t.dim(),
    )];
    for ((c, label, style), v) in rows.iter().zip(&values) {
        let best = Some(*c) == o.recommendation.choice;
        let text_style = if best {
            t.cheapest()
        } else if !o.allowed.is_allowed(*c) {
            t.dim()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(if best { "▶ " } else { "  " }, *style),
            Span::styled(row(label, [&v[0], &v[1], &v[2]]), text_style),
        ]));
    }
    lines
}

/// What the constraints exclude, then the throughput warnings (above the physical ceiling,
/// past a context window, does not fit, a latency target missed) and the owned fleet's
/// figures that could not follow the GPU from the catalog: one line each, in full under `w`.
fn alerts(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = Vec::new();
    let excluded = app.outcome.allowed.summary();
    if !excluded.is_empty() {
        lines.push(Line::styled(excluded.join("; "), t.dim()));
    }
    let owned = crate::model::owned_inputs::warnings(&app.scenario);
    let alerts: Vec<&String> = app.throughput.alerts().chain(&owned).collect();
    for (i, a) in alerts.iter().enumerate() {
        let more = if i + 1 == alerts.len() {
            " (w: in full)"
        } else {
            ""
        };
        let room = w.saturating_sub(2 + more.chars().count());
        let text = if a.chars().count() > room {
            let cut: String = a.chars().take(room.saturating_sub(1)).collect();
            format!("⚠ {cut}…{more}")
        } else {
            format!("⚠ {a}{more}")
        };
        lines.push(Line::styled(text, t.error()));
    }
    lines
}

/// The recommended option's break-even and, beside it, its payback.
fn breakeven_line(app: &App) -> Line<'static> {
    let t = &app.theme;
    let o = &app.outcome;
    let cur = app.scenario.currency.as_str();
    let breakeven = match (
        o.recommended_breakeven_requests_per_day,
        o.recommendation.choice,
    ) {
        (Some(b), _) => format!("{} req/day", volume(b)),
        (None, Some(Choice::Hybrid)) => "never".into(),
        (None, _) => format!("never ({})", crate::wording::never(never(&o.rates), cur)),
    };
    let payback = match o.recommended_payback_months {
        Some(m) => months(m),
        None => "none (no savings here)".into(),
    };
    Line::from(vec![
        Span::styled(format!("{} ", o.breakeven_name()), t.dim()),
        Span::raw(breakeven),
        Span::styled(" · payback ", t.dim()),
        Span::raw(payback),
    ])
}

/// Rows of the flip panel on the Sensitivity tab, as in the reports' costs view.
const FLIP_ROWS: usize = crate::report::words::FLIPS_IN_COSTS;

/// The flip panel (docs/MODEL.md §7.4): "What would flip the answer", then its nearest rows
/// ("Local share 70%: below 44.4% → API (cost)"), or that it is being computed.
fn flip_lines(app: &App) -> Vec<Line<'static>> {
    use crate::report::words::{flip_cells, flips_scope};
    let t = &app.theme;
    let head = |rest: String| {
        Line::from(vec![
            Span::styled("What would flip the answer: ", t.header()),
            Span::raw(rest),
        ])
    };
    match &app.flips.current {
        None => vec![head("computing…".to_string())],
        Some(Err(e)) => vec![head(format!("could not be computed ({e})"))],
        Some(Ok(f)) => {
            let mut out = vec![head(format!("{}.", flips_scope(f, FLIP_ROWS)))];
            out.extend(f.rows.iter().take(FLIP_ROWS).map(|r| {
                let [label, now, change, to] = flip_cells(r, &app.scenario.currency);
                Line::from(vec![
                    Span::styled(format!("  {label} {now}: "), t.dim()),
                    Span::raw(format!("{change} → {to}")),
                ])
            }));
            out
        }
    }
}

/// The Monte Carlo's answer, when the scenario has uncertainty ranges: it weighs an option
/// that may be taken, or says none may.
fn uncertainty_line(app: &App) -> Option<Line<'static>> {
    let o = &app.outcome;
    if app.scenario.uncertainty.ranges.is_empty() {
        return None;
    }
    let text = match &app.bands.current {
        Some(_) if !o.challenger_allowed() => format!(
            "Uncertainty: no option that runs a model may be taken ({} {})",
            o.challenger().label(),
            o.allowed
                .exclusion(o.challenger())
                .map_or(String::new(), |e| e.reason())
        ),
        Some(mc) => {
            let be = |b: Option<f64>| b.map_or("never".to_string(), volume);
            let target = o.challenger();
            let mut text = format!(
                "Uncertainty: {} cheaper than the API in {} of {} samples; self-host \
                 break-even P10–P90 {} – {}",
                target.label(),
                percent(mc.p_cheaper(target)),
                mc.samples,
                be(mc.breakeven[0]),
                be(mc.breakeven[2])
            );
            // The owned fleet's chances (docs/MODEL.md §7.3).
            if let Some(ob) = &mc.owned {
                text.push_str(&format!(
                    "; owned cheaper than the API in {}, cheapest in {}",
                    percent(ob.p_cheaper),
                    percent(ob.p_cheapest)
                ));
            }
            // docs/MODEL.md §7.2: what the chance is conditional on.
            let held = crate::model::sensitivity::held(&app.scenario, &app.sensitivity);
            if let Some(h) = crate::report::words::held_line(&held, &app.scenario.currency, 3) {
                text.push_str(&format!("; {h}"));
            }
            text
        }
        None => "Uncertainty: computing bands…".to_string(),
    };
    Some(Line::styled(text, app.theme.dim()))
}

/// The verdict and its criterion, the first line every tab's panel shows (the Costs tab's
/// right under its table), so that it is on screen at 80×24 whatever the tab.
pub fn verdict_line(app: &App) -> Line<'static> {
    let t = &app.theme;
    let r = &app.outcome.recommendation;
    Line::from(vec![
        Span::styled("Recommendation: ", t.header()),
        Span::styled(
            format!("{} ", crate::wording::verdict(r.choice)),
            t.cheapest(),
        ),
        Span::styled(format!("(by {})", r.criterion), t.dim()),
    ])
}

/// How self-hosting and the hybrid run, billing, the owned fleet's rent or buy, and the
/// recommendation's reasons.
fn recommendation(app: &App) -> Vec<Line<'static>> {
    let sc = &app.scenario;
    let o = &app.outcome;
    let r = &o.recommendation;
    let plural = crate::report::text::plural;
    let s = &o.self_host;
    let mut lines = vec![Line::raw(format!(
        "Self-host: {} × {} = {}, peak utilization {}; hybrid runs {}",
        plural(s.replicas, "replica"),
        plural(f64::from(sc.self_host.gpus_per_replica), "GPU"),
        plural(s.gpus, "GPU"),
        percent(s.peak_utilization),
        plural(o.hybrid.local.replicas, "replica"),
    ))];
    if let Some(c) = &app.throughput.calibration {
        lines.push(Line::raw(format!("Self-host throughput {c}")));
    }
    if let Some(b) = sc.self_host.billing.describe() {
        lines.push(Line::raw(format!("Self-host GPUs {b}")));
    }
    for note in sc.self_host.billing.notes() {
        lines.push(Line::raw(format!("• {note}")));
    }
    // Which dated API price is in force today and when it changes (docs/MODEL.md §6.11).
    if !sc.api.price_schedule.is_empty() {
        if let Some(f) = crate::model::price_schedule::in_force(&app.resolved) {
            let text = crate::wording::price_schedule(&f, &sc.currency);
            lines.push(Line::raw(format!("• {text}")));
        }
    }
    if o.owned_enabled {
        lines.push(Line::raw(crate::report::rent_or_buy::rent_or_buy(sc, o)));
    }
    for reason in crate::wording::reasons(&r.reasons, &sc.currency) {
        lines.push(Line::raw(format!("• {reason}")));
    }
    lines
}
