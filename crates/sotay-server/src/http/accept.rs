//! The accept loop: every connection served as HTTP/1.1 (what the devices speak), stopped
//! gracefully. `axum::serve` first reads a few bytes of each connection to tell HTTP/2 from
//! HTTP/1 and hands them back; hyper then finds its 8 KB read buffer partly filled and doubles
//! it, so each waiting device held 16 KB for its read buffer alone.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests under way
/// finish (each connection is told to close after its current answer) and returns.
pub(super) async fn serve(
    listener: TcpListener,
    router: Router,
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
        let conn = http1::Builder::new()
            // A timer gives the header-read timeout (30 s): a peer that never finishes its
            // request does not hold a connection for ever.
            .timer(TokioTimer::new())
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "a connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
