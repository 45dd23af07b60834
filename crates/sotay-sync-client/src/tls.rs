//! How a device reaches its server safely: HTTPS checked against the system's certificate
//! authorities plus, where a commune runs its own, that CA's certificate (`SOTAY_CA_FILE`); plain
//! `http://` only to this computer itself (loopback), where nothing crosses a network.

use super::SyncError;
use std::net::{IpAddr, ToSocketAddrs};
use std::time::Duration;

/// The environment variable naming a PEM file of certificate authorities to trust besides the
/// system's: a commune's own CA.
pub const CA_FILE_ENV: &str = "SOTAY_CA_FILE";

/// A client builder with rustls on ring, the system's roots and `SOTAY_CA_FILE`'s.
pub(crate) fn builder() -> Result<reqwest::blocking::ClientBuilder, SyncError> {
    // One crypto provider for the process; a second call finds it installed, which is fine.
    // (ring, as on the server: `sotay_server::http::Tls` says why, and why it is deprecated.)
    #[allow(deprecated)]
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60));
    if let Some(path) = std::env::var_os(CA_FILE_ENV).filter(|p| !p.is_empty()) {
        let bad = |reason: String| SyncError::BadCaFile {
            path: path.to_string_lossy().into_owned(),
            reason,
        };
        let pem = std::fs::read(&path).map_err(|e| bad(e.to_string()))?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| bad(e.to_string()))?;
        if certs.is_empty() {
            return Err(bad(
                "it holds no certificate (PEM, -----BEGIN CERTIFICATE-----)".into(),
            ));
        }
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    Ok(builder)
}

/// Refuses a plain `http://` address unless every address its host names is this computer's.
/// A name is resolved (the system's resolver: hosts file, then DNS) but never connected to.
pub(crate) fn refuse_plain_http(url: &reqwest::Url) -> Result<(), SyncError> {
    if url.scheme() != "http" {
        return Ok(());
    }
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => resolves_to_loopback(name, url.port().unwrap_or(80)),
        None => false,
    };
    if loopback {
        Ok(())
    } else {
        Err(SyncError::PlainHttp(
            url.as_str().trim_end_matches('/').to_owned(),
        ))
    }
}

fn resolves_to_loopback(name: &str, port: u16) -> bool {
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match (name, port).to_socket_addrs() {
        Ok(addrs) => {
            let addrs: Vec<IpAddr> = addrs.map(|a| a.ip()).collect();
            !addrs.is_empty() && addrs.iter().all(IpAddr::is_loopback)
        }
        Err(_) => false,
    }
}

/// The certificate problem behind a failed request, in rustls's words, if that is what it was.
pub(crate) fn certificate_problem(e: &reqwest::Error) -> Option<String> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cause {
        if let Some(rustls::Error::InvalidCertificate(why)) = err.downcast_ref::<rustls::Error>() {
            return Some(format!("{why:?}"));
        }
        // The platform verifier's errors reach here as I/O errors wrapping rustls's.
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && let Some(rustls::Error::InvalidCertificate(why)) =
                inner.downcast_ref::<rustls::Error>()
        {
            return Some(format!("{why:?}"));
        }
        // Past hyper's connector the error may arrive as text in an I/O error: rustls's own
        // words for it.
        if let Some(why) = err.to_string().strip_prefix("invalid peer certificate: ") {
            return Some(why.to_owned());
        }
        cause = err.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str) -> Result<(), SyncError> {
        refuse_plain_http(&reqwest::Url::parse(url).unwrap())
    }

    #[test]
    fn plain_http_is_for_this_computer_only() {
        for ok in [
            "http://127.0.0.1:7878",
            "http://127.5.0.1:7878",
            "http://[::1]:7878",
            "http://localhost:7878",
            "https://192.0.2.1",
            "https://xa.example.vn",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        // An address of another machine (TEST-NET-1: nothing is ever sent to it).
        for refused in [
            "http://192.0.2.1:7878",
            "http://[2001:db8::1]:7878",
            "http://10.0.0.5",
        ] {
            assert!(
                matches!(check(refused), Err(SyncError::PlainHttp(_))),
                "{refused}"
            );
        }
    }
}
