//! A request that failed before any answer came is sent once more, at once, on a fresh
//! connection. A server that restarted (or a proxy that dropped an idle keep-alive connection)
//! closes the connections it had; the next request on one of them fails although the server is
//! there again, and the member saw "offline" with a retry a minute away. Pushes are safe to repeat
//! (the server applies a mutation id once), pulls, long polls and file transfers too.

use crate::{SyncError, transport};
use reqwest::blocking::{Client, RequestBuilder, Response};

/// Sends what `build` makes on `client`; if it failed before an answer began (not a timeout: a
/// server that took too long is not hurried by asking again), makes it again on a client of its
/// own, so no pooled connection is reused, and sends that.
pub(crate) fn send(
    client: &Client,
    fresh: impl FnOnce() -> Result<Client, SyncError>,
    build: impl Fn(&Client) -> RequestBuilder,
) -> Result<Response, SyncError> {
    match build(client).send() {
        Ok(resp) => Ok(resp),
        Err(e) if e.is_timeout() => Err(transport(e)),
        Err(_) => {
            // A refused connection is tried again too: it costs one packet, and a server that
            // is still away leaves the retrying to the background loop's backoff.
            let fresh = fresh()?;
            build(&fresh).send().map_err(transport)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// A server whose first connection is closed without an answer (as a restarting server
    /// closes the connections it had) and whose second is answered.
    fn closing_the_first_connection() -> (String, std::thread::JoinHandle<usize>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = std::thread::spawn(move || {
            let mut requests = 0;
            for (n, conn) in listener.incoming().take(2).enumerate() {
                let mut conn = conn.unwrap();
                let mut buf = [0u8; 4096];
                let _ = conn.read(&mut buf);
                requests += 1;
                if n == 0 {
                    drop(conn);
                    continue;
                }
                let body = r#"{"ok":true}"#;
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
            requests
        });
        (url, served)
    }

    #[test]
    fn a_request_on_a_closed_connection_is_sent_again_on_a_fresh_one() {
        let (url, served) = closing_the_first_connection();
        let resp = send(
            &Client::new(),
            || Ok(Client::new()),
            |c| c.post(&url).body("push"),
        )
        .expect("answered on the second connection");
        assert!(resp.status().is_success());
        assert_eq!(resp.text().unwrap(), r#"{"ok":true}"#);
        assert_eq!(
            served.join().unwrap(),
            2,
            "sent twice, once on each connection"
        );
    }

    #[test]
    fn a_server_that_stays_away_is_still_offline() {
        // A port nobody listens on: bound, then released.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}/v1/push");
        let err = send(&Client::new(), || Ok(Client::new()), |c| c.post(&url)).unwrap_err();
        assert!(matches!(err, SyncError::Offline(_)), "{err:?}");
    }
}
