//! The OpenAPI document (`GET /v1/openapi.json`), generated from the routes' code and types.

use axum::Json;
use sotay_sync_protocol::*;
use utoipa::OpenApi;

/// The OpenAPI document of the routes above, generated from their code and types.
#[derive(Debug, OpenApi)]
#[openapi(
    info(title = "Sotay sync API", version = "1", description = "Push the outbox, pull by cursor, wait for news. Every error is {kind, message}."),
    paths(super::health, super::metrics::ready, super::register, super::devices::list, super::devices::revoke, super::push, super::pull, super::live::live, super::invite, super::audit, super::calendar::renew, super::calendar::revoke, super::calendar::feed, super::files::put, super::files::get, super::report::report,
        super::admin::units, super::admin::add_unit, super::admin::rename_unit, super::admin::move_unit, super::admin::close_unit,
        super::admin::members, super::admin::add_member, super::admin::edit_member, super::admin::move_member, super::admin::set_office, super::admin::import_roster,
        super::accounts::set_password, super::accounts::sign_in, super::accounts::security),
    components(schemas(DeviceInfo, PasswordRequest, SignInRequest, SecurityEvent, SecurityKind, RosterReport, RosterRow, RosterProblem, ProblemKind, RowStatus, AdminUnit, NewUnit, RenameUnit, MoveUnit, CloseUnit, AdminMember, NewMember, EditMember, MoveMember, SetOffice, RegisterRequest, RegisterResponse, InviteRequest, InviteResponse, CalendarFeed, UnitFigures, CellFigures, AuditEntry, PushRequest, PushResponse, Mutation, MutationResult, MutationStatus, RejectReason, Op, PullResponse, PulledRecord, LiveResponse, ApiError)),
    modifiers(&DeviceToken),
)]
pub struct ApiDoc;

struct DeviceToken;

impl utoipa::Modify for DeviceToken {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub(super) async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
