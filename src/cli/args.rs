//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const ABOUT: &str = "Call an API model, self-host an open model, or route between both?";
const LONG_ABOUT: &str = "Call an API model, self-host an open model, or route between both?\n\n\
Without a command, crossover opens the dashboard on PRESET (default: the built-in default \
scenario). PRESET is the name of a shipped or user preset (see `crossover presets list`) or a \
path to a .toml file. The numbers follow crossover's cost model (docs/MODEL.md); every key, \
default and range is listed in docs/KEYS.md.";

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
    /// Take the API model's prices from the catalog (see `crossover prices list`)
    #[arg(long, value_name = "NAME")]
    pub api: Option<String>,
    /// Take the GPU's price from the catalog (and refit the local model's GPUs)
    #[arg(long, value_name = "NAME")]
    pub gpu: Option<String>,
    /// Take the local model from the catalog: GPUs per replica from its memory, throughput
    /// from its profile; NAME@fp8 or NAME@int4 for other precisions
    #[arg(long, value_name = "NAME[@PRECISION]")]
    pub local: Option<String>,
    /// Take the hybrid's cheap API tier's model and prices from the catalog (its share is
    /// hybrid.cheap_share)
    #[arg(long, value_name = "NAME")]
    pub cheap: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the costs, break-even and recommendation for a scenario
    Report {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Output format
        #[arg(long, short, value_enum, default_value = "text")]
        format: FormatArg,
        /// Which view: costs (default), sensitivity, uncertainty, timeline, or all
        #[arg(long, value_enum, default_value = "costs")]
        view: ViewArg,
        /// Link this chart image in the Markdown report (a path relative to the report)
        #[arg(long, value_name = "IMAGE")]
        chart: Option<String>,
    },
    /// Draw a chart to a PNG or SVG file, or the meeting report to one HTML file
    Export {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// File to write (.png, .svg, or .html: the report with every chart, self-contained),
        /// or a folder [default: crossover-<preset>-<date>.png here]
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
        /// Which chart: costs (default), sensitivity, timeline or fleet
        #[arg(long, value_enum, default_value = "costs")]
        view: ChartViewArg,
        /// Draw the best self-hosting configuration at each volume (the fleet envelope, as the
        /// dashboard's `b`) on the costs chart
        #[arg(long)]
        envelope: bool,
    },
    /// List, show, locate and save presets
    Presets {
        #[command(subcommand)]
        command: PresetsCommand,
    },
    /// Rank every catalog GPU × precision × GPUs per replica that serves the local model
    #[command(name = "compare")]
    Fleet {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Output format
        #[arg(long, short, value_enum, default_value = "text")]
        format: FormatArg,
        /// Only one market's offerings: hyperscaler, specialist, reserved or spot [default:
        /// every rental offering and each GPU's catalog list price]
        #[arg(long)]
        market: Option<String>,
    },
    /// Estimate what one replica of an open model serves on a GPU (from the catalog's
    /// architecture and GPU specifications, calibrated to published measurements)
    Throughput {
        /// The model, e.g. "Llama 3.1 70B" or "Llama 3.1 70B@fp8" (bf16 unless given)
        #[arg(value_name = "MODEL[@PRECISION]")]
        model: String,
        /// The GPU, e.g. "H100 SXM" (see `crossover prices list`)
        #[arg(long)]
        gpu: String,
        /// GPUs per replica (1, 2, 4, 8, or 16 over two nodes of 8) [default: the fewest of 1 to 8 that fit]
        #[arg(long)]
        gpus: Option<u32>,
        /// Serving engine: vllm, sglang or tensorrt-llm
        #[arg(long, default_value = "vllm")]
        engine: String,
        /// Mean input tokens per request
        #[arg(long, default_value_t = 2000.0)]
        input_tokens: f64,
        /// Mean output tokens per request
        #[arg(long, default_value_t = 500.0)]
        output_tokens: f64,
        /// Time-to-first-token target, ms
        #[arg(long)]
        ttft_ms: Option<f64>,
        /// Time-per-output-token target, ms
        #[arg(long)]
        tpot_ms: Option<f64>,
        /// Requests in flight at once: rates and latencies at that load instead of at
        /// saturation (above what the KV cache holds, the rest queue)
        #[arg(long)]
        concurrency: Option<u32>,
        /// KV cache precision: auto (the engine's default: bf16 in vLLM and SGLang, the
        /// checkpoint's in TensorRT-LLM), bf16 or fp8
        #[arg(long, default_value = "auto")]
        kv_cache_precision: String,
        /// How the replica's GPUs split the model: tensor (every matrix split) or expert (each
        /// routed expert whole on one GPU; mixtures of experts only)
        #[arg(long, default_value = "tensor")]
        parallelism: String,
        /// Output format
        #[arg(long, short, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Fit the throughput estimate to your own benchmark runs (vLLM bench serve, SGLang
    /// bench_serving, genai-perf/AIPerf, GuideLLM) and keep the fit for that configuration
    Calibrate {
        /// Benchmark result files (JSON, JSON lines or genai-perf CSV)
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The files' format [default: from the content]: vllm, sglang, genai-perf,
        /// genai-perf-csv, guidellm
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
        /// The model, where the files do not name it (a catalog name, alias or Hugging Face id)
        #[arg(long)]
        model: Option<String>,
        /// The GPU the runs were measured on, where the files do not say
        #[arg(long)]
        gpu: Option<String>,
        /// GPUs per replica, where the files do not say
        #[arg(long)]
        gpus: Option<u32>,
        /// Weight precision (bf16, fp8, int4, fp4), where the files do not say
        #[arg(long)]
        precision: Option<String>,
        /// Serving engine (vllm, sglang, tensorrt-llm), where the files do not name the server
        #[arg(long)]
        engine: Option<String>,
        /// List the stored fits
        #[arg(long, conflicts_with_all = ["files", "remove"])]
        list: bool,
        /// Remove stored fit N (as numbered by --list)
        #[arg(long, value_name = "N", conflicts_with = "files")]
        remove: Option<usize>,
        /// Fit and show, but do not store
        #[arg(long)]
        dry_run: bool,
        /// Fit every run's means as measured, even where a few slow first requests (a
        /// warm-up) dominate them [default: such a run is fitted with its medians, and says so]
        #[arg(long)]
        keep_outliers: bool,
        /// Output format
        #[arg(long, short, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// The price catalog: list it, or import LiteLLM's or genai-prices' price file
    Prices {
        #[command(subcommand)]
        command: PricesCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum PricesCommand {
    /// List API models, GPUs and local models with their prices and sources
    List {
        /// Output format
        #[arg(long, short, value_enum, default_value = "text")]
        format: ListFormat,
        /// Only entries whose name or provider contains TEXT
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
    },
    /// Import API prices from LiteLLM's model_prices_and_context_window.json or
    /// pydantic/genai-prices' data file (at most 64 MiB)
    Import {
        /// The JSON file
        file: PathBuf,
        /// Date of the prices, YYYY-MM-DD; for genai-prices also the day whose prices are
        /// taken [default: the imported entries say "as of unknown"; genai-prices takes today's]
        #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
        as_of: Option<String>,
        /// Import the valid entries and list the others, instead of refusing the whole file
        #[arg(long)]
        skip_invalid: bool,
        /// The file's format [default: from its content: an object is LiteLLM's, a list
        /// genai-prices']
        #[arg(long, value_enum, value_name = "FORMAT")]
        from: Option<ImportFormat>,
    },
}

/// The formats `prices import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// LiteLLM's model_prices_and_context_window.json
    Litellm,
    /// pydantic/genai-prices' prices/data.json
    GenaiPrices,
}

fn parse_as_of(s: &str) -> Result<String, String> {
    crate::catalog::import::parse_as_of(s).map_err(String::from)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
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

/// `report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// An aligned summary for a person
    Text,
    /// One JSON object (fields in docs/MODEL.md §5 and §9)
    Json,
    /// A meeting-ready report to paste into planning notes
    Markdown,
    /// Plain numbers: money to the cent, the rest to 6 significant digits
    Csv,
}

impl From<FormatArg> for crate::report::Format {
    fn from(f: FormatArg) -> Self {
        use crate::report::Format;
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Csv => Format::Csv,
        }
    }
}

/// `report --view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewArg {
    /// Costs, break-even and recommendation
    Costs,
    /// The tornado: each input swung on its own
    Sensitivity,
    /// Monte Carlo bands over the [uncertainty] ranges
    Uncertainty,
    /// Month by month over the [growth] horizon
    Timeline,
    /// The four views in one report (CSV: each after a `# view: NAME` line, a blank line
    /// apart)
    All,
}

impl From<ViewArg> for crate::report::View {
    fn from(v: ViewArg) -> Self {
        use crate::report::View;
        match v {
            ViewArg::Costs => View::Costs,
            ViewArg::Sensitivity => View::Sensitivity,
            ViewArg::Uncertainty => View::Uncertainty,
            ViewArg::Timeline => View::Timeline,
            ViewArg::All => View::All,
        }
    }
}

/// `export --view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartViewArg {
    /// Cost per day against daily volume (with Monte Carlo bands when the preset has ranges)
    Costs,
    /// The sensitivity tornado
    Sensitivity,
    /// Cumulative cost over the growth horizon
    Timeline,
    /// Self-hosting's cost on the cheapest rented GPU configurations against daily volume
    Fleet,
}

impl From<ChartViewArg> for crate::export::ChartView {
    fn from(v: ChartViewArg) -> Self {
        use crate::export::ChartView;
        match v {
            ChartViewArg::Costs => ChartView::Costs,
            ChartViewArg::Sensitivity => ChartView::Sensitivity,
            ChartViewArg::Timeline => ChartView::Timeline,
            ChartViewArg::Fleet => ChartView::Fleet,
        }
    }
}
