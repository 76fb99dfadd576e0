//! The HTML meeting report in a real browser (issue 24): Debian's chromium, driven from its
//! command line (headless screenshots, PDF printing, its console log and a net log), not
//! through a DevTools-protocol crate. Ignored by a plain `cargo test` (it needs chromium);
//! `.ci/run` installs chromium and runs it with
//! `cargo test --test cli browser:: -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The chromium on this machine: `$CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
        .expect("chromium is not installed (apt-get install chromium)")
}

/// One headless chromium run on `page` with `args`: its stderr (the console log) and the
/// requests the page made, from the net log (the browser's own background requests carry no
/// initiator and are left out).
fn browse(dir: &Path, page: &Path, name: &str, args: &[String]) -> (String, Vec<String>) {
    let profile = dir.join(format!("profile-{name}"));
    let net = dir.join(format!("net-{name}.json"));
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", net.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium {args:?} failed: {stderr}");
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&net).unwrap()).unwrap();
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    let requests = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == start && e["params"]["url"].is_string())
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .map(|e| e["params"]["url"].as_str().unwrap_or("").to_string())
        .collect();
    (stderr, requests)
}

/// Width, height and RGB(A) pixels of a screenshot, as RGB.
fn pixels(path: &Path) -> (usize, usize, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("{other:?}"),
    };
    let px = buf[..info.buffer_size()]
        .chunks(step)
        .map(|c| [c[0], c[1], c[2]])
        .collect();
    (info.width as usize, info.height as usize, px)
}

/// A printed page: its width and height in points, and its words with their boxes.
type Page = (f64, f64, Vec<(String, [f64; 4])>);

/// Each page of a PDF as `pdftotext -bbox` reads it (poppler-utils, installed with chromium by
/// `.ci/run`): its width and height in points, and its words with their boxes.
fn pdf_pages(pdf: &Path) -> Vec<Page> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is not installed (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    text.split("<page ")
        .skip(1)
        .map(|page| {
            let (w, h) = (attr(page, "width"), attr(page, "height"));
            let words = page
                .split("<word ")
                .skip(1)
                .map(|word| {
                    let (tag, rest) = word.split_once('>').unwrap();
                    let text = rest.split("</word>").next().unwrap();
                    let b = ["xMin", "yMin", "xMax", "yMax"].map(|a| attr(tag, a));
                    (unescape(text), b)
                })
                .collect();
            (w, h, words)
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Each chart's title and footer in the report, as words: the first `<text>` of each inline
/// `<svg>` and its text starting "crossover ".
fn chart_ends(html: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let words = |t: &str| unescape(t).split_whitespace().map(String::from).collect();
    html.split("<svg")
        .skip(1)
        .map(|svg| {
            let svg = svg.split("</svg>").next().unwrap();
            let texts: Vec<&str> = svg
                .split("<text")
                .skip(1)
                .map(|t| {
                    t.split_once('>')
                        .unwrap()
                        .1
                        .split("</text>")
                        .next()
                        .unwrap()
                })
                .collect();
            let footer = texts.iter().find(|t| t.starts_with("crossover ")).unwrap();
            (words(texts[0]), words(footer))
        })
        .collect()
}

/// How many times `seq` occurs as consecutive words of `words`.
fn occurrences(words: &[(String, [f64; 4])], seq: &[String]) -> usize {
    if seq.is_empty() || words.len() < seq.len() {
        return 0;
    }
    words
        .windows(seq.len())
        .filter(|w| w.iter().zip(seq).all(|(a, b)| a.0 == *b))
        .count()
}

/// A printed report: every word inside its page (nothing clipped at an edge), and every chart
/// whole on one page: on each page as many chart titles as chart footers, and each title
/// somewhere.
fn printed_whole(pdf: &Path, html: &str, name: &str) {
    let pages = pdf_pages(pdf);
    for (i, (w, h, words)) in pages.iter().enumerate() {
        for (t, b) in words {
            assert!(
                b[0] >= -0.5 && b[1] >= -0.5 && b[2] <= w + 0.5 && b[3] <= h + 0.5,
                "{name}: page {}: {t:?} at {b:?} leaves the {w}×{h} page",
                i + 1
            );
        }
    }
    let charts = chart_ends(html);
    assert!(charts.len() >= 3, "{name}: {} charts", charts.len());
    let footer = &charts[0].1;
    // The report's own text ends with the same words as a chart's footer: those are allowed
    // beside the charts'.
    let outside: String = html
        .split("<svg")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once("</svg>").map_or("", |p| p.1)
            }
        })
        .collect();
    let body = outside.matches(&footer.join(" ")).count();
    let mut extra = 0;
    for (i, (_, _, words)) in pages.iter().enumerate() {
        let titles: usize = charts.iter().map(|c| occurrences(words, &c.0)).sum();
        let footers = occurrences(words, footer);
        assert!(
            footers >= titles && footers <= titles + body,
            "{name}: page {} has {titles} chart titles and {footers} chart footers (a chart split)",
            i + 1
        );
        extra += footers - titles;
    }
    assert_eq!(extra, body, "{name}: chart footers without their titles");
    for (title, _) in &charts {
        let found: usize = pages.iter().map(|p| occurrences(&p.2, title)).sum();
        assert!(found >= 1, "{name}: the chart {title:?} is not printed");
    }
}

/// Pixels within 40 of a colour (anti-aliased lines included).
fn count_near(px: &[[u8; 3]], c: [u8; 3]) -> usize {
    px.iter()
        .filter(|p| (0..3).all(|i| p[i].abs_diff(c[i]) <= 40))
        .count()
}

/// The guide's report, opened offline: no console message and no request at either width, the
/// charts drawn (the API's blue and self-hosting's orange lines, the tornado's browns), nothing
/// wider than a 390 px phone (its rightmost pixel column is the page's white), and printed on A4
/// and on Letter (the paper chosen as a print dialog would, the page itself fixes none) as
/// valid PDFs of that size.
#[test]
#[ignore = "needs chromium"]
fn browser_renders_the_html_report_offline_and_prints_it() {
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_crossover"))
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .args(["export", "guide-legal-docs", "--out", "report.html"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // At least this many pixels of the API's blue and of self-hosting's orange (dashed, under
    // its band): 2,701 and 79 at 1280 px when this was written. At 390 px the chart is scaled
    // to a third: the API's blue shows it is drawn (112, later 127), while self-hosting's thin
    // dashed line lies beside the hybrid's and under its band, and its exact colour can blend
    // away entirely (7 pixels, later 0), so only the blue is required there.
    for (width, blue, orange) in [(1280, 1000, 30), (390, 50, 0)] {
        let shot = dir.path().join(format!("shot-{width}.png"));
        let (log, requests) = browse(
            dir.path(),
            &page,
            &width.to_string(),
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={width},2000"),
            ],
        );
        assert!(
            !log.contains("CONSOLE"),
            "console messages at {width} px: {log}"
        );
        assert!(requests.is_empty(), "requests at {width} px: {requests:?}");
        if std::env::var_os("KEEP_BROWSER_SHOTS").is_some() {
            let keep = std::env::temp_dir().join(format!("crossover-shot-{width}.png"));
            std::fs::copy(&shot, keep).unwrap();
        }
        let (w, h, px) = pixels(&shot);
        assert_eq!(w, width);
        let api = count_near(&px, [0x00, 0x54, 0x96]);
        let self_host = count_near(&px, [0xDE, 0x8F, 0x05]);
        assert!(
            api >= blue && self_host >= orange,
            "{width} px: {api} blue, {self_host} orange pixels"
        );
        let right: Vec<[u8; 3]> = (0..h).map(|y| px[y * w + w - 1]).collect();
        assert!(
            right.iter().all(|p| *p == [255, 255, 255]),
            "{width} px: the page overflows"
        );
    }
    let html = std::fs::read_to_string(&page).unwrap();
    // The report fixes no paper: it prints on whatever the reader's printer holds.
    assert!(!html.contains("@page"), "the report fixes a page size");
    // chromium's command line has no paper option (Letter is its default): A4 is printed from
    // a copy with the paper rule a print dialog adds, and nothing else changed.
    let a4 = dir.path().join("report-a4.html");
    std::fs::write(
        &a4,
        html.replacen("</head>", "<style>@page{size:A4}</style></head>", 1),
    )
    .unwrap();
    for (name, file, media) in [
        ("letter", &page, "[0 0 612 792]"),
        ("a4", &a4, "[0 0 594.95996 841.91998]"),
    ] {
        let pdf = dir.path().join(format!("{name}.pdf"));
        let (log, requests) = browse(
            dir.path(),
            file,
            name,
            &[
                "--no-pdf-header-footer".into(),
                format!("--print-to-pdf={}", pdf.display()),
            ],
        );
        assert!(!log.contains("CONSOLE"), "{name}: {log}");
        assert!(requests.is_empty(), "{name}: {requests:?}");
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-1.") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
            "{name}"
        );
        let text = String::from_utf8_lossy(&bytes);
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert!((3..30).contains(&pages), "{name}: {pages} pages");
        assert!(
            text.contains(&format!("/MediaBox {media}")),
            "{name}: not on its paper"
        );
        printed_whole(&pdf, &html, name);
        if std::env::var_os("KEEP_BROWSER_SHOTS").is_some() {
            std::fs::copy(
                &pdf,
                std::env::temp_dir().join(format!("crossover-{name}.pdf")),
            )
            .unwrap();
        }
    }
}
