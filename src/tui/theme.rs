//! Colours, or none when `NO_COLOR` is set (https://no-color.org).

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn api(&self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn self_host(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn hybrid(&self) -> Style {
        self.fg(Color::Magenta)
    }
    pub fn owned(&self) -> Style {
        self.fg(Color::LightGreen)
    }
    /// The best self-hosting configuration at each volume (docs/MODEL.md §6.10).
    pub fn envelope(&self) -> Style {
        self.fg(Color::LightBlue)
    }
    /// A Monte Carlo band's dotted edges: a darker shade of its option's hue (256-colour
    /// palette), since many terminals ignore the dim attribute.
    pub fn band(&self, c: crate::model::Choice) -> Style {
        use crate::model::Choice;
        self.fg(Color::Indexed(match c {
            Choice::Api => 30,
            Choice::SelfHost => 136,
            Choice::Hybrid => 96,
            Choice::Owned => 28,
        }))
    }
    pub fn crossing(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn marker_now(&self) -> Style {
        self.fg(Color::Gray)
    }
    pub fn breakeven(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn title(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Black).bg(Color::Cyan)
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }
    pub fn selected(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.bg(Color::DarkGray)
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }
    /// Text selected in a field being typed into (the first key replaces it).
    pub fn text_selection(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Black).bg(Color::Cyan)
        } else {
            s.add_modifier(Modifier::UNDERLINED)
                .remove_modifier(Modifier::REVERSED)
        }
    }
    pub fn cheapest(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Green)
        } else {
            s
        }
    }
    pub fn error(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Red)
        } else {
            s
        }
    }
    pub fn header(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Cyan)
        } else {
            s
        }
    }
    pub fn knob(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::White)
        } else {
            s
        }
    }
    /// Tornado bars: the input at its low end (dark blue) and high end (yellow), apart in
    /// lightness and for colour-blind readers.
    pub fn low(&self) -> Style {
        self.fg(Color::Blue)
    }
    pub fn high(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn bar_filled(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// Markers per series: Braille in colour; without colour, distinct markers tell the
    /// series apart.
    pub fn markers(&self) -> [Marker; 3] {
        if self.color {
            [Marker::Braille; 3]
        } else {
            [Marker::Braille, Marker::Dot, Marker::Block]
        }
    }
}
