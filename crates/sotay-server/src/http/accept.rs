//! The accept loop: every connection served as HTTP/1.1 (what the devices speak), stopped
//! gracefully. `axum::serve` first reads a few bytes of each connection to tell HTTP/2 from
//! HTTP/1 and hands them back; hyper then finds its 8 KB read buffer partly filled and doubles
//! it, so each waiting device held 16 KB for its read buffer alone.
//!
//! With TLS, each connection's handshake runs in its own task, so a slow or hostile peer never
//! holds up the loop that accepts the others.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;

/// How long a peer has to finish its TLS handshake.
const HANDSHAKE: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` (over TLS when `tls` is given) until `shutdown` completes, then
/// lets the requests under way finish (each connection is told to close after its current
/// answer) and returns.
pub(super) async fn serve(
    listener: TcpListener,
    router: Router,
    tls: Option<super::tls::Tls>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors or memory, or the peer gave up before we took
                    // it: the connections held go on; try again shortly.
                    tracing::warn!(error = %e, "a connection could not be accepted");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = stream;
        // Answers are small: sent at once, not held back to fill a packet.
        let _ = stream.set_nodelay(true);
        // Each request knows the address it came from (sign-ins are limited per address).
        let service = tower::ServiceExt::map_request(
            router.clone(),
            move |mut request: hyper::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(super::PeerAddr(peer));
                request
            },
        );
        let watcher = graceful.watcher();
        match &tls {
            None => {
                tokio::spawn(connection(stream, service, watcher));
            }
            Some(tls) => {
                let acceptor = tls.acceptor().clone();
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE, acceptor.accept(stream)).await {
                        Ok(Ok(stream)) => connection(stream, service, watcher).await,
                        Ok(Err(e)) => tracing::debug!(error = %e, %peer, "a TLS handshake failed"),
                        Err(_) => tracing::debug!(%peer, "a TLS handshake took too long"),
                    }
                });
            }
        }
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Serves one connection's requests as HTTP/1.1 until it closes or the server stops.
async fn connection<I, S>(io: I, service: S, watcher: hyper_util::server::graceful::Watcher)
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    S: tower::Service<
            hyper::Request<hyper::body::Incoming>,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let conn = http1::Builder::new()
        // A timer gives the header-read timeout (30 s): a peer that never finishes its
        // request does not hold a connection for ever.
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
    if let Err(e) = watcher.watch(conn).await {
        tracing::debug!(error = %e, "a connection ended with an error");
    }
}
