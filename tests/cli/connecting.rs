//! Joining a server from the command line, done wrong in each way a person does it: an address
//! without `http://`, one where nothing listens, one that answers but is not a Sotay server, an
//! invite unknown — each says what is wrong, with its exit code, and leaves no store file behind.
//! An invite typed in small letters, in groups, still joins.

use super::accounts::sotay_at_with_input;
use super::sync::{Server, Whom};
use crate::util::{Day, Db, Dir, sotay};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;

/// No store file, nor its log, at `store`.
fn nothing_at(store: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = store.as_os_str().to_owned();
        file.push(suffix);
        assert!(
            !Path::new(&file).exists(),
            "{} was left",
            Path::new(&file).display()
        );
    }
}

/// A web server that answers every request 404, as a wrong port's might.
fn another_web_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            let mut buf = [0u8; 2048];
            let _ = conn.read(&mut buf);
            let body = "<html>Not Found</html>";
            let _ = write!(
                conn,
                "HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

fn each_wrong_connect_says_what_is_wrong_and_leaves_no_file(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let store = dir.path("phone.db");
    let connect =
        |url: &str, invite: &str| sotay(&store, &["connect", "--server", url, "--invite", invite]);

    let no_scheme = server.url.trim_start_matches("http://").to_owned();
    connect(&no_scheme, "ABCDEFGHJKLM").fails(2, "is not a server address");
    nothing_at(&store);

    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let refused = connect(&closed, "ABCDEFGHJKLM");
    refused.fails(5, "nothing answers at");
    assert!(
        !refused.stderr.contains("changes are kept"),
        "{}",
        refused.stderr
    );
    nothing_at(&store);

    connect(&another_web_server(), "ABCDEFGHJKLM")
        .fails(2, "is not a Sotay server (it answered HTTP 404)");
    nothing_at(&store);

    connect(&server.url, "ABCDEFGHJKLM").fails(2, "unknown, was already used or has expired");
    nothing_at(&store);

    // The same with a password: a wrong login leaves nothing either.
    sotay_at_with_input(
        None,
        &store,
        &["sign-in", "--server", &server.url, "--login", "36.000001"],
        "mật khẩu sai\n",
    )
    .fails(2, "is not right");
    nothing_at(&store);

    // Small letters, in groups of four: the invite still joins.
    let code = server.invite(Whom::Admin);
    let typed: String = code
        .to_lowercase()
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-");
    connect(&server.url, &typed).json_or_ok();
    assert!(store.exists());
}

/// An invite holds fourteen days: on the fifteenth it is refused as expired, and the store it
/// would have made is not left behind; one made the same day still joins.
fn an_invite_expires_after_fourteen_days(dir: &Dir, db: Db) {
    const MADE: Day = Day("2026-12-01T09:00:00+07:00");
    const FIFTEEN_DAYS_ON: Day = Day("2026-12-16T09:00:00+07:00");
    let server = Server::start_at(&db, MADE);
    let old = server.invite(Whom::Admin);
    let server = server.restart_at(FIFTEEN_DAYS_ON);
    let fresh = server.invite(Whom::Admin);
    let store = dir.path("late.db");
    server
        .sotay(
            &store,
            &["connect", "--server", &server.url, "--invite", &old],
        )
        .fails(2, "has expired");
    nothing_at(&store);
    server
        .sotay(
            &store,
            &["connect", "--server", &server.url, "--invite", &fresh],
        )
        .json_or_ok();
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    each_wrong_connect_says_what_is_wrong_and_leaves_no_file,
    an_invite_expires_after_fourteen_days,
);
