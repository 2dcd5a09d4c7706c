//! The `rebound` command: see `rebound --help`.

use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of the system allocator: page renders allocate many small strings, and
/// glibc's malloc cost a sixth of a render's CPU in `make bench`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v3's `mimalloc.h` (the crate names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    return_freed_memory_promptly();
    use_batch_scheduling();
    let cli = rebound::server::cli::Cli::parse();
    if !cli.serves() {
        keep_on_one_core();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Requests waiting on a database result are woken from the connection's thread, into the
        // runtime's shared queue; by default a worker looks there only every 61 tasks and serves
        // newly arrived requests first. Looking every other task finishes requests in arrival
        // order: /team served about a tenth more pages per second at a lower p99 in the benchmark.
        .global_queue_interval(2)
        .build()
        .expect("start the async runtime");
    runtime.block_on(run(cli))
}

/// mimalloc v3 keeps freed pages for a second before giving them back to the system. Under the
/// benchmark's mixed load, where a plan page holds thousands of entries, that let the server's
/// peak RSS reach 216 MB; after 10 ms instead (mimalloc v2's default), 140 MB, with the same
/// page throughput.
fn return_freed_memory_promptly() {
    // SAFETY: mimalloc's documented option setter, which takes a plain value; `main` calls it
    // before any other thread starts.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}

/// Asks Linux to schedule this process's threads as batch work, before any thread is started so
/// that every thread (the async runtime's and each database connection's worker) inherits it.
///
/// Each database query hands work to the connection's worker thread and each result row back.
/// Under normal scheduling, a woken thread preempts the one that woke it, so on a busy core the two
/// threads switched for every row: 62 context switches per plan page in the benchmark. A batch
/// thread that is woken waits for the waker's time slice to end instead, so rows arrive in runs:
/// 20 switches per plan page, and about a fifth more pages per second. Only wake-up preemption
/// changes: the kernel still shares the core fairly by time slice.
fn use_batch_scheduling() {
    #[cfg(target_os = "linux")]
    {
        let parameters = libc::sched_param { sched_priority: 0 };
        // SAFETY: plain system call on the calling thread with a valid parameter block.
        if unsafe { libc::sched_setscheduler(0, libc::SCHED_BATCH, &parameters) } != 0 {
            eprintln!("rebound: batch scheduling unavailable ({}); continuing with normal scheduling", std::io::Error::last_os_error());
        }
    }
}

/// Keeps every thread of this process on the core it started on, before any other thread starts.
///
/// Every command but `serve` is one sequence of queries: the command's thread hands each query to
/// the connection's worker thread and waits for the answer. On two cores, each hand-over woke a
/// thread on the other core, and both cores sat idle more than half the time: the 10,000-employee
/// `demo-seed` took 32 s. On one core each hand-over is a direct switch, and the same seed takes
/// 7 s.
fn keep_on_one_core() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: plain system calls on the calling thread; the CPU set is zeroed, then one valid
        // CPU number (as reported by the kernel) is added.
        unsafe {
            let Ok(cpu) = usize::try_from(libc::sched_getcpu()) else { return };
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(cpu, &mut set);
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                eprintln!("rebound: could not keep to one core ({}); continuing on all", std::io::Error::last_os_error());
            }
        }
    }
}

async fn run(cli: rebound::server::cli::Cli) -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn")))
        .with_writer(std::io::stderr)
        .init();
    match rebound::server::cli::run(cli, rebound::app::router).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rebound: {error}");
            std::process::ExitCode::from(error.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_we_mean() {
        // v3's default purge delay is 1000 ms, a value no neighbouring option has: if a mimalloc
        // upgrade renumbers the options, this fails instead of silently setting another one.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }, 1000);
        }
        return_freed_memory_promptly();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }, 10);
    }
}
