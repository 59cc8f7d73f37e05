//! Telegram Passport decryption (the `passport` feature).
//!
//! A user who shares Telegram Passport data with the bot sends a `PassportData`: encrypted
//! elements plus `EncryptedCredentials`. Decrypting it takes the bot's RSA private key (the one
//! whose public half was given to @BotFather) and goes in two steps, as the
//! [Telegram Passport docs](https://core.telegram.org/passport#decrypting-data) describe:
//!
//! 1. [`decrypt_credentials`]: the credentials secret is decrypted with RSA-OAEP (SHA-1), and
//!    unlocks the [`Credentials`]: the `nonce` the bot asked for, and per element type a
//!    [`SecureValue`] holding one secret and hash per encrypted part.
//! 2. [`decrypt_data`] / [`decrypt_element_data`] decrypt an element's `data` field with its
//!    [`DataCredentials`]; [`decrypt_file`] decrypts the downloaded bytes of a passport file with
//!    its [`FileCredentials`].
//!
//! Each payload is AES-256-CBC encrypted with a key and IV derived from its secret and hash
//! (`SHA-512(secret ‖ hash)`), starts with 32 to 255 bytes of random padding (the first byte
//! tells how many), and is checked against its SHA-256 hash before anything is returned.
//!
//! ```no_run
//! # fn run(pem: &str, data: &str, hash: &str, secret: &str, element_data: &str) -> Result<(), botapi_runtime::passport::PassportError> {
//! use botapi_runtime::passport::{self, PassportKey, PersonalDetails};
//!
//! let key = PassportKey::from_pem(pem)?;
//! let credentials = passport::decrypt_credentials(&key, data, hash, secret)?;
//! assert_eq!(credentials.nonce, "the nonce the bot asked for");
//! let details: PersonalDetails = passport::decrypt_data(
//!     element_data,
//!     credentials.data_credentials("personal_details")?,
//! )?;
//! println!("{} {}", details.first_name, details.last_name);
//! # Ok(())
//! # }
//! ```
//!
//! The generated `botapi` crate (with its `passport` feature) wraps these as
//! `PassportData::decrypt_credentials`, `EncryptedPassportElement::decrypt_data` and
//! `PassportFile::download_decrypted`.
//!
//! Errors never carry key material, secrets or decrypted data: a [`PassportError`] only says
//! which step failed. The credentials' `nonce` is not checked here; compare it with the one the
//! bot sent to make sure the data answers its own request.
//!
//! The RSA implementation is RustCrypto's `rsa` 0.9, which is not constant-time
//! ([RUSTSEC-2023-0071](https://rustsec.org/advisories/RUSTSEC-2023-0071)); decryption is
//! blinded to make timing measurements harder.

mod crypto;
mod error;
mod key;
mod types;

pub use error::{PassportError, Payload};
pub use key::PassportKey;
pub use types::{
    Credentials, DataCredentials, ElementData, FileCredentials, FileRole, IdDocumentData, PersonalDetails,
    ResidentialAddress, SecureData, SecureValue,
};

use serde::de::DeserializeOwned;

/// Decrypts `EncryptedCredentials` (its base64 `data`, `hash` and `secret` fields) with the bot's
/// private key.
///
/// Fails with [`PassportError::Rsa`] when `key` is not the key the data was encrypted for, and
/// with [`PassportError::HashMismatch`] when the data was tampered with.
pub fn decrypt_credentials(
    key: &PassportKey,
    data: &str,
    hash: &str,
    secret: &str,
) -> Result<Credentials, PassportError> {
    let encrypted_secret = crypto::base64("credentials secret", secret)?;
    let secret = key.decrypt_secret(&encrypted_secret)?;
    let data = crypto::base64("credentials data", data)?;
    let hash = crypto::base64("credentials hash", hash)?;
    let plain = crypto::decrypt(Payload::Credentials, &data, &hash, &secret)?;
    crypto::json(Payload::Credentials, &plain)
}

/// Decrypts an element's base64 `data` field with its [`DataCredentials`] and parses the JSON
/// inside as `T`: [`PersonalDetails`], [`ResidentialAddress`], [`IdDocumentData`], or a
/// `serde_json::Value`. [`decrypt_element_data`] picks the type from the element type.
pub fn decrypt_data<T: DeserializeOwned>(
    data: &str,
    credentials: &DataCredentials,
) -> Result<T, PassportError> {
    let plain = decrypt_data_bytes(data, credentials)?;
    crypto::json(Payload::ElementData, &plain)
}

/// Decrypts an element's base64 `data` field and parses it as what elements of `element_type`
/// (the element's `type`, e.g. `"passport"`) hold.
pub fn decrypt_element_data(
    element_type: &str,
    data: &str,
    credentials: &DataCredentials,
) -> Result<ElementData, PassportError> {
    let plain = decrypt_data_bytes(data, credentials)?;
    let payload = Payload::ElementData;
    Ok(match element_type {
        "personal_details" => ElementData::PersonalDetails(crypto::json(payload, &plain)?),
        "address" => ElementData::ResidentialAddress(crypto::json(payload, &plain)?),
        "passport" | "driver_license" | "identity_card" | "internal_passport" => {
            ElementData::IdDocument(crypto::json(payload, &plain)?)
        }
        _ => ElementData::Other(crypto::json(payload, &plain)?),
    })
}

fn decrypt_data_bytes(data: &str, credentials: &DataCredentials) -> Result<Vec<u8>, PassportError> {
    let data = crypto::base64("element data", data)?;
    let hash = crypto::base64("data_hash", &credentials.data_hash)?;
    let secret = crypto::base64("data secret", &credentials.secret)?;
    crypto::decrypt(Payload::ElementData, &data, &hash, &secret)
}

/// Decrypts the downloaded content of a passport file (a JPEG once decrypted) with its
/// [`FileCredentials`].
pub fn decrypt_file(bytes: &[u8], credentials: &FileCredentials) -> Result<Vec<u8>, PassportError> {
    let hash = crypto::base64("file_hash", &credentials.file_hash)?;
    let secret = crypto::base64("file secret", &credentials.secret)?;
    crypto::decrypt(Payload::File, bytes, &hash, &secret)
}
