//! The summary panel: cost of each option now (per day, month, 1k requests), the cheapest
//! highlighted, replicas, break-even, payback, and the recommendation with its reasons.

use crate::sanitize::{pad_end, pad_start};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::figures::{money, months, percent, volume};
use crate::model::breakeven::never_reason;
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
        // The option the tornado weighs (the challenger), named as the reports name it.
        Line::raw({
            let (noun, _) = s.target_names();
            let mut cap = noun.to_string();
            cap[..1].make_ascii_uppercase();
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
            "Each input swings on its own: its [uncertainty] range, or ±{} (shares stay in range, whole numbers rounded).",
            percent(app.scenario.uncertainty.swing)
        )),
    ];
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
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn timeline(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let cur = app.scenario.currency.as_str();
    let tl = &app.timeline;
    let g = &app.scenario.growth;
    let month = |m: Option<u32>| {
        m.map_or("not within the horizon".to_string(), |m| {
            format!("month {m}")
        })
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Growth timeline ");
    let last = tl.months.last().map_or(0.0, |m| m.requests_per_day);
    let mut lines = vec![Line::raw(format!(
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
    ))];
    // These two months are the challenger's (docs/MODEL.md §8): say whose, and dim them with
    // "(excluded)" when the constraints rule it out today (docs/MODEL.md §6.4). With the API
    // excluded there is nothing to compare with.
    let who = tl.challenger.label();
    let challenger_allowed = tl.allowed.is_allowed(tl.challenger);
    let figure = |m: Option<u32>| {
        if challenger_allowed {
            Span::raw(month(m))
        } else {
            Span::styled(format!("{} (excluded)", month(m)), t.dim())
        }
    };
    if tl.api_excluded.is_none() {
        lines.push(Line::from(vec![
            Span::styled(format!("{who} monthly below the API's: "), t.header()),
            figure(tl.first_month_cheaper),
        ]));
        lines.push(Line::from(vec![
            Span::styled(format!("{who} total below, setup repaid: "), t.header()),
            figure(tl.first_month_repaid),
        ]));
    }
    lines.push(match tl.best_switch_month {
        Some(m) => Line::from(vec![
            Span::styled(
                format!("Best month to switch{}: ", tl.switch_phrase()),
                t.header(),
            ),
            Span::styled(format!("month {m}"), t.cheapest()),
            Span::raw(format!(
                ", saving {} by month {}",
                money(tl.savings_at_horizon, cur),
                g.horizon_months
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
                    who,
                    tl.allowed
                        .exclusion(tl.challenger)
                        .map_or("excluded".to_string(), |e| e.reason())
                ),
                _ => "none, stay on the API".to_string(),
            }),
        ]),
    });
    // The owned fleet's own answers (docs/MODEL.md §8.1), dimmed when it is excluded.
    if let Some(own) = &tl.owned {
        let allowed = tl.allowed.is_allowed(Choice::Owned);
        let figure = |m: Option<u32>| {
            if allowed {
                Span::raw(month(m))
            } else {
                Span::styled(format!("{} (excluded)", month(m)), t.dim())
            }
        };
        if tl.api_excluded.is_none() {
            lines.push(Line::from(vec![
                Span::styled("Owned monthly below the API's: ", t.header()),
                figure(own.first_month_cheaper),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled("Rent or buy: ", t.header()),
            {
                let text = crate::report::words::rent_or_buy_over_horizon(
                    &app.scenario,
                    own,
                    tl.owned_switch_month(),
                );
                if allowed {
                    Span::raw(text)
                } else {
                    Span::styled(format!("{text} (excluded)"), t.dim())
                }
            },
        ]));
    }
    // Options excluded once the traffic grows (docs/MODEL.md §8.2).
    for line in tl.later_exclusion_lines() {
        lines.push(Line::styled(line, t.dim()));
    }
    // Why an option is drawn dim on the timeline (docs/MODEL.md §6.4).
    let excluded = tl.allowed.summary();
    if !excluded.is_empty() {
        lines.push(Line::styled(excluded.join("; "), t.dim()));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn costs(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let sc = &app.scenario;
    let o = &app.outcome;
    let cur = sc.currency.as_str();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" At {} requests/day ", volume(o.requests_per_day)));
    let inner = block.inner(area);
    let w = inner.width as usize;

    let cells = |c: Choice| {
        let day = o.usd_per_day(c);
        [
            money(day, cur),
            money(per_month(day), cur),
            o.usd_per_1k(c).map_or("n/a".into(), |x| money(x, cur)),
        ]
    };
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
    let values: Vec<[String; 3]> = rows.iter().map(|(c, _, _)| cells(*c)).collect();
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
    let fit = |s: &str, n: usize| -> String {
        if s.chars().count() <= n {
            pad_end(s, n)
        } else {
            format!(
                "{}…",
                s.chars().take(n.saturating_sub(1)).collect::<String>()
            )
        }
    };

    let mut lines = vec![Line::styled(
        format!(
            "  {}  {}  {}  {}",
            fit("", label_w),
            pad_start("per day", w0),
            pad_start("per month", w1),
            pad_start("per 1k", w2)
        ),
        t.dim(),
    )];
    for ((c, label, style), v) in rows.iter().zip(&values) {
        // ▶ marks the recommendation (the cheapest allowed option), not merely the cheapest;
        // an option the constraints exclude is dimmed (docs/MODEL.md §6.4).
        let best = Some(*c) == o.recommendation.choice;
        let excluded = !o.allowed.is_allowed(*c);
        let mark = if best { "▶ " } else { "  " };
        // Padded by hand: a width from a money string (a long currency) could pass what
        // `format!` accepts.
        let text = format!(
            "{}  {}  {}  {}",
            fit(label, label_w),
            pad_start(&v[0], w0),
            pad_start(&v[1], w1),
            pad_start(&v[2], w2)
        );
        let text_style = if best {
            t.cheapest()
        } else if excluded {
            t.dim()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(mark, *style),
            Span::styled(text, text_style),
        ]));
    }
    let breakeven = match (
        o.recommended_breakeven_requests_per_day,
        o.recommendation.choice,
    ) {
        (Some(b), _) => format!("{} req/day", volume(b)),
        (None, Some(Choice::Hybrid)) => "never".into(),
        (None, _) => format!("never ({})", never_reason(&o.rates, cur)),
    };
    // The recommended option's payback, beside its break-even.
    let payback = match o.recommended_payback_months {
        Some(m) => months(m),
        None => "none (no savings here)".into(),
    };
    let excluded = o.allowed.summary();
    if !excluded.is_empty() {
        lines.push(Line::styled(excluded.join("; "), t.dim()));
    }
    // Throughput warnings (above the physical ceiling, past a context window, does not fit,
    // a latency target missed): one line each, in full under `w`.
    // The owned fleet's figures that could not follow the GPU from the catalog, too.
    let owned = crate::model::owned_inputs::warnings(sc);
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
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", o.breakeven_name()), t.dim()),
        Span::raw(breakeven),
        Span::styled(" · payback ", t.dim()),
        Span::raw(payback),
    ]));
    if !sc.uncertainty.ranges.is_empty() {
        let text = match &app.bands.current {
            // The Monte Carlo weighs an option that may be taken, or says none may.
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
                text
            }
            None => "Uncertainty: computing bands…".to_string(),
        };
        lines.push(Line::styled(text, t.dim()));
    }
    let r = &o.recommendation;
    lines.push(Line::from(vec![
        Span::styled("Recommendation: ", t.header()),
        Span::styled(
            format!("{} ", crate::wording::verdict(r.choice)),
            t.cheapest(),
        ),
        Span::styled(format!("(by {})", r.criterion), t.dim()),
    ]));
    let s = &o.self_host;
    lines.push(Line::raw(format!(
        "Self-host: {} × {} = {}, peak utilization {}; hybrid runs {}",
        crate::report::text::plural(s.replicas, "replica"),
        crate::report::text::plural(f64::from(sc.self_host.gpus_per_replica), "GPU"),
        crate::report::text::plural(s.gpus, "GPU"),
        percent(s.peak_utilization),
        crate::report::text::plural(o.hybrid.local.replicas, "replica"),
    )));
    if let Some(b) = sc.self_host.billing.describe() {
        lines.push(Line::raw(format!("Self-host GPUs {b}")));
    }
    for note in sc.self_host.billing.notes() {
        lines.push(Line::raw(format!("• {note}")));
    }
    if o.owned_enabled {
        lines.push(Line::raw(crate::report::rent_or_buy::rent_or_buy(sc, o)));
    }
    for reason in &r.reasons {
        lines.push(Line::raw(format!("• {reason}")));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
