//! The symmetric half shared by credentials, element data and files: key derivation,
//! AES-256-CBC, hash check and padding removal.

use aes::Aes256;
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, KeyIvInit};
use serde::de::DeserializeOwned;
use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256, Sha512};
use zeroize::Zeroizing;

use super::{PassportError, Payload};

/// Standard base64; Telegram pads, but a value that lost its `=` is read too.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

const BLOCK: usize = 16;

pub(super) fn base64(field: &'static str, value: &str) -> Result<Vec<u8>, PassportError> {
    BASE64
        .decode(value.trim())
        .map_err(|_| PassportError::Base64 { field })
}

/// Decrypts `data` with the key and IV derived from `secret` and `hash`, checks it against `hash`
/// and strips the padding.
pub(super) fn decrypt(
    payload: Payload,
    data: &[u8],
    hash: &[u8],
    secret: &[u8],
) -> Result<Vec<u8>, PassportError> {
    let malformed = |reason| PassportError::Malformed { payload, reason };
    if hash.len() != 32 {
        return Err(malformed("the hash is not 32 bytes long"));
    }
    if data.is_empty() || data.len() % BLOCK != 0 {
        return Err(malformed("the length is not a multiple of the AES block size"));
    }
    let mut digest = Sha512::new();
    digest.update(secret);
    digest.update(hash);
    let mut key_iv = Zeroizing::new([0; 64]);
    digest.finalize_into(GenericArray::from_mut_slice(&mut key_iv[..]));
    let (key, iv) = (&key_iv[..32], &key_iv[32..48]);

    let mut plain = Zeroizing::new(data.to_vec());
    cbc::Decryptor::<Aes256>::new_from_slices(key, iv)
        .expect("a 32-byte key and a 16-byte IV")
        .decrypt_padded_mut::<NoPadding>(&mut plain)
        .map_err(|_| malformed("the length is not a multiple of the AES block size"))?;
    if Sha256::digest(&*plain).as_slice() != hash {
        return Err(PassportError::HashMismatch { payload });
    }
    // The first byte counts the padding, itself included; Telegram uses 32 to 255 bytes.
    let padding = usize::from(plain[0]);
    if padding == 0 || padding > plain.len() {
        return Err(PassportError::Padding { payload });
    }
    Ok(plain[padding..].to_vec())
}

/// Parses decrypted JSON. The error keeps only where parsing stopped: serde messages quote the
/// offending value, which here is personal data.
pub(super) fn json<T: DeserializeOwned>(payload: Payload, plain: &[u8]) -> Result<T, PassportError> {
    serde_json::from_slice(plain).map_err(|err| PassportError::Json {
        payload,
        line: err.line(),
        column: err.column(),
    })
}
