//! The command-line shell: parse arguments, load the scenario, call the model, print.
//! Exit codes: 0 success, 2 bad usage or bad input, 1 anything else (I/O).

pub mod args;
mod calibrate;
mod fleet;
mod prices;
mod throughput;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::model::Scenario;
use crate::preset::library::{self, Loaded, Source};
use crate::preset::{overrides, InputError};
use crate::report;
use crate::sanitize;
use args::{Cli, Command, PresetsCommand, ScenarioArgs};

/// What went wrong, and so which exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Other(#[from] anyhow::Error),
}

impl CliError {
    fn code(&self) -> u8 {
        match self {
            CliError::Input(_) | CliError::Usage(_) => 2,
            CliError::Other(_) => 1,
        }
    }
}

/// The whole program: parse, run, report errors.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint_line("error", &e.to_string());
            ExitCode::from(e.code())
        }
    }
}

/// What clap has to say instead of a command: help or the version on stdout (exit 0, or 1
/// when stdout cannot take it), a usage error on stderr (exit 2). Clap's text quotes the
/// arguments, so it is escaped like every other message.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    if e.use_stderr() {
        eprint!("{}", sanitize::terminal(&text));
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    match print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprint_line("error", &err.to_string());
            ExitCode::from(err.code())
        }
    }
}

/// Load PRESET (or the default), apply catalog picks (`--api`, `--gpu`, `--local`, `--cheap`), then
/// `--set`s; last, the owned fleet's figures the user did not set follow the scenario's GPU
/// in the catalog. What the picks did goes to stderr.
pub fn load_scenario(args: &ScenarioArgs) -> Result<Loaded, InputError> {
    let picks =
        args.api.is_some() || args.gpu.is_some() || args.local.is_some() || args.cheap.is_some();
    // The imported API prices matter to the picks only; the GPUs are the shipped catalog's.
    let catalog = if picks {
        crate::catalog::load()
    } else {
        crate::catalog::shipped_gpus()
    };
    load_scenario_in(args, &catalog)
}

/// [`load_scenario`] with the catalog in force already read (one parse per process).
pub fn load_scenario_in(
    args: &ScenarioArgs,
    catalog: &crate::catalog::Catalog,
) -> Result<Loaded, InputError> {
    let mut loaded = match &args.preset {
        Some(p) => library::load(p)?,
        None => library::load("default")?,
    };
    // The library the local model and GPU are looked up in: the catalog's, for every pick,
    // estimate and check that follows.
    crate::model::throughput::looked::look_up(&mut loaded.scenario, &catalog.library);
    let picks =
        args.api.is_some() || args.gpu.is_some() || args.local.is_some() || args.cheap.is_some();
    // Every --set first, so that a pick is sized and noted for the final scenario (its token
    // sizes, volume, GPU) as the dashboard's pickers are.
    let set_notes = overrides::apply_all(&mut loaded.scenario, &args.set)?;
    for n in &set_notes {
        eprint_line("note", n);
    }
    loaded.notes.extend(set_notes);
    if picks {
        // A broken or partly skipped import is worth knowing next to the figures.
        let skipped = catalog.warnings.len();
        let mut shown: Vec<String> = catalog.warnings.iter().take(3).cloned().collect();
        if skipped > 3 {
            shown.push(format!(
                "and {} more catalog warnings (crossover prices list names them)",
                skipped - 3
            ));
        }
        loaded.notes.extend(shown);
        let mut notes = apply_picks(&mut loaded.scenario, catalog, args)?;
        // Then the keys the user gave explicitly win over what a pick set, and a note says so.
        notes.extend(keep_explicit(&mut loaded.scenario, &args.set)?);
        // A typed rate that made the throughput given leaves the picks' estimate notes stale.
        if loaded.scenario.self_host.estimate.source
            != crate::model::throughput::settings::Source::Estimate
        {
            notes.retain(|n| !crate::catalog::pick::about_the_estimate(n));
        }
        // A note the first pass of the --sets already gave is said once.
        notes.retain(|n| !loaded.notes.contains(n));
        for n in &notes {
            eprint_line("note", n);
        }
        loaded.notes.extend(notes);
    }
    crate::catalog::owned_from_gpu::follow(&mut loaded.scenario, catalog);
    Ok(loaded)
}

/// The catalog picks of `args` (`--api`, `--gpu`, `--local`, `--cheap`), applied to `sc`.
fn apply_picks(
    sc: &mut Scenario,
    catalog: &crate::catalog::Catalog,
    args: &ScenarioArgs,
) -> Result<Vec<String>, InputError> {
    let mut notes = crate::catalog::pick::apply_names(
        sc,
        catalog,
        args.api.as_deref(),
        args.gpu.as_deref(),
        args.local.as_deref(),
    )
    .map_err(|m| InputError::new("catalog", m))?;
    if let Some(name) = args.cheap.as_deref() {
        notes.extend(
            crate::catalog::pick::apply_cheap_name(sc, catalog, name)
                .map_err(|m| InputError::new("catalog", m))?,
        );
    }
    Ok(notes)
}

/// Apply the `--set`s again after the picks: a key the user gave keeps the user's value; a
/// note names each one a pick would have set otherwise.
fn keep_explicit(sc: &mut Scenario, sets: &[String]) -> Result<Vec<String>, InputError> {
    let picked = sc.clone();
    // The second pass's own notes (a typed rate on a pick's estimate) reach the report too.
    let mut notes = overrides::apply_all(sc, sets)?;
    for spec in sets {
        let Some(key) = spec.split_once('=').map(|(k, _)| k.trim()) else {
            continue;
        };
        let Some(f) = crate::model::fields::field(key) else {
            continue;
        };
        let (by_pick, kept) = (f.get(&picked), f.get(sc));
        let show = |v: &crate::model::fields::Value| match v {
            crate::model::fields::Value::Number(x) => crate::model::fields::plain(*x),
            crate::model::fields::Value::Bool(b) => b.to_string(),
            crate::model::fields::Value::Text(t) => format!("{t:?}"),
        };
        let note = format!(
            "kept your --set {key} = {} (the pick would set {})",
            show(&kept),
            show(&by_pick)
        );
        if by_pick != kept && !notes.contains(&note) {
            notes.push(note);
        }
    }
    Ok(notes)
}

/// What a report must say besides the assessment: the picks' notes, and a calibration store
/// that could not be read.
fn report_context(loaded: &Loaded) -> report::Context {
    report::Context {
        notes: loaded.notes.clone(),
        warnings: crate::calibrate::store::warning()
            .map(str::to_string)
            .into_iter()
            .collect(),
        ..report::Context::default()
    }
}

/// The assessment of a loaded scenario against the catalog in force, today.
fn assess(
    loaded: &Loaded,
    catalog: &crate::catalog::Catalog,
) -> crate::model::assessment::Assessment {
    crate::model::assessment::Assessment::of(&loaded.scenario, catalog, &crate::clock::today())
}

fn run(cli: Cli) -> Result<(), CliError> {
    // Fits of the user's own benchmark runs (`crossover calibrate`) apply to every command
    // that estimates; `calibrate` reads and writes its file itself.
    if !matches!(cli.command, Some(Command::Calibrate { .. })) {
        crate::calibrate::store::install_user();
    }
    match cli.command {
        None => dashboard(&cli.scenario),
        Some(Command::Report {
            scenario,
            format,
            view,
            chart,
        }) => {
            let catalog = crate::catalog::load();
            let loaded = load_scenario_in(&scenario, &catalog)?;
            let ctx = report::Context {
                chart_link: chart,
                footer: Some(crate::export::footer(&crate::clock::today())),
                ..report_context(&loaded)
            };
            print(&report::render_assessment(
                &assess(&loaded, &catalog),
                view.into(),
                format.into(),
                &ctx,
            ))
        }
        Some(Command::Export {
            scenario,
            out,
            width,
            height,
            force,
            view,
            envelope,
        }) => export(
            &scenario,
            (view.into(), envelope),
            out.as_deref(),
            width,
            height,
            force,
        ),
        Some(Command::Presets { command }) => presets(command),
        Some(Command::Prices { command }) => prices::run(command),
        Some(Command::Fleet {
            scenario,
            format,
            market,
        }) => {
            // One catalog for the scenario, its picks and the ranking.
            let catalog = crate::catalog::load();
            let loaded = load_scenario_in(&scenario, &catalog)?;
            print(&fleet::run(
                &loaded.scenario,
                &catalog,
                format,
                market.as_deref(),
            )?)
        }
        Some(Command::Calibrate {
            files,
            from,
            model,
            gpu,
            gpus,
            precision,
            engine,
            list,
            remove,
            dry_run,
            keep_outliers,
            format,
        }) => print(&calibrate::run(&calibrate::Request {
            files: &files,
            from: from.as_deref(),
            flags: crate::calibrate::config::Flags {
                model,
                gpu,
                gpus,
                precision,
                engine,
                keep_outliers,
            },
            list,
            remove,
            dry_run,
            format,
        })?),
        Some(c @ Command::Throughput { .. }) => throughput_command(c),
    }
}

/// `crossover throughput`: the estimate for one replica.
fn throughput_command(c: Command) -> Result<(), CliError> {
    let Command::Throughput {
        model,
        gpu,
        gpus,
        engine,
        input_tokens,
        output_tokens,
        ttft_ms,
        tpot_ms,
        concurrency,
        kv_cache_precision,
        parallelism,
        format,
    } = c
    else {
        return Ok(());
    };
    print(&throughput::run(&throughput::Request {
        model: &model,
        gpu: &gpu,
        gpus,
        engine: &engine,
        input_tokens,
        output_tokens,
        ttft_ms,
        tpot_ms,
        concurrency,
        kv_cache_precision: &kv_cache_precision,
        parallelism: &parallelism,
        format,
    })?)
}

/// The fleet ranking (docs/MODEL.md §6.10), ranked as the dashboard ranks it, for the
/// envelope, the fleet chart, and the HTML report's fleet chart where an allowed option rents
/// GPUs; else why there is none: none of them needs it, or the report's ranking failed (the
/// report goes without its chart and says why).
fn fleet_ranking(
    a: &crate::model::assessment::Assessment,
    catalog: &crate::catalog::Catalog,
    (view, envelope, html): (crate::export::ChartView, bool, bool),
) -> Result<Result<crate::tui::fleet::Ranking, String>, CliError> {
    let wants_fleet = envelope
        || view == crate::export::ChartView::Fleet
        || (html && crate::export::html::rents_gpus(a));
    if !wants_fleet {
        return Ok(Err("no allowed option rents GPUs".into()));
    }
    let offerings = crate::catalog::fleet::offerings(catalog, crate::catalog::library(), None);
    // At the volume `crossover compare` ranks at: the recommended hybrid's local share.
    let at = crate::model::fleet::at_local_volume(&a.scenario, a.outcome.recommendation.choice);
    match crate::tui::fleet::rank(&at, &offerings, envelope) {
        Ok(r) => Ok(Ok(r)),
        // The report goes without its fleet chart and says why; a chart that needs it cannot.
        Err(e) if html => Ok(Err(crate::wording::fleet_not_ranked(&e))),
        Err(e) => Err(CliError::Other(anyhow::anyhow!(
            "cannot rank the fleet: {e}"
        ))),
    }
}

/// `crossover export`: the chart to a PNG or SVG file; prints the path written.
fn export(
    args: &ScenarioArgs,
    (view, envelope): (crate::export::ChartView, bool),
    out: Option<&std::path::Path>,
    width: u32,
    height: u32,
    force: bool,
) -> Result<(), CliError> {
    crate::export::check_size(width, height).map_err(|e| CliError::Usage(e.to_string()))?;
    if envelope && view != crate::export::ChartView::Costs {
        return Err(CliError::Usage(
            "--envelope draws on the costs chart only (leave out --view)".into(),
        ));
    }
    let catalog = crate::catalog::load();
    let loaded = load_scenario_in(args, &catalog)?;
    let date = crate::clock::today();
    let default_name = crate::export::default_file_name(&loaded.name, &date, "png");
    // Folders `--out DIR/` created, removed again if the export fails.
    let mut created = Vec::new();
    let path = match out {
        None => std::path::PathBuf::from(&default_name),
        Some(p) if p.is_dir() => p.join(&default_name),
        // `--out slides/`: a folder that does not exist yet is created.
        Some(p)
            if p.as_os_str()
                .to_string_lossy()
                .ends_with(std::path::is_separator) =>
        {
            created = create_folder(p).map_err(|e| {
                CliError::Other(anyhow::anyhow!(
                    "cannot create the folder {}: {e}",
                    p.display()
                ))
            })?;
            p.join(&default_name)
        }
        Some(p) => {
            let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
            if let Some(dir) = parent.filter(|d| !d.is_dir()) {
                return Err(CliError::Usage(format!(
                    "the folder {} does not exist (to create it, give --out {}/)",
                    dir.display(),
                    dir.display()
                )));
            }
            p.to_path_buf()
        }
    };
    let a = assess(&loaded, &catalog);
    if envelope && crate::export::is_html(&path) {
        return Err(CliError::Usage(
            "--envelope draws on a .png or .svg chart, not in the HTML report".into(),
        ));
    }
    let html = crate::export::is_html(&path);
    let ranked = fleet_ranking(&a, &catalog, (view, envelope, html))?;
    let envelope_pts = ranked
        .as_ref()
        .ok()
        .filter(|_| envelope)
        .map(|r| r.envelope.clone());
    let fleet = ranked.map(|r| r.comparison);
    let written = if html {
        // The meeting report: the assessment `report` renders, against the same catalog.
        crate::export::write_report(&a, &report_context(&loaded), &path, force, &date, fleet)
    } else {
        crate::export::write_chart(
            &a,
            (view, envelope_pts, fleet.ok()),
            &path,
            (width, height),
            force,
            &date,
        )
    };
    if written.is_err() {
        // Deepest first; only folders still empty go.
        for dir in &created {
            let _ = std::fs::remove_dir(dir);
        }
    }
    match written {
        Ok(()) => print(&format!("{}\n", path.display())),
        Err(e) if e.is_usage() => Err(CliError::Usage(e.to_string())),
        Err(e) => Err(CliError::Other(e.into())),
    }
}

/// Create `dir` and any missing parents; the folders this made, deepest first.
fn create_folder(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let missing: Vec<std::path::PathBuf> = dir
        .ancestors()
        .filter(|d| !d.as_os_str().is_empty())
        .take_while(|d| std::fs::symlink_metadata(d).is_err())
        .map(std::path::Path::to_path_buf)
        .collect();
    std::fs::create_dir_all(dir)?;
    Ok(missing)
}

/// Bare `crossover`: the dashboard on a terminal; the text report when output is piped or
/// there is no terminal to draw on.
fn dashboard(args: &ScenarioArgs) -> Result<(), CliError> {
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        let catalog = crate::catalog::load();
        let loaded = load_scenario_in(args, &catalog)?;
        return print(&report::render_assessment(
            &assess(&loaded, &catalog),
            report::View::Costs,
            report::Format::Text,
            &report_context(&loaded),
        ));
    }
    let loaded = load_scenario(args)?;
    crate::tui::run(loaded).map_err(CliError::Other)
}

fn presets(cmd: PresetsCommand) -> Result<(), CliError> {
    match cmd {
        PresetsCommand::List => {
            let entries = library::list();
            let name = |e: &library::Entry| sanitize::line(&e.name).into_owned();
            let width = entries
                .iter()
                .map(|e| name(e).chars().count())
                .max()
                .unwrap_or(0);
            let mut out = String::new();
            for e in entries {
                let shown = name(&e);
                let origin = match &e.source {
                    Source::Shipped => "shipped".to_string(),
                    Source::User(p) if e.shadows_shipped => {
                        format!("user, shadows the shipped preset ({})", p.display())
                    }
                    Source::User(p) => format!("user ({})", p.display()),
                    Source::File(p) => p.display().to_string(),
                };
                let about = match e.description {
                    Ok(d) => d,
                    Err(err) => format!("does not load: {}", err.lines().next().unwrap_or("")),
                };
                out.push_str(&format!(
                    "{}  {}\n{}  {}\n",
                    sanitize::pad_end(&shown, width),
                    sanitize::line(&origin),
                    sanitize::pad_end("", width),
                    sanitize::line(&about)
                ));
            }
            print(&out)
        }
        PresetsCommand::Show { name } => {
            if let Some((_, text)) = library::SHIPPED.iter().find(|(n, _)| *n == name) {
                let shadowed =
                    library::user_dir().is_some_and(|d| library::user_path(&d, &name).is_file());
                if !shadowed {
                    return print_toml(text);
                }
            }
            let loaded = library::load(&name)?;
            match &loaded.source {
                Source::User(p) | Source::File(p) => {
                    let text = crate::input::read_bounded(p, crate::input::PRESET_CAP, "preset")
                        .map_err(InputError::from)?;
                    print_toml(&text)
                }
                Source::Shipped => {
                    print_toml(&crate::preset::write::to_toml(&loaded.scenario, &[]))
                }
            }
        }
        PresetsCommand::Path => {
            let dir = library::user_dir().ok_or_else(|| {
                anyhow::anyhow!("no configuration folder could be found (is HOME set?)")
            })?;
            print(&format!("{}\n", dir.display()))
        }
        PresetsCommand::Save {
            name,
            from,
            set,
            force,
        } => {
            library::check_name(&name).map_err(CliError::Usage)?;
            let loaded = load_scenario(&ScenarioArgs {
                preset: from,
                set,
                ..ScenarioArgs::default()
            })?;
            let mut sc: Scenario = loaded.scenario;
            if sc.name == "Default" && name != "default" {
                sc.name = name.clone();
            }
            match library::save(&name, &sc, force) {
                Ok(path) => print(&format!("saved {}\n", path.display())),
                Err(e @ library::SaveError::Exists { .. }) => Err(CliError::Usage(e.to_string())),
                Err(e @ library::SaveError::BadName(_)) => Err(CliError::Usage(e.to_string())),
                Err(e) => Err(CliError::Other(e.into())),
            }
        }
    }
}

/// `prefix: message` on stderr, control characters escaped (a message may quote a file), and
/// its further lines indented so none reads as a message of its own.
pub(crate) fn eprint_line(prefix: &str, message: &str) {
    eprintln!("{}", sanitize::message(prefix, message));
}

/// A preset's TOML on stdout: a control character in it is written as TOML's `\uXXXX`
/// escape, so what is shown reads back as the same preset and stays off the terminal raw.
fn print_toml(text: &str) -> Result<(), CliError> {
    print(&sanitize::toml_text(text))
}

/// Write to stdout, control characters escaped (text from files is data, not terminal
/// commands); a closed pipe (`| head`) is not an error worth a message.
pub(crate) fn print(text: &str) -> Result<(), CliError> {
    let text = sanitize::terminal(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Other(anyhow::anyhow!(
            "cannot write to stdout: {e}"
        ))),
    }
}
