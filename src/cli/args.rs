//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::report::Format;

const ABOUT: &str = "Call an API model, self-host an open model, or route between both?";
const LONG_ABOUT: &str = "Call an API model, self-host an open model, or route between both?\n\n\
Without a command, crossover opens the dashboard on PRESET (default: the built-in default \
scenario). PRESET is the name of a shipped or user preset (see `crossover presets list`) or a \
path to a .toml file. The numbers follow crossover's cost model; every key, default and range is \
listed in the README.";

#[derive(Debug, Parser)]
#[command(name = "crossover", version, about = ABOUT, long_about = LONG_ABOUT)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
}

/// Which scenario to work on: a preset plus overrides.
#[derive(Debug, Args, Clone, Default)]
pub struct ScenarioArgs {
    /// Preset name or path to a .toml file [default: default]
    #[arg(value_name = "PRESET")]
    pub preset: Option<String>,
    /// Override one key, e.g. --set workload.requests_per_day=50000 (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the costs, break-even and recommendation for a scenario
    Report {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Output format
        #[arg(long, short, value_enum, default_value = "text")]
        format: Format,
        /// Link this chart image in the Markdown report (a path relative to the report)
        #[arg(long, value_name = "IMAGE")]
        chart: Option<String>,
    },
    /// Draw the cost chart to a PNG or SVG file
    Export {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// File to write (.png or .svg), or a folder [default: crossover-<preset>-<date>.png here]
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Width in pixels (1 to 10000)
        #[arg(long, default_value_t = 1600)]
        width: u32,
        /// Height in pixels (1 to 10000)
        #[arg(long, default_value_t = 900)]
        height: u32,
        /// Overwrite FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// List, show, locate and save presets
    Presets {
        #[command(subcommand)]
        command: PresetsCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum PresetsCommand {
    /// List shipped and user presets
    List,
    /// Print a preset's TOML
    Show {
        /// Preset name or path to a .toml file
        name: String,
    },
    /// Print the folder where user presets live
    Path,
    /// Save a scenario as a user preset
    Save {
        /// Name of the new preset (letters, digits, '-' and '_')
        name: String,
        /// Preset to start from [default: default]
        #[arg(long, value_name = "PRESET")]
        from: Option<String>,
        /// Override one key (repeatable)
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// Overwrite an existing user preset of that name
        #[arg(long)]
        force: bool,
    },
}
