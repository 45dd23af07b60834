//! HTTPS end to end: `sotay serve --tls-cert --tls-key` with certificates made here (rcgen), two
//! devices syncing through it trusting the commune's own CA (`SOTAY_CA_FILE`), and what a device
//! refuses: a certificate from an authority it does not trust, and plain `http://` to another
//! computer — refused before anything is sent, so no traffic leaves this machine.

use super::sync::{Server, Whom, set_up};
use crate::util::{Db, Dir, Run, run_with, sotay};
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use std::net::ToSocketAddrs;
use std::path::{Path, PathBuf};

/// A commune's certificate authority, and a server certificate it issued for `localhost` and
/// 127.0.0.1: (the CA's PEM file, the server's certificate file, its key file).
fn commune_ca(dir: &Dir, name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, format!("Đảng ủy {name}"));
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);

    let key = KeyPair::generate().unwrap();
    let params =
        CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).unwrap();
    let cert = params.signed_by(&key, &issuer).unwrap();

    let files = (
        dir.path(&format!("{name}-ca.pem")),
        dir.path(&format!("{name}-server.pem")),
        dir.path(&format!("{name}-server.key")),
    );
    std::fs::write(&files.0, ca_cert.pem()).unwrap();
    std::fs::write(&files.1, cert.pem()).unwrap();
    std::fs::write(&files.2, key.serialize_pem()).unwrap();
    (files.0, files.1, files.2)
}

fn with_ca(store: &Path, ca: &Path, args: &[&str]) -> Run {
    run_with(
        None,
        store,
        args,
        &[("SOTAY_CA_FILE", ca.to_str().unwrap())],
    )
}

#[test]
fn two_devices_sync_over_https_trusting_their_communes_own_authority() {
    let dir = Dir::new();
    let (ca, cert, key) = commune_ca(&dir, "xa-dong-son");
    let server = Server::start_with(
        &Db::Sqlite(dir.path("server")),
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    let url = server.url.replace("127.0.0.1", "localhost");

    // The secretary's device: its cell goes up over HTTPS.
    let secretary = dir.path("secretary.db");
    set_up(&secretary);
    let invite = server.invite(Whom::Admin);
    // Not trusting the commune's authority, the device refuses the server, and says why.
    sotay(
        &secretary,
        &["connect", "--server", &url, "--invite", &invite],
    )
    .fails(2, "certificate this device does not trust");
    with_ca(
        &secretary,
        &ca,
        &["connect", "--server", &url, "--invite", &invite],
    )
    .json_or_ok();
    let pushed = with_ca(&secretary, &ca, &["sync", "--json"]).json();
    assert!(pushed["report"]["pushed"].as_u64().unwrap() > 0, "{pushed}");

    // Another device pulls it, over HTTPS too.
    let other = dir.path("other.db");
    let invite = server.invite(Whom::Admin);
    with_ca(
        &other,
        &ca,
        &["connect", "--server", &url, "--invite", &invite],
    )
    .json_or_ok();
    with_ca(&other, &ca, &["sync", "--json"]).json();
    let units = with_ca(&other, &ca, &["units", "--json"]).json();
    assert_eq!(units[0]["name"], "Chi bộ thôn Đông", "{units}");

    // The same device given another commune's authority refuses this server.
    let (stranger_ca, _, _) = commune_ca(&dir, "xa-khac");
    with_ca(&other, &stranger_ca, &["sync"]).fails(2, "does not trust");
    // A CA file that holds no certificate is said so.
    let empty = dir.path("empty.pem");
    std::fs::write(&empty, "không phải chứng chỉ").unwrap();
    with_ca(&other, &empty, &["sync"]).fails(2, "certificate authority file");
    // Plain HTTP to the HTTPS port finds no Sotay there.
    let plain = server.url.replace("https://", "http://");
    let invite = server.invite(Whom::Admin);
    sotay(
        &dir.path("plain.db"),
        &["connect", "--server", &plain, "--invite", &invite],
    )
    .fails(5, "nothing answers");
}

/// This machine's own name, when it resolves to an address that is not loopback.
fn non_loopback_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name = name.trim().to_owned();
    let addrs: Vec<_> = (name.as_str(), 7878).to_socket_addrs().ok()?.collect();
    (!addrs.is_empty() && addrs.iter().all(|a| !a.ip().is_loopback())).then_some(name)
}

#[test]
fn plain_http_to_another_computer_is_refused_before_anything_is_sent() {
    let dir = Dir::new();
    let store = dir.store();
    let mut hosts = vec!["192.0.2.1".to_owned()]; // TEST-NET-1: nothing is ever sent there
    hosts.extend(non_loopback_name());
    for host in hosts {
        let url = format!("http://{host}:7878");
        sotay(
            &store,
            &["connect", "--server", &url, "--invite", "abcd-efgh"],
        )
        .fails(2, "plain http:// to another computer");
    }
    assert!(!store.exists(), "a refused join leaves no store");
}

#[test]
fn serve_says_what_is_wrong_with_its_certificate_before_it_listens() {
    let dir = Dir::new();
    let (_, cert, _) = commune_ca(&dir, "mot");
    let (_, _, other_key) = commune_ca(&dir, "hai");
    let data = dir.path("server");
    let serve = |cert: &Path, key: &Path| {
        sotay(
            &dir.store(),
            &[
                "serve",
                "--data",
                data.to_str().unwrap(),
                "--listen",
                "127.0.0.1:0",
                "--tls-cert",
                cert.to_str().unwrap(),
                "--tls-key",
                key.to_str().unwrap(),
            ],
        )
    };
    serve(&cert, &other_key).fails(2, "do not go together");
    serve(&dir.path("missing.pem"), &other_key).fails(2, "cannot read the certificate");
    serve(&cert, &cert).fails(2, "cannot read the private key");
}
