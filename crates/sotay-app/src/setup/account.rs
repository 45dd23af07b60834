//! The member's password: set on a device that joined, and used by another device to sign in
//! instead of an invite.

use super::join;
use crate::app::App;
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::{AppStatus, PasswordArgs, SignInArgs};
use sotay_core::ErrorKind;
use std::sync::Arc;

/// Signs this fresh device in as the member the card number or phone names, with their
/// password; then as after an invite: the first sync, and the background sync.
pub fn sign_in(app: &Arc<App>, args: SignInArgs) -> Result<AppStatus> {
    let login = args.login.trim();
    if login.is_empty() || args.password.is_empty() {
        return Err(AppError::new(
            ErrorKind::BadCredentials,
            "type the card number or phone, and the password",
        ));
    }
    join(app, &args.server, |store, server| {
        sotay_sync_client::sign_in(store, server, login, &args.password)?;
        Ok(())
    })
}

/// Sets the password of the member this device belongs to; needs the server.
pub fn set_password(cx: &mut Cx, args: PasswordArgs) -> Result<AppStatus> {
    if !cx.session().bound() {
        return Err(AppError::new(
            ErrorKind::NotConnected,
            "only a member's own device, connected to the server, sets their password",
        ));
    }
    sotay_sync_client::set_password(cx.store(), &args.password)?;
    super::app_status(cx, crate::views::NoArgs {})
}
