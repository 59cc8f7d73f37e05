//! The bot's RSA private key.

use std::fmt;

use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey, LineEnding};
use rsa::rand_core::OsRng;
use rsa::traits::PublicKeyParts;
use rsa::{Oaep, RsaPrivateKey};
use sha1::Sha1;
use zeroize::Zeroizing;

use super::PassportError;

/// The bot's RSA private key for Telegram Passport, whose public half was given to @BotFather.
///
/// Its `Debug` output shows the key size only.
#[derive(Clone)]
pub struct PassportKey {
    key: RsaPrivateKey,
}

impl fmt::Debug for PassportKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PassportKey")
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

impl PassportKey {
    /// Reads a PEM private key: PKCS#1 (`BEGIN RSA PRIVATE KEY`, what `openssl genrsa` writes)
    /// or PKCS#8 (`BEGIN PRIVATE KEY`). Encrypted keys are not supported.
    pub fn from_pem(pem: &str) -> Result<Self, PassportError> {
        let pem = pem.trim();
        if pem.starts_with("-----BEGIN RSA PRIVATE KEY-----") {
            Self::from_pkcs1_pem(pem)
        } else if pem.starts_with("-----BEGIN PRIVATE KEY-----") {
            Self::from_pkcs8_pem(pem)
        } else if pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            Err(invalid(
                "the key is encrypted; decrypt it first (`openssl pkey -in KEY -out PLAIN`)",
            ))
        } else {
            Err(invalid(
                "not a PEM private key (expected `-----BEGIN RSA PRIVATE KEY-----` or `-----BEGIN PRIVATE KEY-----`)",
            ))
        }
    }

    /// Reads a PKCS#1 PEM private key (`-----BEGIN RSA PRIVATE KEY-----`).
    pub fn from_pkcs1_pem(pem: &str) -> Result<Self, PassportError> {
        RsaPrivateKey::from_pkcs1_pem(pem.trim())
            .map(Self::new)
            .map_err(|err| invalid(format!("PKCS#1 PEM: {err}")))
    }

    /// Reads a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`).
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, PassportError> {
        RsaPrivateKey::from_pkcs8_pem(pem.trim())
            .map(Self::new)
            .map_err(|err| invalid(format!("PKCS#8 PEM: {err}")))
    }

    /// Reads a PKCS#1 DER private key.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, PassportError> {
        RsaPrivateKey::from_pkcs1_der(der)
            .map(Self::new)
            .map_err(|err| invalid(format!("PKCS#1 DER: {err}")))
    }

    /// Reads a PKCS#8 DER private key.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, PassportError> {
        RsaPrivateKey::from_pkcs8_der(der)
            .map(Self::new)
            .map_err(|err| invalid(format!("PKCS#8 DER: {err}")))
    }

    fn new(key: RsaPrivateKey) -> Self {
        Self { key }
    }

    /// The key size in bits (Telegram asks for 2048 or more).
    pub fn bits(&self) -> usize {
        self.key.n().bits()
    }

    /// The public key as PEM (`-----BEGIN PUBLIC KEY-----`), the form @BotFather takes.
    pub fn public_key_pem(&self) -> String {
        self.key
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("an RSA public key always encodes")
    }

    /// RSA-OAEP (SHA-1, MGF1 with SHA-1) decryption of the credentials secret, blinded.
    pub(super) fn decrypt_secret(&self, encrypted: &[u8]) -> Result<Zeroizing<Vec<u8>>, PassportError> {
        self.key
            .decrypt_blinded(&mut OsRng, Oaep::new::<Sha1>(), encrypted)
            .map(Zeroizing::new)
            .map_err(|_| PassportError::Rsa)
    }
}

fn invalid(reason: impl Into<String>) -> PassportError {
    PassportError::InvalidKey {
        reason: reason.into(),
    }
}
