//! Before a device joins a server (with an invite, or by signing in): the address is one
//! (`http://` or `https://` and a host), something answers there, and it answers as a Sotay
//! server of this protocol — each told apart, since an address copied from a paper note is
//! easily wrong in one of these ways, and "try again later" helps with none of them.

use super::{SyncError, http};
use sotay_sync_protocol::VERSION;

/// The server's address as given, checked, without a trailing `/`.
pub(crate) fn server_address(given: &str) -> Result<String, SyncError> {
    let given = given.trim().trim_end_matches('/');
    let bad = || SyncError::BadUrl(given.to_owned());
    let url = reqwest::Url::parse(given).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(bad());
    }
    super::tls::refuse_plain_http(&url)?;
    Ok(given.to_owned())
}

/// Asks `server` who it is (`GET /v1/health`).
pub(crate) fn hello(server: &str) -> Result<(), SyncError> {
    let resp = http()?
        .get(format!("{server}/v1/health"))
        .send()
        .map_err(|e| match super::tls::certificate_problem(&e) {
            Some(reason) => SyncError::Untrusted {
                url: server.to_owned(),
                reason,
            },
            None => SyncError::NoServer {
                url: server.to_owned(),
                reason: innermost(&e),
            },
        })?;
    let status = resp.status();
    let said: Option<serde_json::Value> = resp.json().ok();
    let protocol = said
        .as_ref()
        .filter(|b| status.is_success() && b["status"] == "ok")
        .and_then(|b| b["protocol"].as_u64());
    match protocol {
        Some(p) if p == u64::from(VERSION) => Ok(()),
        Some(p) => Err(SyncError::NotSotay {
            url: server.to_owned(),
            what: format!("it speaks protocol {p}, this Sotay {VERSION}"),
        }),
        None => Err(SyncError::NotSotay {
            url: server.to_owned(),
            what: format!("it answered HTTP {}", status.as_u16()),
        }),
    }
}

/// The deepest cause's words ("Connection refused (os error 111)"), not reqwest's outer ones.
fn innermost(e: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_needs_its_scheme_and_a_host() {
        assert_eq!(
            server_address(" http://127.0.0.1:7878/ ").unwrap(),
            "http://127.0.0.1:7878"
        );
        assert!(server_address("https://sotay.tanthanh.vn").is_ok());
        for bad in [
            "127.0.0.1:7878",
            "sotay.tanthanh.vn",
            "ftp://host",
            "http://",
            "",
        ] {
            assert!(
                matches!(server_address(bad), Err(SyncError::BadUrl(_))),
                "{bad}"
            );
        }
    }
}
