//! Exports as a user checks them: decode the PNG, parse the SVG, and try every bad input.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn crossover(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("crossover").unwrap();
    cmd.current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("SOURCE_DATE_EPOCH", "1764028800")
        // No fonts and no fontconfig: exports use the bundled font.
        .env("FONTCONFIG_FILE", "/nonexistent");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = crossover(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Width, height and RGB pixels of a PNG.
fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    assert_eq!(info.color_type, png::ColorType::Rgb);
    (info.width, info.height, buf)
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn png_has_the_size_asked_and_is_a_real_chart() {
    let dir = TempDir::new().unwrap();
    for (args, w, h) in [
        (vec![], 1600, 900),
        (vec!["--width", "800", "--height", "450"], 800, 450),
    ] {
        let name = format!("chart-{w}.png");
        let mut a = vec!["export", "--out", &name];
        a.extend(args.iter().copied());
        let (code, out, err) = run(dir.path(), &a);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.trim(), name);
        let (pw, ph, rgb) = decode_png(&dir.path().join(&name));
        assert_eq!((pw, ph), (w, h));
        let pixels = rgb.chunks(3).count();
        let white = rgb.chunks(3).filter(|p| p == &[255, 255, 255]).count();
        assert!(
            white < pixels * 95 / 100,
            "mostly blank: {white} of {pixels} white"
        );
        assert!(white > pixels / 3, "a white background");
        let api_blue = rgb.chunks(3).filter(|p| p == &[31, 119, 180]).count();
        let self_orange = rgb.chunks(3).filter(|p| p == &[217, 95, 2]).count();
        assert!(
            api_blue > 500 && self_orange > 500,
            "series drawn: {api_blue} {self_orange}"
        );
    }
}

#[test]
fn svg_holds_title_axes_series_and_crossing_labels() {
    let dir = TempDir::new().unwrap();
    let (code, _, err) = run(dir.path(), &["export", "--out", "c.svg"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.path().join("c.svg")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect();
    let has = |s: &str| texts.iter().any(|t| t.contains(s));
    assert!(has("Default: cost per day by daily volume"), "{texts:?}");
    assert!(has("requests per day") && has("cost per day (USD)"));
    for series in [
        "API (GPT-4o)",
        "Self-host (Llama 3.1 8B)",
        "Hybrid (70% local)",
    ] {
        assert!(has(series), "legend {series}: {texts:?}");
    }
    assert!(has("break-even 15,361/day"), "{texts:?}");
    assert!(has("now 10k/day"));
    assert!(has("crossover 0.1.0 · 2025-11-25"));
    assert!(has("1k") && has("10M") && has("$100"));
    let polylines = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") || n.has_tag_name("path"))
        .count();
    assert!(polylines >= 3, "{polylines} lines");
}

#[test]
fn default_name_folder_out_and_no_overwrite() {
    let dir = TempDir::new().unwrap();
    let (code, out, _) = run(dir.path(), &["export", "guide-legal-docs"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "crossover-guide-legal-docs-2025-11-25.png");
    let (code, _, err) = run(dir.path(), &["export", "guide-legal-docs"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    let (code, _, _) = run(dir.path(), &["export", "guide-legal-docs", "--force"]);
    assert_eq!(code, 0);
    std::fs::create_dir(dir.path().join("charts")).unwrap();
    let (code, out, _) = run(dir.path(), &["export", "--out", "charts"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        format!(
            "charts{}crossover-default-2025-11-25.png",
            std::path::MAIN_SEPARATOR
        )
    );
    assert_eq!(
        files(&dir.path().join("charts")),
        ["crossover-default-2025-11-25.png"]
    );
}

#[test]
fn bad_exports_are_refused_and_leave_nothing_behind() {
    let dir = TempDir::new().unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["export", "--out", "chart.jpg"],
            2,
            "must end in .png or .svg",
        ),
        (&["export", "--out", "chart"], 2, "must end in .png or .svg"),
        (
            &["export", "--out", "c.png", "--width", "0"],
            2,
            "must each be 1 to 10000",
        ),
        (
            &["export", "--out", "c.png", "--height", "10001"],
            2,
            "must each be 1 to 10000",
        ),
        (
            &["export", "--out", "no/such/folder/c.png"],
            1,
            "does not exist",
        ),
        (
            &["export", "--out", "/proc/crossover-test.png"],
            1,
            "cannot write /proc/crossover-test.png",
        ),
        (
            &["export", "--out", "c.png", "--width", "-5"],
            2,
            "unexpected argument",
        ),
    ];
    let mut all = String::new();
    for (args, code, msg) in cases {
        let (got, _, err) = run(dir.path(), args);
        assert_eq!(got, *code, "{args:?}: {err}");
        assert!(err.contains(msg), "{args:?}: {err}");
        all.push_str(&format!("$ crossover {}\n{err}\n", args.join(" ")));
    }
    assert_eq!(
        files(dir.path()),
        Vec::<String>::new(),
        "no partial or temporary files"
    );
    insta::assert_snapshot!("export_errors", all);
}

#[test]
fn markdown_report_links_the_chart() {
    let dir = TempDir::new().unwrap();
    let (code, md, _) = run(
        dir.path(),
        &["report", "--format", "markdown", "--chart", "chart.png"],
    );
    assert_eq!(code, 0);
    assert!(md.contains("![Daily cost against daily volume](chart.png)"));
    assert!(md.starts_with("# Default: API\n"));
    assert!(md.contains("## Appendix: how these numbers are computed"));
    assert!(md.contains("crossover 0.1.0 · 2025-11-25"));
}
