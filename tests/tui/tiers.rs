//! The hybrid's tiers in the dashboard (docs/MODEL.md §6.5), driven by keys on ratatui's
//! TestBackend: the share and escalation rows, shares that take from the frontier, and `m`
//! picking the model of the tier whose row is selected.

use crossover::tui::app::Mode;
use ratatui::crossterm::event::KeyCode;

use crate::common::ui::{Ui, DEFAULT_2025};

use KeyCode::{End, Enter, Left, Right};

#[test]
fn shares_take_from_the_frontier_and_escalation_raises_the_hybrid() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    let before = ui.app.outcome.hybrid.usd_per_day;
    ui.go_to("hybrid.cheap_share");
    ui.press(Right, 10);
    assert_eq!(ui.app.scenario.hybrid.cheap_share, 0.1);
    // End asks for 100%, but only the frontier's 20% is left: the cheap share stops at 30%.
    ui.key(End);
    assert_eq!(ui.app.scenario.hybrid.cheap_share, 0.3);
    assert!(ui.app.status.as_ref().is_none_or(|s| !s.error));
    // The local share has nothing left to take; down it gives back to the frontier.
    ui.go_to("hybrid.local_share");
    ui.key(Right);
    assert_eq!(ui.app.scenario.hybrid.local_share, 0.7);
    ui.press(Left, 10);
    assert_eq!(ui.app.scenario.hybrid.local_share, 0.6);
    let tiered = ui.app.outcome.hybrid.usd_per_day;
    assert!(tiered < before, "GPT-4o mini is cheaper than GPT-4o");
    // Escalation re-sends answers one tier up: the hybrid costs more.
    ui.go_to("hybrid.local_escalation_rate");
    ui.press(Right, 20);
    ui.go_to("hybrid.cheap_escalation_rate");
    ui.press(Right, 10);
    let h = &ui.app.scenario.hybrid;
    assert_eq!(
        (h.local_escalation_rate, h.cheap_escalation_rate),
        (0.2, 0.1)
    );
    assert!(ui.app.outcome.hybrid.usd_per_day > tiered);
    // The escalation rows stop below 100% (a rate of 1 is refused by the key table).
    ui.key(End);
    assert!(ui.app.scenario.hybrid.cheap_escalation_rate < 1.0);
    ui.press(KeyCode::Home, 1);
    assert_eq!(ui.app.scenario.hybrid.cheap_escalation_rate, 0.0);
    ui.press(Right, 10);
    let text = ui.screen_text();
    assert!(
        text.contains("Cheap share") && text.contains("30%"),
        "{text}"
    );
    insta::assert_snapshot!("tiers_controls", ui.term.backend());
    // Undo walks back through the tier changes one by one.
    ui.key(KeyCode::Char('u'));
    assert_eq!(ui.app.scenario.hybrid.cheap_escalation_rate, 0.09);
}

#[test]
fn typing_a_cheap_share_that_leaves_no_room_is_refused_with_the_sum() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.go_to("hybrid.cheap_share");
    ui.key(Enter);
    for c in "50".chars() {
        ui.key(KeyCode::Char(c));
    }
    ui.key(Enter);
    match &ui.app.mode {
        Mode::Edit { error: Some(e), .. } => assert!(e.contains("is 1.2, above 1"), "{e}"),
        m => panic!("expected the typed value refused, got {m:?}"),
    }
    assert_eq!(ui.app.scenario.hybrid.cheap_share, 0.0);
}

#[test]
fn m_picks_the_model_of_the_selected_tier() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.go_to("hybrid.cheap_input_per_mtok");
    ui.key(KeyCode::Char('m'));
    for c in "haiku".chars() {
        ui.key(KeyCode::Char(c));
    }
    assert!(ui.screen_text().contains("Cheap API tier's model"));
    insta::assert_snapshot!("cheap_picker", ui.term.backend());
    ui.key(Enter);
    let sc = &ui.app.scenario;
    assert_eq!(sc.hybrid.cheap_model, "Claude Haiku 4.5");
    assert_eq!(
        (
            sc.hybrid.cheap_input_per_mtok,
            sc.hybrid.cheap_output_per_mtok
        ),
        (1.0, 5.0)
    );
    assert_eq!(sc.api.model, "GPT-4o", "the frontier stays");
    assert!(!sc.catalog.cheap_as_of.is_empty());
    // On the frontier's rows, m picks the frontier's model.
    ui.go_to("api.input_per_mtok");
    ui.key(KeyCode::Char('m'));
    assert!(ui.screen_text().contains("API model (per 1M tokens)"));
    for c in "sonnet 4.5".chars() {
        ui.key(KeyCode::Char(c));
    }
    ui.key(Enter);
    assert_eq!(ui.app.scenario.api.model, "Claude Sonnet 4.5");
    assert_eq!(ui.app.scenario.hybrid.cheap_model, "Claude Haiku 4.5");
}
