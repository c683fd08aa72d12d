//! `check --external`: every `http(s)://` link of the Markdown sources is requested once
//! (HEAD, then GET where a server refuses HEAD), a few at a time, each with a timeout.

use crate::msg;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use std::time::Duration;

use crate::diag::Diagnostic;

/// Where an external URL is written.
#[derive(Debug, Clone)]
pub struct Place {
    /// The file.
    pub file: PathBuf,
    /// Its text.
    pub text: Arc<str>,
    /// The URL's byte range.
    pub span: Range<usize>,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExternalSummary {
    /// Distinct URLs requested.
    pub checked: usize,
    /// Answered with a success or a redirect to one.
    pub ok: usize,
    /// Answered with an error status, or no answer at all.
    pub broken: usize,
    /// No answer within the timeout.
    pub timed_out: usize,
}

enum Outcome {
    Ok,
    Broken(String),
    TimedOut,
}

/// Requests every URL; broken links are errors and timeouts warnings, at each place the
/// URL is written.
pub fn check(
    urls: &[(String, Vec<Place>)],
    timeout: Duration,
) -> (Vec<Diagnostic>, ExternalSummary) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent("profilegen-check")
        .build()
        .into();
    // Requests wait on the network, not the CPU: a pool of its own, wider than the
    // machine's cores, so eight requests are in flight at once.
    let probe_all = || -> Vec<Outcome> { urls.par_iter().map(|(u, _)| probe(&agent, u)).collect() };
    let outcomes = match rayon::ThreadPoolBuilder::new()
        .num_threads(urls.len().clamp(1, 8))
        .thread_name(|i| format!("profilegen-link-{i}"))
        .build()
    {
        Ok(pool) => pool.install(probe_all),
        Err(_) => probe_all(),
    };
    let mut summary = ExternalSummary {
        checked: urls.len(),
        ..ExternalSummary::default()
    };
    let mut diags = Vec::new();
    for ((url, places), outcome) in urls.iter().zip(outcomes) {
        let diag = match outcome {
            Outcome::Ok => {
                summary.ok += 1;
                continue;
            }
            Outcome::Broken(why) => {
                summary.broken += 1;
                Diagnostic::error(msg!("check-external-broken", url = url.as_str(), why = why))
                    .with_hint(msg!("check-external-broken-hint"))
            }
            Outcome::TimedOut => {
                summary.timed_out += 1;
                Diagnostic::warning(msg!(
                    "check-external-timeout",
                    url = url.as_str(),
                    seconds = timeout.as_secs()
                ))
                .with_hint(msg!("check-external-timeout-hint"))
            }
        };
        for p in places {
            diags.push(diag.clone().in_file(&p.file).at(&p.text, p.span.clone()));
        }
    }
    (diags, summary)
}

fn probe(agent: &ureq::Agent, url: &str) -> Outcome {
    let answer = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| match r {
        Ok(res) => Ok(res.status().as_u16()),
        Err(ureq::Error::Timeout(_)) => Err(Outcome::TimedOut),
        Err(e) => Err(Outcome::Broken(e.to_string())),
    };
    let status = match answer(agent.head(url).call()) {
        Ok(403 | 405 | 501) => answer(agent.get(url).call()),
        other => other,
    };
    match status {
        Ok(s) if s < 400 => Outcome::Ok,
        Ok(s) => Outcome::Broken(format!("HTTP {s}")),
        Err(o) => o,
    }
}
