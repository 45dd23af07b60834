//! A real `sotay ui-bridge` process for the tests that run the app as the browser tests do: its
//! own background sync, its commands over HTTP, its log read as it is written.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running `sotay ui-bridge` on one store, killed when dropped.
pub struct Bridge {
    child: Child,
    url: String,
    http: reqwest::blocking::Client,
    /// A message for every line the bridge logs: each event the app reports (it logs them at
    /// debug level) is a moment its sync status may have changed.
    logged: Receiver<()>,
    log: Arc<Mutex<String>>,
}

impl Bridge {
    /// Starts the bridge on `store`, serving `ui` (an empty folder will do: the tests call the
    /// commands, not the pages).
    pub fn start(store: &Path, ui: &Path) -> Bridge {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sotay"))
            .arg("--store")
            .arg(store)
            .args(["ui-bridge", "--listen", "127.0.0.1:0", "--ui"])
            .arg(ui)
            .env("RUST_LOG", "warn,sotay::cli::bridge=debug")
            .env("NO_COLOR", "1")
            .env_remove("SOTAY_STORE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tell, logged) = channel();
        let log = Arc::new(Mutex::new(String::new()));
        let keep = log.clone();
        let stderr = BufReader::new(child.stderr.take().unwrap());
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                let mut log = keep.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
                drop(log);
                let _ = tell.send(());
            }
        });
        let url = crate::util::listening_url(&mut child);
        Bridge {
            child,
            url,
            http: crate::util::http(),
            logged,
            log,
        }
    }

    /// Calls an app command as the UI does (`POST /api/<command>`): its answer, or the HTTP
    /// status and the `{kind, message}` it failed with.
    pub fn call(&self, command: &str, args: Value) -> Result<Value, (u16, Value)> {
        let resp = self
            .http
            .post(format!("{}/api/{command}", self.url))
            .json(&args)
            .send()
            .unwrap_or_else(|e| panic!("{command}: {e}\n{}", self.log()));
        let status = resp.status();
        let body: Value = resp.json().unwrap();
        if status.is_success() {
            Ok(body)
        } else {
            Err((status.as_u16(), body))
        }
    }

    /// Posts `command` with extra request headers (a browser's `Origin`, a forged `Host`): the
    /// HTTP status and the JSON answer.
    pub fn post_with(&self, command: &str, headers: &[(&str, &str)]) -> (u16, Value) {
        let mut req = self
            .http
            .post(format!("{}/api/{command}", self.url))
            .json(&json!({}));
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let resp = req.send().unwrap();
        (resp.status().as_u16(), resp.json().unwrap_or(Value::Null))
    }

    /// The address it listens on (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Asks for the sync status, and again after each event the app reports, until `is` accepts
    /// it. The bound guards against a hang; it is not a timing assertion.
    pub fn until(&self, what: &str, is: impl Fn(&Value) -> bool) {
        loop {
            let status = self.call("sync_status", json!({})).unwrap();
            if is(&status) {
                return;
            }
            if self.logged.recv_timeout(Duration::from_secs(120)).is_err() {
                panic!("never {what}: {status}\n{}", self.log());
            }
        }
    }

    /// Waits until the bridge has logged a line containing `needle`. The bound guards against a
    /// hang.
    pub fn until_logged(&self, needle: &str) {
        while !self.log().contains(needle) {
            if self.logged.recv_timeout(Duration::from_secs(120)).is_err() {
                panic!("never logged {needle:?}:\n{}", self.log());
            }
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The store files this process holds open that were unlinked under it: a WAL deleted by
    /// another process while this one still writes into it.
    pub fn deleted_store_files(&self) -> Vec<String> {
        let Ok(fds) = std::fs::read_dir(format!("/proc/{}/fd", self.child.id())) else {
            return Vec::new();
        };
        fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
            .map(|target| target.display().to_string())
            .filter(|target| target.contains(".db") && target.ends_with("(deleted)"))
            .collect()
    }

    /// Stops the bridge with SIGTERM, as closing the app does, and asserts it exited cleanly.
    pub fn stop(mut self) {
        crate::util::terminate(&self.child);
        let exit = self.child.wait().unwrap();
        assert!(
            exit.success(),
            "the bridge exited with {exit}\n{}",
            self.log()
        );
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
