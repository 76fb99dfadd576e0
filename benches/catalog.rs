//! Loading the price catalog: the shipped sections alone, and with a stored import of 5,000 and
//! of 200,000 models (what `prices import` leaves). Target (issue 11): under 20 ms per command
//! with 5,000 imported models.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use crossover::catalog::api_entry::{ApiModel, LongContext};
use crossover::catalog::{self, store};

/// `n` imported models, one in ten with a long-context tier.
fn stored_import(n: usize) -> String {
    let models: Vec<ApiModel> = (0..n)
        .map(|i| ApiModel {
            name: format!("provider-{}/model-{i}-chat", i % 37),
            provider: format!("provider-{}", i % 37),
            input_per_mtok: 0.1 + (i % 100) as f64 * 0.05,
            output_per_mtok: 0.4 + (i % 100) as f64 * 0.2,
            cached_input_per_mtok: Some(0.01 + (i % 100) as f64 * 0.005),
            cache_write_per_mtok: (i % 3 == 0).then_some(1.25),
            batch_discount: (i % 2 == 0).then_some(0.5),
            context_window: Some(128_000),
            max_output_tokens: None,
            long_context: (i % 10 == 0).then_some(LongContext {
                above_tokens: 200_000,
                input_per_mtok: 6.0,
                output_per_mtok: 22.5,
                cached_input_per_mtok: Some(0.6),
                cache_write_per_mtok: None,
            }),
            legacy: i % 5 == 0,
            free: false,
            source: String::new(),
            as_of: "unknown".into(),
            estimate: false,
            price_schedule: Vec::new(),
            comment: String::new(),
        })
        .collect();
    store::write(
        &models,
        "unknown",
        "LiteLLM model_prices_and_context_window.json (bench)",
    )
}

fn load(c: &mut Criterion) {
    c.bench_function("catalog: shipped sections", |b| {
        b.iter(|| black_box(catalog::load_with(None)))
    });
    let dir = tempfile::tempdir().expect("temporary folder");
    for n in [5_000, 200_000] {
        let path = dir.path().join(format!("{n}.tsv"));
        std::fs::write(&path, stored_import(n)).expect("write the import");
        let mut group = c.benchmark_group("catalog");
        if n > 10_000 {
            group.sample_size(10);
        }
        group.bench_function(format!("shipped + {n} imported models"), |b| {
            b.iter(|| {
                let c = catalog::load_with(Some(black_box(&path)));
                assert_eq!(c.imported.as_ref().map(|i| i.count), Some(n));
                c
            })
        });
        group.finish();
    }
}

criterion_group!(benches, load);
criterion_main!(benches);
