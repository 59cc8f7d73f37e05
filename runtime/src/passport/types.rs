//! The objects of the Telegram Passport page that the Bot API page does not describe: the
//! decrypted credentials and the decrypted element data. Unknown fields are ignored.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::PassportError;

/// Decrypted `EncryptedCredentials`: the secrets for each shared element, and the nonce.
///
/// [Telegram docs](https://core.telegram.org/passport#credentials)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Credentials {
    /// Credentials for the encrypted data.
    pub secure_data: SecureData,
    /// The nonce the bot passed when requesting the data; check it is the expected one.
    pub nonce: String,
}

impl Credentials {
    /// The credentials of the element of type `element_type` (`"passport"`, `"address"`...).
    pub fn secure_value(&self, element_type: &str) -> Option<&SecureValue> {
        self.secure_data.get(element_type)
    }

    /// The credentials of the `data` field of the element of type `element_type`.
    pub fn data_credentials(&self, element_type: &str) -> Result<&DataCredentials, PassportError> {
        self.secure_value(element_type)
            .and_then(|value| value.data.as_ref())
            .ok_or_else(|| PassportError::MissingCredentials {
                what: format!("the data of `{element_type}`"),
            })
    }

    /// The credentials of the file in `role` of the element of type `element_type`.
    pub fn file_credentials(
        &self,
        element_type: &str,
        role: FileRole,
    ) -> Result<&FileCredentials, PassportError> {
        self.secure_value(element_type)
            .and_then(|value| value.file(role))
            .ok_or_else(|| PassportError::MissingCredentials {
                what: format!("the `{role}` file of `{element_type}`"),
            })
    }
}

/// Credentials for each element type that was shared (absent ones were not).
///
/// [Telegram docs](https://core.telegram.org/passport#securedata)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SecureData {
    /// Credentials for encrypted personal details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_details: Option<SecureValue>,
    /// Credentials for an encrypted passport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passport: Option<SecureValue>,
    /// Credentials for an encrypted internal passport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_passport: Option<SecureValue>,
    /// Credentials for an encrypted driver license.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver_license: Option<SecureValue>,
    /// Credentials for an encrypted ID card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_card: Option<SecureValue>,
    /// Credentials for an encrypted residential address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<SecureValue>,
    /// Credentials for an encrypted utility bill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utility_bill: Option<SecureValue>,
    /// Credentials for an encrypted bank statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_statement: Option<SecureValue>,
    /// Credentials for an encrypted rental agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rental_agreement: Option<SecureValue>,
    /// Credentials for an encrypted registration from the internal passport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passport_registration: Option<SecureValue>,
    /// Credentials for an encrypted temporary registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_registration: Option<SecureValue>,
}

impl SecureData {
    /// The credentials of the element type `element_type` as sent on the wire (`"passport"`,
    /// `"utility_bill"`...); `None` for one that was not shared, and for `phone_number` and
    /// `email`, which are not encrypted.
    pub fn get(&self, element_type: &str) -> Option<&SecureValue> {
        match element_type {
            "personal_details" => self.personal_details.as_ref(),
            "passport" => self.passport.as_ref(),
            "internal_passport" => self.internal_passport.as_ref(),
            "driver_license" => self.driver_license.as_ref(),
            "identity_card" => self.identity_card.as_ref(),
            "address" => self.address.as_ref(),
            "utility_bill" => self.utility_bill.as_ref(),
            "bank_statement" => self.bank_statement.as_ref(),
            "rental_agreement" => self.rental_agreement.as_ref(),
            "passport_registration" => self.passport_registration.as_ref(),
            "temporary_registration" => self.temporary_registration.as_ref(),
            _ => None,
        }
    }
}

/// The credentials of one element: which parts are present depends on the element type and on
/// what the bot requested.
///
/// [Telegram docs](https://core.telegram.org/passport#securevalue)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SecureValue {
    /// Credentials for the encrypted element data (`personal_details`, `passport`,
    /// `driver_license`, `identity_card`, `internal_passport` and `address`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DataCredentials>,
    /// Credentials for the encrypted front side of the document (`passport`, `driver_license`,
    /// `identity_card` and `internal_passport`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub front_side: Option<FileCredentials>,
    /// Credentials for the encrypted reverse side of the document (`driver_license` and
    /// `identity_card`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverse_side: Option<FileCredentials>,
    /// Credentials for the encrypted selfie of the user with the document (same types as
    /// `front_side`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selfie: Option<FileCredentials>,
    /// Credentials for the encrypted translations of the document, in the element's order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<Vec<FileCredentials>>,
    /// Credentials for the encrypted files (`utility_bill`, `bank_statement`,
    /// `rental_agreement`, `passport_registration` and `temporary_registration`), in the
    /// element's order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FileCredentials>>,
}

impl SecureValue {
    /// The credentials of the file in `role`.
    pub fn file(&self, role: FileRole) -> Option<&FileCredentials> {
        match role {
            FileRole::FrontSide => self.front_side.as_ref(),
            FileRole::ReverseSide => self.reverse_side.as_ref(),
            FileRole::Selfie => self.selfie.as_ref(),
            FileRole::File(index) => self.files.as_ref()?.get(index),
            FileRole::Translation(index) => self.translation.as_ref()?.get(index),
        }
    }
}

/// The secret and hash of an element's encrypted `data`. `Debug` hides the secret.
///
/// [Telegram docs](https://core.telegram.org/passport#datacredentials)
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DataCredentials {
    /// Checksum of the encrypted data (base64); also what `PassportElementErrorDataField`
    /// takes as `data_hash`.
    pub data_hash: String,
    /// Secret of the encrypted data (base64).
    pub secret: String,
}

impl DataCredentials {
    /// Credentials from their base64 `data_hash` and `secret`.
    pub fn new(data_hash: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            data_hash: data_hash.into(),
            secret: secret.into(),
        }
    }
}

impl fmt::Debug for DataCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataCredentials")
            .field("data_hash", &self.data_hash)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// The secret and hash of an encrypted passport file. `Debug` hides the secret.
///
/// [Telegram docs](https://core.telegram.org/passport#filecredentials)
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileCredentials {
    /// Checksum of the encrypted file (base64); also what the file errors of
    /// `setPassportDataErrors` take as `file_hash`.
    pub file_hash: String,
    /// Secret of the encrypted file (base64).
    pub secret: String,
}

impl FileCredentials {
    /// Credentials from their base64 `file_hash` and `secret`.
    pub fn new(file_hash: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            file_hash: file_hash.into(),
            secret: secret.into(),
        }
    }
}

impl fmt::Debug for FileCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileCredentials")
            .field("file_hash", &self.file_hash)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// Where a file sits in its element, to find its [`FileCredentials`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileRole {
    /// `front_side`.
    FrontSide,
    /// `reverse_side`.
    ReverseSide,
    /// `selfie`.
    Selfie,
    /// `files[i]`.
    File(usize),
    /// `translation[i]`.
    Translation(usize),
}

impl fmt::Display for FileRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FrontSide => f.write_str("front_side"),
            Self::ReverseSide => f.write_str("reverse_side"),
            Self::Selfie => f.write_str("selfie"),
            Self::File(index) => write!(f, "files[{index}]"),
            Self::Translation(index) => write!(f, "translation[{index}]"),
        }
    }
}

/// Decrypted element data, by element type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ElementData {
    /// `personal_details`.
    PersonalDetails(PersonalDetails),
    /// `address`.
    ResidentialAddress(ResidentialAddress),
    /// `passport`, `driver_license`, `identity_card` and `internal_passport`.
    IdDocument(IdDocumentData),
    /// An element type this version does not know, as JSON.
    Other(serde_json::Value),
}

/// Personal details (the decrypted data of a `personal_details` element).
///
/// [Telegram docs](https://core.telegram.org/passport#personaldetails)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PersonalDetails {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Date of birth in DD.MM.YYYY format.
    pub birth_date: String,
    /// Gender, `male` or `female`.
    pub gender: String,
    /// Citizenship (ISO 3166-1 alpha-2 country code).
    pub country_code: String,
    /// Country of residence (ISO 3166-1 alpha-2 country code).
    pub residence_country_code: String,
    /// First name in the language of the user's country of residence; sent when the bot asked
    /// for native names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name_native: Option<String>,
    /// Last name in the language of the user's country of residence; sent when the bot asked
    /// for native names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name_native: Option<String>,
    /// Middle name in the language of the user's country of residence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name_native: Option<String>,
}

/// A residential address (the decrypted data of an `address` element).
///
/// [Telegram docs](https://core.telegram.org/passport#residentialaddress)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResidentialAddress {
    /// First line for the address.
    pub street_line1: String,
    /// Second line for the address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_line2: Option<String>,
    /// City.
    pub city: String,
    /// State.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: String,
    /// Address post code.
    pub post_code: String,
}

/// The data of an identity document (the decrypted data of a `passport`, `driver_license`,
/// `identity_card` or `internal_passport` element).
///
/// [Telegram docs](https://core.telegram.org/passport#iddocumentdata)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdDocumentData {
    /// Document number.
    pub document_no: String,
    /// Date of expiry, in DD.MM.YYYY format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
}
