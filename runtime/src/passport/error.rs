//! What can go wrong while decrypting Telegram Passport data.

use std::fmt;

/// Which encrypted payload an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Payload {
    /// `EncryptedCredentials.data`.
    Credentials,
    /// An `EncryptedPassportElement`'s `data`.
    ElementData,
    /// The content of a passport file.
    File,
}

impl fmt::Display for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Credentials => "credentials",
            Self::ElementData => "element data",
            Self::File => "file",
        })
    }
}

/// Telegram Passport decryption failed.
///
/// The variants say which step failed and never hold key material, secrets or decrypted data,
/// so an error can be logged as it is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PassportError {
    /// The private key could not be read (not PEM or DER, not an RSA key, an encrypted PEM).
    #[error("invalid passport private key: {reason}")]
    InvalidKey {
        /// What the key decoder reported.
        reason: String,
    },
    /// A field that should be base64 is not.
    #[error("{field} is not valid base64")]
    Base64 {
        /// The field, e.g. `credentials secret` or `file_hash`.
        field: &'static str,
    },
    /// RSA-OAEP decryption of the credentials secret failed: the key is not the one the data was
    /// encrypted for, or the secret is corrupted.
    #[error(
        "the credentials secret does not decrypt with this key (RSA-OAEP): wrong key or corrupted secret"
    )]
    Rsa,
    /// The encrypted payload has an impossible shape (length, hash size).
    #[error("the encrypted {payload} is malformed: {reason}")]
    Malformed {
        /// The payload.
        payload: Payload,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The decrypted payload does not match its hash: wrong secret, or tampered data.
    #[error("the decrypted {payload} does not match its hash: wrong secret or tampered data")]
    HashMismatch {
        /// The payload.
        payload: Payload,
    },
    /// The padding length byte of the decrypted payload is out of range.
    #[error("the decrypted {payload} has invalid padding")]
    Padding {
        /// The payload.
        payload: Payload,
    },
    /// The decrypted payload is not JSON of the expected shape. Only the position is kept: the
    /// parser's message may quote decrypted values.
    #[error("the decrypted {payload} is not the expected JSON (stopped at line {line}, column {column})")]
    Json {
        /// The payload.
        payload: Payload,
        /// Line where parsing stopped (1-based).
        line: usize,
        /// Column where parsing stopped (1-based).
        column: usize,
    },
    /// The credentials have no entry for something that needs one, e.g. the data of an element
    /// type or one of its files.
    #[error("the credentials have no secret for {what}")]
    MissingCredentials {
        /// What needed credentials, e.g. ``the `front_side` file of `passport` ``.
        what: String,
    },
}
