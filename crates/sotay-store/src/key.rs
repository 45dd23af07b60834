//! The key of an encrypted store (SQLCipher), and how every connection to the file is given it.
//!
//! Two kinds of key, one per way a person keeps it:
//! - **A random key** of 256 bits, kept in the operating system's keyring by the app. It is
//!   handed to SQLCipher as raw key material: it has all its entropy, so no derivation is needed.
//! - **A passphrase**, where there is no keyring (or `SOTAY_PASSPHRASE` gives one). It is stretched
//!   here with argon2id, memory-hard as the server's passwords, once per [`crate::Opener`]; the
//!   result is handed to SQLCipher as its passphrase, which SQLCipher stretches again with its
//!   PBKDF2 over the random salt at the head of each file. Argon2id makes guessing expensive on
//!   graphics cards; SQLCipher's per-file salt makes each file's key its own, so a table of guesses
//!   made for one Sotay store is worth nothing against another.

use crate::error::{Result, StoreError};
use argon2::{Algorithm, Argon2, Params, Version};
use rusqlite::Connection;
use std::fmt;
use std::sync::Arc;
use zeroize::Zeroizing;

/// Argon2id's cost (OWASP's first recommendation, the server's own for passwords): 19 MiB, two
/// passes, one lane. About a fifth of a second here, paid once when the app or a command starts.
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

/// Argon2id's salt. Fixed, because it must be known before the file can be read; each file's own
/// random salt is SQLCipher's, applied after (see the module's notes).
const SALT: &[u8] = b"sotay.store.key.v1";

/// The shortest passphrase accepted for a new store.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// What opens an encrypted store: the text `PRAGMA key` is given (SQLCipher reads `x'…'` as raw
/// key material, anything else as a passphrase), kept out of logs and zeroed on drop.
#[derive(Clone)]
pub struct StoreKey {
    value: Arc<Zeroizing<String>>,
}

impl fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StoreKey(…)")
    }
}

impl StoreKey {
    /// A key from a passphrase, stretched with argon2id. An empty passphrase is no key.
    pub fn from_passphrase(passphrase: &str) -> Result<StoreKey> {
        if passphrase.is_empty() {
            return Err(StoreError::WeakPassphrase {
                min: MIN_PASSPHRASE_CHARS,
            });
        }
        let params = Params::new(MEMORY_KIB, PASSES, LANES, Some(32))
            .map_err(|e| StoreError::KeyDerivation(e.to_string()))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), SALT, out.as_mut())
            .map_err(|e| StoreError::KeyDerivation(e.to_string()))?;
        // SQLCipher's passphrase form, which its own PBKDF2 stretches with the file's salt.
        Ok(StoreKey {
            value: Arc::new(Zeroizing::new(hex(out.as_ref()))),
        })
    }

    /// A passphrase for a new store: long enough, or refused before anything is written.
    pub fn new_passphrase(passphrase: &str) -> Result<StoreKey> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(StoreError::WeakPassphrase {
                min: MIN_PASSPHRASE_CHARS,
            });
        }
        StoreKey::from_passphrase(passphrase)
    }

    /// A new random key of 256 bits, for the keyring.
    pub fn random() -> Result<StoreKey> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut()).map_err(|e| StoreError::KeyDerivation(e.to_string()))?;
        Ok(StoreKey::raw(bytes.as_ref()))
    }

    /// A random key as the keyring keeps it (64 hexadecimal digits); `None` if it is not one.
    pub fn from_hex(text: &str) -> Option<StoreKey> {
        let text = text.trim();
        if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(StoreKey {
            value: Arc::new(Zeroizing::new(format!("x'{}'", text.to_ascii_lowercase()))),
        })
    }

    /// A random key's text for the keyring (`None` for a passphrase's key, which is never kept).
    pub fn to_hex(&self) -> Option<Zeroizing<String>> {
        let inner = self.value.strip_prefix("x'")?.strip_suffix('\'')?;
        Some(Zeroizing::new(inner.to_owned()))
    }

    fn raw(bytes: &[u8]) -> StoreKey {
        StoreKey {
            value: Arc::new(Zeroizing::new(format!("x'{}'", hex(bytes)))),
        }
    }

    /// Gives the key to a connection just opened, before it reads anything.
    pub(crate) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.pragma_update(None, "key", self.literal())?;
        // SQLCipher writes a wrong key's failed page checks to standard error; the error that
        // follows says it to the person instead. (After the key: the first key resets it.)
        conn.execute_batch("PRAGMA cipher_log_level = NONE")
    }

    /// The text `PRAGMA key` and `ATTACH … KEY` take.
    pub(crate) fn literal(&self) -> &str {
        self.value.as_str()
    }
}

/// Gives `key` (if any) to a connection just opened.
pub(crate) fn unlock(conn: &Connection, key: Option<&StoreKey>) -> rusqlite::Result<()> {
    match key {
        Some(key) => key.apply(conn),
        None => Ok(()),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_gives_the_same_key_every_time_and_another_gives_another() {
        let a = StoreKey::from_passphrase("trống đồng Đông Sơn").unwrap();
        let again = StoreKey::from_passphrase("trống đồng Đông Sơn").unwrap();
        let b = StoreKey::from_passphrase("trống đồng Đông Sơm").unwrap();
        assert_eq!(a.literal(), again.literal());
        assert_ne!(a.literal(), b.literal());
        assert!(a.to_hex().is_none(), "a passphrase's key is never kept");
        assert!(!format!("{a:?}").contains(a.literal()));
    }

    #[test]
    fn a_random_key_round_trips_through_its_text() {
        let key = StoreKey::random().unwrap();
        let text = key.to_hex().unwrap();
        assert_eq!(text.len(), 64);
        assert_eq!(StoreKey::from_hex(&text).unwrap().literal(), key.literal());
        assert!(StoreKey::from_hex("not hex").is_none());
        assert_ne!(StoreKey::random().unwrap().literal(), key.literal());
    }

    #[test]
    fn a_new_passphrase_must_be_long_enough() {
        assert!(matches!(
            StoreKey::new_passphrase("short"),
            Err(StoreError::WeakPassphrase { .. })
        ));
        assert!(StoreKey::new_passphrase("đủ dài rồi").is_ok());
    }
}
