//! The measured server as a child process: start it on a free loopback port, wait until it
//! answers, read its peak memory, and always kill it and remove its data when done — also when
//! the run fails or is interrupted, because [`ServerGuard`] does that in `Drop`.

use std::fs::{self, File};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};
use hyper::{Method, StatusCode};
use tokio::time::{Instant, sleep, timeout};

use crate::load::{Connection, RequestTemplate};
use crate::scenarios::Scenario;

/// How long one readiness probe may take before it counts as "not ready yet".
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);
const PROBE_INTERVAL: Duration = Duration::from_millis(100);

/// A running child server; dropping it kills the process and removes its temporary directory.
pub struct ServerGuard {
    /// What error messages call it ("the baseline server", "the balai server").
    label: &'static str,
    child: Child,
    addr: SocketAddr,
    temp_dir: Option<PathBuf>,
}

impl ServerGuard {
    /// Starts this very executable as `baseline --listen 127.0.0.1:<free port>`.
    pub fn spawn_baseline() -> Result<Self> {
        let exe = std::env::current_exe().context("cannot find the balai-bench executable")?;
        let addr = free_loopback_addr()?;
        let child = Command::new(&exe)
            .arg("baseline")
            .arg("--listen")
            .arg(addr.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| anyhow!("cannot start the baseline server {}: {e}", exe.display()))?;
        Ok(ServerGuard {
            label: "the baseline server",
            child,
            addr,
            temp_dir: None,
        })
    }

    /// Starts `bin demo --data <fresh temp dir> --listen 127.0.0.1:<free port>` with
    /// `BALAI_LOG=warn`; its output goes to a log file next to the data, quoted on failure.
    pub fn spawn_balai(bin: &Path) -> Result<Self> {
        let temp_dir = fresh_temp_dir()?;
        let data_dir = temp_dir.join("data");
        let log_path = temp_dir.join("server.log");
        let prepared = fs::create_dir(&data_dir)
            .and_then(|()| File::create(&log_path))
            .and_then(|log| Ok((log.try_clone()?, log)));
        let (stdout, stderr) = match prepared {
            Ok(files) => files,
            Err(e) => {
                let _ = fs::remove_dir_all(&temp_dir);
                bail!(
                    "cannot prepare the temporary directory {}: {e}",
                    temp_dir.display()
                );
            }
        };
        let addr = free_loopback_addr()?;
        let spawned = Command::new(bin)
            .arg("demo")
            .arg("--data")
            .arg(&data_dir)
            .arg("--listen")
            .arg(addr.to_string())
            .env("BALAI_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn();
        match spawned {
            Ok(child) => Ok(ServerGuard {
                label: "the balai server",
                child,
                addr,
                temp_dir: Some(temp_dir),
            }),
            Err(e) => {
                let _ = fs::remove_dir_all(&temp_dir);
                bail!("cannot start the balai server {}: {e}", bin.display())
            }
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Polls `GET path` until it answers 200, the process exits, or `limit` passes.
    pub async fn wait_ready(&mut self, path: &'static str, limit: Duration) -> Result<()> {
        let probe = Scenario {
            name: "readiness",
            method: Method::GET,
            path,
            body: None,
            expected: StatusCode::OK,
        };
        let template = RequestTemplate::new(&probe, self.addr)?;
        let deadline = Instant::now() + limit;
        loop {
            self.ensure_running()?;
            if let Ok(Ok(StatusCode::OK)) =
                timeout(PROBE_TIMEOUT, probe_once(self.addr, &template)).await
            {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "{} did not answer 200 on {path} within {} s",
                    self.label,
                    limit.as_secs()
                );
            }
            sleep(PROBE_INTERVAL).await;
        }
    }

    /// Fails with the exit status (and the last line the server logged) if the process is gone.
    pub fn ensure_running(&mut self) -> Result<()> {
        let status = self
            .child
            .try_wait()
            .with_context(|| format!("cannot check on {}", self.label))?;
        let Some(status) = status else {
            return Ok(());
        };
        match self.last_log_line() {
            Some(line) => bail!(
                "{} exited ({status}); its last output was: {line}",
                self.label
            ),
            None => bail!("{} exited ({status})", self.label),
        }
    }

    /// The process's peak resident set (`VmHWM`) so far, in MiB; `None` when unreadable.
    pub fn peak_rss_mib(&self) -> Option<f64> {
        let status = fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        parse_vm_hwm_kib(&status).map(|kib| kib as f64 / 1024.0)
    }

    fn last_log_line(&self) -> Option<String> {
        let log = fs::read_to_string(self.temp_dir.as_ref()?.join("server.log")).ok()?;
        log.lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_owned)
    }
}

impl Drop for ServerGuard {
    fn drop(&mut self) {
        // Killing an already exited child fails harmlessly; `wait` reaps it either way.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = self.temp_dir.take() {
            let _ = fs::remove_dir_all(dir);
        }
    }
}

async fn probe_once(addr: SocketAddr, template: &RequestTemplate) -> Result<StatusCode> {
    let mut conn = Connection::open(addr).await?;
    conn.send(template.build()?).await
}

/// A loopback port that was free a moment ago (the OS picks it; the listener is closed again
/// so the child can bind it).
fn free_loopback_addr() -> Result<SocketAddr> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("cannot find a free port")?;
    Ok(listener.local_addr()?)
}

/// A new, empty directory under the system temp dir, unique to this process and moment.
fn fresh_temp_dir() -> Result<PathBuf> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("balai-bench-{}-{nanos}", std::process::id()));
    fs::create_dir(&dir)
        .with_context(|| format!("cannot create the temporary directory {}", dir.display()))?;
    Ok(dir)
}

/// The `VmHWM:  12345 kB` line of `/proc/<pid>/status`, in KiB.
fn parse_vm_hwm_kib(status: &str) -> Option<u64> {
    let rest = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let mut fields = rest.split_whitespace();
    let value = fields.next()?.parse().ok()?;
    (fields.next() == Some("kB")).then_some(value)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn vm_hwm_is_read_in_kib_from_proc_status() {
        let status =
            "Name:\tbalai\nVmPeak:\t  900000 kB\nVmHWM:\t   65536 kB\nVmRSS:\t   40000 kB\n";
        assert_eq!(parse_vm_hwm_kib(status), Some(65_536));
    }

    #[test]
    fn vm_hwm_missing_or_malformed_is_none() {
        assert_eq!(parse_vm_hwm_kib("Name:\tx\nVmRSS:\t1 kB\n"), None);
        assert_eq!(parse_vm_hwm_kib("VmHWM:\tlots kB\n"), None);
        assert_eq!(parse_vm_hwm_kib("VmHWM:\t12 MB\n"), None);
    }

    #[test]
    fn own_process_has_a_peak_rss() {
        let status = fs::read_to_string("/proc/self/status").unwrap();
        assert!(parse_vm_hwm_kib(&status).unwrap() > 0);
    }
}
