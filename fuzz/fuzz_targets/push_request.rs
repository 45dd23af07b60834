//! The protocol's decoder and the push engine: any bytes read as a push request and, when they
//! decode, pushed by an administrator's device to an in-memory server. Neither may panic, and the
//! engine may refuse the push only with a typed error that is not the database's.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sotay_core::{ClientId, ErrorKind};
use sotay_server::sqlite::SqliteBackend;
use sotay_server::{Device, Engine, Grant};
use sotay_sync_protocol::{PushRequest, RegisterRequest};
use std::sync::OnceLock;

fn server() -> &'static (Engine<SqliteBackend>, Device) {
    static SERVER: OnceLock<(Engine<SqliteBackend>, Device)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let engine = Engine::new(SqliteBackend::open_in_memory().expect("a database")).expect("an engine");
        let invite = engine.create_invite(Grant::Admin).expect("an invite");
        let token = engine
            .register(&RegisterRequest {
                invite,
                client_id: ClientId::new(),
                device_name: None,
                member_id: None,
            })
            .expect("a device")
            .token;
        let device = engine.authenticate(&token).expect("its token");
        (engine, device)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(request) = serde_json::from_slice::<PushRequest>(bytes) else {
        return;
    };
    let (engine, device) = server();
    if let Err(e) = engine.push(device, &request) {
        assert!(
            !matches!(e.kind(), ErrorKind::Database | ErrorKind::Corrupt),
            "a server failure: {e}"
        );
    }
});
