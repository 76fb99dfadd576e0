//! A [`Scenario`] to preset TOML: every key, in the order of docs/MODEL.md §1, so a saved preset is
//! complete and does not shift when crossover's defaults change.

use crate::model::fields::{self, Field, Kind, Value, SECTIONS};
use crate::model::scenario::Shape;
use crate::model::Scenario;

/// The preset text for `sc`, headed by `comment` lines (without `#`).
pub fn to_toml(sc: &Scenario, comment: &[&str]) -> String {
    let mut out = String::new();
    for line in comment {
        out.push_str(&format!("# {}\n", crate::sanitize::line(line)));
    }
    if !comment.is_empty() {
        out.push('\n');
    }
    for f in fields::all().filter(|f| f.section().is_empty()) {
        out.push_str(&format!("{} = {}\n", f.key, value(f, sc)));
    }
    for section in SECTIONS {
        out.push_str(&format!("\n[{section}]\n"));
        for f in fields::all().filter(|f| f.section() == *section) {
            if follows(f.key, sc) {
                // Not set: it follows the scenario's GPU in the catalog, so it is written as a
                // comment and a later change of GPU still moves it (docs/MODEL.md §6.9). The
                // GPU's name is escaped: a line break in it would end the comment.
                out.push_str(&format!(
                    "# {} = {}  (follows the catalog's {}; uncomment to fix it)\n",
                    f.name(),
                    value(f, sc),
                    crate::sanitize::line(&sc.self_host.gpu)
                ));
                continue;
            }
            out.push_str(&format!("{} = {}\n", f.name(), value(f, sc)));
        }
        if *section == "api" {
            out.push_str(&super::schedule::line(sc));
        }
        if *section == "uncertainty" {
            for r in &sc.uncertainty.ranges {
                let shape = match r.shape {
                    Shape::Uniform => "shape = \"uniform\"".to_string(),
                    Shape::LogUniform => "shape = \"log-uniform\"".to_string(),
                    Shape::Triangular { mode } => {
                        format!("shape = \"triangular\", mode = {}", toml_float(mode))
                    }
                };
                out.push_str(&format!(
                    "{} = {{ low = {}, high = {}, {shape} }}\n",
                    r.key,
                    toml_float(r.low),
                    toml_float(r.high)
                ));
            }
        }
        if *section == "growth" && !sc.growth.steps.is_empty() {
            let steps: Vec<String> = sc
                .growth
                .steps
                .iter()
                .map(|s| {
                    format!(
                        "{{ month = {}, factor = {} }}",
                        s.month,
                        toml_float(s.factor)
                    )
                })
                .collect();
            out.push_str(&format!("steps = [{}]\n", steps.join(", ")));
        }
    }
    out.push_str(&calibration(sc));
    out
}

/// The fit of the user's benchmark runs that the estimate uses, so that a shared preset
/// estimates as its author's did (docs/MODEL.md §6.12); nothing without one.
fn calibration(sc: &Scenario) -> String {
    let Some(fit) = crate::calibrate::apply::in_use(sc) else {
        return String::new();
    };
    let carried = crate::calibrate::store::Carried {
        calibration: Some(fit.clone()),
    };
    match toml::to_string(&carried) {
        Ok(body) => format!(
            "\n# The fit of the author's benchmark runs this scenario's estimate uses (crossover\n# calibrate): it applies only to {}.\n{body}",
            crate::sanitize::line(&fit.config_text())
        ),
        Err(_) => String::new(),
    }
}

/// True for an `[owned]` figure the user did not set: it follows the catalog's GPU.
fn follows(key: &str, sc: &Scenario) -> bool {
    match key {
        "owned.gpu_purchase_price" => sc.owned.purchase_from.follows(),
        "owned.power_per_gpu_watts" => sc.owned.power_from.follows(),
        _ => false,
    }
}

fn value(f: &Field, sc: &Scenario) -> String {
    match (f.kind, f.get(sc)) {
        (Kind::Integer, Value::Number(x)) => format!("{}", x as i64),
        (_, Value::Number(x)) => toml_float(x),
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Text(t)) => crate::sanitize::toml_string(&t),
    }
}

/// Shortest text that reads back as the same f64, always a TOML float.
pub(super) fn toml_float(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') || s.contains('e') || s.contains("inf") || s.contains("NaN") {
        s
    } else {
        format!("{s}.0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::parse::parse_scenario;

    #[test]
    fn written_presets_read_back_identically() {
        let mut sc = Scenario::default();
        sc.name = "Quote \" and \\ back".into();
        sc.workload.requests_per_day = 1e11;
        sc.api.input_per_mtok = 0.075;
        sc.self_host.gpus_per_replica = 8;
        sc.uncertainty
            .ranges
            .push(crate::model::scenario::ParamRange {
                key: "self_host.decode_tokens_per_second",
                low: 1800.0,
                high: 3200.0,
                shape: Shape::Triangular { mode: 2500.0 },
            });
        sc.growth.steps.push(crate::model::scenario::GrowthStep {
            month: 3,
            factor: 4.0,
        });
        sc.growth.monthly_rate = 0.1;
        let text = to_toml(&sc, &["saved by a test"]);
        assert!(text.starts_with("# saved by a test\n"));
        assert_eq!(parse_scenario(&text, "x").unwrap(), sc);
    }

    #[test]
    fn followed_owned_figures_are_saved_as_comments_and_set_ones_as_values() {
        let catalog = crate::catalog::shipped();
        let mut sc = Scenario::default();
        sc.self_host.gpu = "L4".into();
        crate::catalog::owned_from_gpu::follow(&mut sc, &catalog);
        crate::model::fields::field("owned.power_per_gpu_watts")
            .unwrap()
            .set(&mut sc, crate::model::fields::Value::Number(80.0));
        let text = to_toml(&sc, &[]);
        assert!(
            text.contains(
                "# gpu_purchase_price = 2500.0  (follows the catalog's L4; uncomment to fix it)\n"
            ),
            "{text}"
        );
        assert!(text.contains("\npower_per_gpu_watts = 80.0\n"), "{text}");
        // Read back and followed again, it is the same scenario; with another GPU the
        // purchase price follows that GPU, the power set stays.
        let mut back = parse_scenario(&text, "x").unwrap();
        crate::catalog::owned_from_gpu::follow(&mut back, &catalog);
        assert_eq!(back, sc);
        back.self_host.gpu = "H100 SXM".into();
        crate::catalog::owned_from_gpu::follow(&mut back, &catalog);
        assert_eq!(back.owned.gpu_purchase_price, 30_000.0);
        assert_eq!(back.owned.power_per_gpu_watts, 80.0);
    }

    /// A GPU name with a line break cannot end the comment and write a key of its own.
    #[test]
    fn a_gpu_name_cannot_break_out_of_the_followed_figures_comment() {
        let mut sc = Scenario::default();
        sc.self_host.gpu = "X\npue = 9 #".into();
        crate::catalog::owned_from_gpu::follow(&mut sc, &crate::catalog::shipped());
        let text = to_toml(&sc, &[]);
        assert!(
            text.contains("(follows the catalog's X\\x0apue = 9 #; uncomment to fix it)\n"),
            "{text}"
        );
        let back = parse_scenario(&text, "x").unwrap();
        assert_eq!(back.owned.pue, sc.owned.pue);
        assert_eq!(back.self_host.gpu, sc.self_host.gpu);
    }
}
