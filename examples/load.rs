//! A bounded load run against a running Rebound seeded with `demo-seed --employees N`:
//! concurrent managers and employees read and write for a fixed time, then every acknowledged
//! write is checked: each private note is on the plan, and the employee's rating for the next
//! one-on-one (which each write replaces) is one that was acknowledged. A second phase adds a flood of bad sign-ins, which must be throttled
//! without slowing everyone else. Loopback only.
//!
//! cargo run --release --example load -- http://127.0.0.1:3000 [seconds per phase] [users, or a
//! comma-separated list of user counts run one after the other]

use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

const PASSWORD: &str = "rebound-demo-2026";
const MANAGER: &str = "big.team@bench.rebound";
const EMPLOYEE: &str = "long.plan@bench.rebound";

#[derive(Default)]
struct Tally {
    /// Milliseconds each page read took.
    read_ms: Vec<f64>,
    /// Milliseconds each write (a private note, a self-assessment) took.
    write_ms: Vec<f64>,
    server_errors: usize,
    requests: usize,
    /// Writes that add to the plan: each must be found afterwards.
    acknowledged: Vec<String>,
    /// Writes that replace the one before: the one kept must be among them.
    replaced: Vec<String>,
}

async fn signed_in(base: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client.post(format!("{base}/api/login")).form(&[("email", email), ("password", PASSWORD)]).send().await.expect("sign in");
    assert_eq!(response.status(), 200, "sign-in of {email}: {}", response.text().await.unwrap_or_default());
    client
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn phase(base: &str, plan_id: i64, seconds: u64, clients: &[reqwest::Client], flood: bool) -> Tally {
    let tally = Arc::new(Mutex::new(Tally::default()));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (user, client) in clients.iter().cloned().enumerate() {
        let manager = user % 2 == 0;
        let (base, tally) = (base.to_owned(), tally.clone());
        tasks.push(tokio::spawn(async move {
            let mut step = 0u64;
            while Instant::now() < deadline {
                step += 1;
                let marker = format!("load-{user}-{step}-{}", if flood { "flood" } else { "calm" });
                let started = Instant::now();
                let (response, write) = match (manager, step % 4) {
                    (true, 0) => {
                        (client.post(format!("{base}/api/plans/private_note")).form(&[("plan_id", plan_id.to_string()), ("body", marker.clone())]).send().await, Some(true))
                    }
                    (true, 1) => (client.get(format!("{base}/team")).send().await, None),
                    (true, _) => (client.get(format!("{base}/plans/{plan_id}")).send().await, None),
                    (false, 0) => (
                        client
                            .post(format!("{base}/api/plans/self_assessment"))
                            .form(&[("plan_id", plan_id.to_string()), ("check_in_id", String::new()), ("self_confidence", "3".into()), ("reflection", marker.clone())])
                            .send()
                            .await,
                        Some(false),
                    ),
                    (false, _) => (client.get(format!("{base}/my-plan")).send().await, None),
                };
                let elapsed = started.elapsed().as_secs_f64() * 1000.0;
                let mut tally = tally.lock().await;
                tally.requests += 1;
                if write.is_some() {
                    tally.write_ms.push(elapsed)
                } else {
                    tally.read_ms.push(elapsed)
                }
                match response {
                    Ok(response) if response.status().is_server_error() => tally.server_errors += 1,
                    Ok(response) if write == Some(true) && response.status() == 200 => tally.acknowledged.push(marker),
                    Ok(response) if write == Some(false) && response.status() == 200 => tally.replaced.push(marker),
                    Ok(_) => {}
                    Err(_) => tally.server_errors += 1,
                }
            }
        }));
    }
    let flood_task = flood.then(|| {
        let base = base.to_owned();
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let (mut attempts, mut throttled) = (0u64, 0u64);
            while Instant::now() < deadline {
                attempts += 1;
                let email = format!("intruder{}@example.org", attempts % 500);
                if let Ok(response) = client.post(format!("{base}/api/login")).form(&[("email", email.as_str()), ("password", "not the password")]).send().await
                    && response.status() == 429
                {
                    throttled += 1;
                }
            }
            (attempts, throttled)
        })
    });
    for task in tasks {
        task.await.unwrap();
    }
    if let Some(flood_task) = flood_task {
        let (attempts, throttled) = flood_task.await.unwrap();
        println!("  flood: {attempts} bad sign-ins, {throttled} answered 429");
    }
    Arc::try_unwrap(tally).ok().unwrap().into_inner()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:3000".into());
    assert!(base.starts_with("http://127.0.0.1") || base.starts_with("http://localhost"), "loopback only");
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    // Every count's users sign in at the start: after the first flood this address is throttled.
    let counts: Vec<usize> = args.get(3).map_or_else(|| vec![16], |list| list.split(',').filter_map(|count| count.trim().parse().ok()).collect());
    let users = counts.iter().copied().max().unwrap_or(16);
    let manager = signed_in(&base, MANAGER).await;
    let mine: serde_json::Value = signed_in(&base, EMPLOYEE).await.post(format!("{base}/api/plans/mine")).send().await.unwrap().json().await.unwrap();
    let plan_id = mine["plans"].as_array().and_then(|plans| plans.iter().find(|p| p["status"] == "Active")).and_then(|p| p["id"].as_i64()).expect("an active plan");
    // Every write adds to the plan the managers keep reading, so later slices are slower whatever
    // else happens. Calm and flood slices therefore run in the order calm, flood, flood, calm,
    // flood, calm, calm, flood: both conditions sit at the same average position in the run.
    const ORDER: [bool; 8] = [false, true, true, false, true, false, false, true];
    let slice = (seconds / 4).max(1);
    // Everyone signs in before any flood: afterwards this address is throttled, as it should be.
    let mut clients = Vec::with_capacity(users);
    for user in 0..users {
        clients.push(signed_in(&base, if user % 2 == 0 { MANAGER } else { EMPLOYEE }).await);
    }
    let mut all_acknowledged = Vec::new();
    let mut all_replaced = Vec::new();
    let several = counts.len() > 1;
    for count in counts {
        if several {
            println!("{count} users:");
        }
        let (mut calm, mut flooded) = (Tally::default(), Tally::default());
        for flood in ORDER {
            let part = phase(&base, plan_id, slice, &clients[..count], flood).await;
            let into = if flood { &mut flooded } else { &mut calm };
            into.read_ms.extend(part.read_ms);
            into.write_ms.extend(part.write_ms);
            into.server_errors += part.server_errors;
            into.requests += part.requests;
            into.acknowledged.extend(part.acknowledged);
            into.replaced.extend(part.replaced);
        }
        for (flood, mut tally) in [(false, calm), (true, flooded)] {
            let mut all_ms: Vec<f64> = tally.read_ms.iter().chain(&tally.write_ms).copied().collect();
            for latencies in [&mut all_ms, &mut tally.read_ms, &mut tally.write_ms] {
                latencies.sort_by(f64::total_cmp);
            }
            let measured = slice * 4;
            println!(
                "{}: {} requests in {measured} s ({:.0}/s), p50 {:.1} ms, p99 {:.1} ms (reads p50 {:.1} p99 {:.1} ms, writes p50 {:.1} p99 {:.1} ms), 5xx {}, acknowledged writes {}",
                if flood { "with a flood of bad sign-ins" } else { "without flood" },
                tally.requests,
                tally.requests as f64 / measured as f64,
                percentile(&all_ms, 0.5),
                percentile(&all_ms, 0.99),
                percentile(&tally.read_ms, 0.5),
                percentile(&tally.read_ms, 0.99),
                percentile(&tally.write_ms, 0.5),
                percentile(&tally.write_ms, 0.99),
                tally.server_errors,
                tally.acknowledged.len()
            );
            all_acknowledged.extend(tally.acknowledged);
            all_replaced.extend(tally.replaced);
        }
    }
    // The whole history: acknowledged private notes may be older than the latest few.
    let whole_plan = [("plan_id", plan_id.to_string()), ("history", "all".to_owned())];
    let plan: serde_json::Value = manager.post(format!("{base}/api/plans/get")).form(&whole_plan).send().await.unwrap().json().await.unwrap();
    let text = plan.to_string();
    let lost: Vec<&String> = all_acknowledged.iter().filter(|marker| !text.contains(marker.as_str())).collect();
    println!("lost writes: {} of {}", lost.len(), all_acknowledged.len());
    let kept = plan["upcoming_self_assessment"]["reflection"].as_str().unwrap_or_default().to_owned();
    let rating_kept = all_replaced.is_empty() || all_replaced.contains(&kept);
    println!("the rating for the next one-on-one is one of the {} acknowledged: {rating_kept}", all_replaced.len());
    if !lost.is_empty() || !rating_kept {
        std::process::exit(1);
    }
}
