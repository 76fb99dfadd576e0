//! The `crossover` binary: everything lives in the library; this is the edge.

#![deny(clippy::unwrap_used, clippy::expect_used)]

fn main() -> std::process::ExitCode {
    crossover::cli::main()
}
