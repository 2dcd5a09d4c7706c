//! The `rebound` command: see `rebound --help`.

use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of the system allocator: page renders allocate many small strings, and
/// glibc's malloc cost a sixth of a render's CPU in `make bench`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn")))
        .with_writer(std::io::stderr)
        .init();
    let cli = rebound::server::cli::Cli::parse();
    match rebound::server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rebound: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
