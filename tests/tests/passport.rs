//! `botapi_runtime::passport` through its public API: data encrypted like Telegram's apps do
//! (`botapi_testkit::passport`, and a vector made with OpenSSL through pyca/cryptography) is
//! decrypted back; wrong keys, tampering, bad base64, bad padding and bad JSON fail with the
//! right error; nothing secret reaches `Debug` or `Display`.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use botapi_runtime::passport::{
    self, Credentials, DataCredentials, ElementData, FileCredentials, FileRole, IdDocumentData,
    PassportError, PassportKey, Payload, PersonalDetails, ResidentialAddress,
};
use botapi_testkit::passport::{
    OTHER_TEST_KEY_PKCS8_PEM, PassportEncryptor, TEST_KEY_PKCS1_PEM, TEST_KEY_PKCS8_PEM,
};
use serde_json::{Value, json};

fn key() -> PassportKey {
    PassportKey::from_pem(TEST_KEY_PKCS1_PEM).expect("the test key loads")
}

fn personal_details() -> Value {
    json!({
        "first_name": "Alice",
        "last_name": "Example",
        "middle_name": "Q",
        "birth_date": "01.02.1990",
        "gender": "female",
        "country_code": "DK",
        "residence_country_code": "DE",
        "first_name_native": "Алиса",
        "last_name_native": "Пример",
        "a_field_from_the_future": true
    })
}

/// Everything a user could share: element data, document photos and files, encrypted for the
/// test key, and what they decrypt to.
struct Shared {
    credentials: Value,
    details: String,
    address: String,
    license: String,
    files: Vec<(&'static str, FileRole, Vec<u8>, Vec<u8>)>,
}

fn shared(encryptor: &mut PassportEncryptor) -> Shared {
    let (details, details_creds) = encryptor.data(&personal_details());
    let (address, address_creds) = encryptor.data(&json!({
        "street_line1": "1 Main St", "street_line2": "", "city": "Aarhus",
        "state": "", "country_code": "DK", "post_code": "8000"
    }));
    let (license, license_creds) =
        encryptor.data(&json!({"document_no": "DL-123", "expiry_date": "01.01.2030"}));
    let mut files = Vec::new();
    let mut file = |element: &'static str, role: FileRole, size: usize| {
        let content: Vec<u8> = (0..size)
            .map(|i| (i * 7 + role.to_string().len()) as u8)
            .collect();
        let (encrypted, creds) = encryptor.file(&content);
        files.push((element, role, content, encrypted));
        creds
    };
    let license_value = json!({
        "data": license_creds,
        "front_side": file("driver_license", FileRole::FrontSide, 1000),
        "reverse_side": file("driver_license", FileRole::ReverseSide, 1),
        "selfie": file("driver_license", FileRole::Selfie, 0),
        "translation": [
            file("driver_license", FileRole::Translation(0), 31),
            file("driver_license", FileRole::Translation(1), 32)
        ],
    });
    let bill_value = json!({
        "files": [
            file("utility_bill", FileRole::File(0), 4096),
            file("utility_bill", FileRole::File(1), 17)
        ],
        "unknown_part": {"ignored": 1},
    });
    let credentials = json!({
        "secure_data": {
            "personal_details": {"data": details_creds},
            "address": {"data": address_creds},
            "driver_license": license_value,
            "utility_bill": bill_value,
        },
        "nonce": "nonce-42",
        "added_later": "ignored",
    });
    Shared {
        credentials,
        details,
        address,
        license,
        files,
    }
}

fn decrypt(encrypted: &Value, key: &PassportKey) -> Result<Credentials, PassportError> {
    let field = |name: &str| encrypted[name].as_str().unwrap().to_owned();
    passport::decrypt_credentials(key, &field("data"), &field("hash"), &field("secret"))
}

#[test]
fn data_and_files_encrypted_like_telegram_decrypt_back() {
    let mut encryptor = PassportEncryptor::for_test_key();
    let shared = shared(&mut encryptor);
    let encrypted = encryptor.credentials(&shared.credentials);

    let credentials = decrypt(&encrypted, &key()).expect("credentials decrypt");
    assert_eq!(credentials.nonce, "nonce-42");
    assert!(credentials.secure_data.passport.is_none());
    // The typed credentials say what the JSON said (unknown fields dropped).
    let mut expected = shared.credentials.clone();
    expected.as_object_mut().unwrap().remove("added_later");
    expected["secure_data"]["utility_bill"]
        .as_object_mut()
        .unwrap()
        .remove("unknown_part");
    assert_eq!(serde_json::to_value(&credentials).unwrap(), expected);

    let details: PersonalDetails = passport::decrypt_data(
        &shared.details,
        credentials.data_credentials("personal_details").unwrap(),
    )
    .unwrap();
    assert_eq!(details.first_name, "Alice");
    assert_eq!(details.middle_name.as_deref(), Some("Q"));
    assert_eq!(details.residence_country_code, "DE");
    assert_eq!(details.first_name_native.as_deref(), Some("Алиса"));
    assert_eq!(details.middle_name_native, None);

    let address = passport::decrypt_element_data(
        "address",
        &shared.address,
        credentials.data_credentials("address").unwrap(),
    )
    .unwrap();
    let ElementData::ResidentialAddress(ResidentialAddress {
        city, street_line2, ..
    }) = address
    else {
        panic!("an address: {address:?}")
    };
    assert_eq!((city.as_str(), street_line2.as_deref()), ("Aarhus", Some("")));

    let license = passport::decrypt_element_data(
        "driver_license",
        &shared.license,
        credentials.data_credentials("driver_license").unwrap(),
    )
    .unwrap();
    let ElementData::IdDocument(IdDocumentData {
        document_no,
        expiry_date,
        ..
    }) = license
    else {
        panic!("an id document: {license:?}")
    };
    assert_eq!(
        (document_no.as_str(), expiry_date.as_deref()),
        ("DL-123", Some("01.01.2030"))
    );

    // The same JSON read untyped.
    let raw: Value = passport::decrypt_data(
        &shared.details,
        credentials.data_credentials("personal_details").unwrap(),
    )
    .unwrap();
    assert_eq!(raw, personal_details());

    for (element, role, content, encrypted) in &shared.files {
        let file_credentials = credentials.file_credentials(element, *role).unwrap();
        let decrypted = passport::decrypt_file(encrypted, file_credentials).unwrap();
        assert_eq!(&decrypted, content, "{element} {role}");
    }
}

#[test]
fn pkcs1_and_pkcs8_pem_and_der_load_the_same_key() {
    let pkcs1 = PassportKey::from_pem(TEST_KEY_PKCS1_PEM).unwrap();
    let pkcs8 = PassportKey::from_pem(TEST_KEY_PKCS8_PEM).unwrap();
    assert_eq!(pkcs1.bits(), 2048);
    assert_eq!(pkcs1.public_key_pem(), pkcs8.public_key_pem());
    assert!(pkcs1.public_key_pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
    assert_eq!(
        PassportKey::from_pkcs1_pem(TEST_KEY_PKCS1_PEM)
            .unwrap()
            .public_key_pem(),
        PassportKey::from_pkcs8_pem(TEST_KEY_PKCS8_PEM)
            .unwrap()
            .public_key_pem()
    );
    // CRLF line endings and surrounding blank lines, as keys pasted from elsewhere have.
    let crlf = format!("\r\n{}\r\n", TEST_KEY_PKCS1_PEM.trim().replace('\n', "\r\n"));
    assert_eq!(
        PassportKey::from_pem(&crlf).unwrap().public_key_pem(),
        pkcs1.public_key_pem()
    );

    let der = |pem: &str| {
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        STANDARD.decode(body).unwrap()
    };
    let from_der = PassportKey::from_pkcs1_der(&der(TEST_KEY_PKCS1_PEM)).unwrap();
    assert_eq!(from_der.public_key_pem(), pkcs1.public_key_pem());
    let from_der = PassportKey::from_pkcs8_der(&der(TEST_KEY_PKCS8_PEM)).unwrap();
    assert_eq!(from_der.public_key_pem(), pkcs1.public_key_pem());

    // The encryptor can start from the public key a bot hands to @BotFather.
    let mut encryptor = PassportEncryptor::from_public_key_pem(&pkcs8.public_key_pem());
    let encrypted = encryptor.credentials(&json!({"secure_data": {}, "nonce": "n"}));
    assert_eq!(decrypt(&encrypted, &pkcs8).unwrap().nonce, "n");
}

#[test]
fn keys_that_do_not_load_say_why() {
    let invalid = |input: &str| match PassportKey::from_pem(input) {
        Err(PassportError::InvalidKey { reason }) => reason,
        other => panic!("{input:?}: {other:?}"),
    };
    assert!(invalid("Invalid key!").contains("not a PEM private key"));
    assert!(
        invalid("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----")
            .contains("encrypted")
    );
    let truncated = &TEST_KEY_PKCS1_PEM[..400];
    let reason = invalid(truncated);
    assert!(reason.starts_with("PKCS#1 PEM"), "{reason}");
    let body_line = TEST_KEY_PKCS1_PEM.lines().nth(2).unwrap();
    assert!(!reason.contains(body_line), "the error quotes the key: {reason}");
    assert!(matches!(
        PassportKey::from_pkcs8_der(b"not DER"),
        Err(PassportError::InvalidKey { .. })
    ));
    // A PKCS#8 key handed to the PKCS#1 reader.
    assert!(matches!(
        PassportKey::from_pkcs1_pem(TEST_KEY_PKCS8_PEM),
        Err(PassportError::InvalidKey { .. })
    ));
}

#[test]
fn the_wrong_key_fails_at_rsa() {
    let mut encryptor = PassportEncryptor::for_test_key();
    let encrypted = encryptor.credentials(&json!({"secure_data": {}, "nonce": "n"}));
    let other = PassportKey::from_pem(OTHER_TEST_KEY_PKCS8_PEM).unwrap();
    let error = decrypt(&encrypted, &other).unwrap_err();
    assert!(matches!(error, PassportError::Rsa), "{error:?}");
    assert!(error.to_string().contains("wrong key"), "{error}");
}

#[test]
fn tampering_fails_the_hash_check() {
    let mut encryptor = PassportEncryptor::for_test_key();
    let mut encrypted = encryptor.credentials(&json!({"secure_data": {}, "nonce": "n"}));
    let key = key();

    let mut wrong_hash = encrypted.clone();
    wrong_hash["hash"] = json!(STANDARD.encode([7_u8; 32]));
    let error = decrypt(&wrong_hash, &key).unwrap_err();
    assert!(
        matches!(
            error,
            PassportError::HashMismatch {
                payload: Payload::Credentials
            }
        ),
        "{error:?}"
    );

    let mut data = STANDARD.decode(encrypted["data"].as_str().unwrap()).unwrap();
    let last = data.len() - 1;
    data[last] ^= 1;
    encrypted["data"] = json!(STANDARD.encode(&data));
    assert!(matches!(
        decrypt(&encrypted, &key),
        Err(PassportError::HashMismatch { .. })
    ));

    // A file decrypted with another file's credentials, and element data with another secret.
    let (file_a, _) = encryptor.file(b"first");
    let (_, creds_b) = encryptor.file(b"second");
    let creds_b: FileCredentials = serde_json::from_value(creds_b).unwrap();
    assert!(matches!(
        passport::decrypt_file(&file_a, &creds_b),
        Err(PassportError::HashMismatch {
            payload: Payload::File
        })
    ));
    let (data, creds) = encryptor.data(&personal_details());
    let mut creds: DataCredentials = serde_json::from_value(creds).unwrap();
    creds.secret = STANDARD.encode([1_u8; 32]);
    assert!(matches!(
        passport::decrypt_data::<Value>(&data, &creds),
        Err(PassportError::HashMismatch {
            payload: Payload::ElementData
        })
    ));
}

#[test]
fn bad_base64_names_the_field() {
    let mut encryptor = PassportEncryptor::for_test_key();
    let encrypted = encryptor.credentials(&json!({"secure_data": {}, "nonce": "n"}));
    let key = key();
    for (name, field) in [
        ("data", "credentials data"),
        ("hash", "credentials hash"),
        ("secret", "credentials secret"),
    ] {
        let mut broken = encrypted.clone();
        broken[name] = json!("not base64!");
        match decrypt(&broken, &key) {
            Err(PassportError::Base64 { field: got }) => assert_eq!(got, field),
            other => panic!("{name}: {other:?}"),
        }
    }
    let error =
        passport::decrypt_file(b"0123456789abcdef", &FileCredentials::new("%%%", "AAAA")).unwrap_err();
    assert_eq!(error.to_string(), "file_hash is not valid base64");
    let error = passport::decrypt_data::<Value>("***", &DataCredentials::new("AAAA", "AAAA")).unwrap_err();
    assert_eq!(error.to_string(), "element data is not valid base64");

    // Unpadded base64 is read as well.
    let (data, creds) = encryptor.data(&personal_details());
    let creds: DataCredentials = serde_json::from_value(creds).unwrap();
    let unpadded = STANDARD_NO_PAD.encode(STANDARD.decode(&data).unwrap());
    let unpadded_creds = DataCredentials::new(
        creds.data_hash.trim_end_matches('='),
        creds.secret.trim_end_matches('='),
    );
    assert_eq!(
        passport::decrypt_data::<Value>(&unpadded, &unpadded_creds).unwrap(),
        personal_details()
    );
}

#[test]
fn malformed_payloads_and_bad_padding_are_rejected() {
    let mut encryptor = PassportEncryptor::for_test_key();
    let (file, creds) = encryptor.file(b"content");
    let creds: FileCredentials = serde_json::from_value(creds).unwrap();
    for broken in [&file[..file.len() - 1], &[][..]] {
        assert!(matches!(
            passport::decrypt_file(broken, &creds),
            Err(PassportError::Malformed {
                payload: Payload::File,
                ..
            })
        ));
    }
    let short_hash = FileCredentials::new(STANDARD.encode([0_u8; 31]), creds.secret.clone());
    assert!(matches!(
        passport::decrypt_file(&file, &short_hash),
        Err(PassportError::Malformed { .. })
    ));

    let creds_of = |sealed: &botapi_testkit::passport::Sealed| {
        FileCredentials::new(sealed.hash_base64(), sealed.secret_base64())
    };
    // A padding length of 0, and one longer than the data.
    for first in [0_u8, 33] {
        let mut padded = [9_u8; 32];
        padded[0] = first;
        let sealed = encryptor.seal_padded(&padded);
        let error = passport::decrypt_file(&sealed.data, &creds_of(&sealed)).unwrap_err();
        assert!(
            matches!(
                error,
                PassportError::Padding {
                    payload: Payload::File
                }
            ),
            "{first}: {error:?}"
        );
    }
    // The length byte counts itself: 16 bytes of padding leave the second block.
    let mut padded = [b'x'; 32];
    padded[0] = 16;
    let sealed = encryptor.seal_padded(&padded);
    assert_eq!(
        passport::decrypt_file(&sealed.data, &creds_of(&sealed)).unwrap(),
        vec![b'x'; 16]
    );
}

#[test]
fn json_errors_do_not_quote_decrypted_values() {
    #[derive(Debug, serde::Deserialize)]
    struct Strict {
        #[allow(dead_code)]
        number: u32,
    }
    let mut encryptor = PassportEncryptor::for_test_key();
    let (data, creds) = encryptor.data(&json!({"number": "SECRET-PERSONAL-VALUE"}));
    let creds: DataCredentials = serde_json::from_value(creds).unwrap();
    let error = passport::decrypt_data::<Strict>(&data, &creds).unwrap_err();
    assert!(matches!(
        error,
        PassportError::Json {
            payload: Payload::ElementData,
            ..
        }
    ));
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains("SECRET-PERSONAL-VALUE"), "{text}");
    }

    // Personal details without a first name, and data that is not JSON at all.
    let (data, creds) = encryptor.data(&json!({"last_name": "x"}));
    let creds: DataCredentials = serde_json::from_value(creds).unwrap();
    assert!(matches!(
        passport::decrypt_element_data("personal_details", &data, &creds),
        Err(PassportError::Json { .. })
    ));
    let sealed = encryptor.encrypt(b"\x00not json");
    let creds = DataCredentials::new(sealed.hash_base64(), sealed.secret_base64());
    assert!(matches!(
        passport::decrypt_data::<Value>(&sealed.data_base64(), &creds),
        Err(PassportError::Json { line: 1, .. })
    ));

    // Credentials that are not credentials.
    let encrypted = encryptor.credentials(&json!({"nonce": "no secure_data"}));
    assert!(matches!(
        decrypt(&encrypted, &key()),
        Err(PassportError::Json {
            payload: Payload::Credentials,
            ..
        })
    ));
}

#[test]
fn element_types_pick_the_data_type() {
    let mut encryptor = PassportEncryptor::for_test_key();
    let (data, creds) = encryptor.data(&json!({"document_no": "P-1"}));
    let creds: DataCredentials = serde_json::from_value(creds).unwrap();
    for kind in ["passport", "driver_license", "identity_card", "internal_passport"] {
        let decrypted = passport::decrypt_element_data(kind, &data, &creds).unwrap();
        assert!(
            matches!(&decrypted, ElementData::IdDocument(doc) if doc.document_no == "P-1" && doc.expiry_date.is_none()),
            "{kind}: {decrypted:?}"
        );
    }
    assert_eq!(
        passport::decrypt_element_data("from_the_future", &data, &creds).unwrap(),
        ElementData::Other(json!({"document_no": "P-1"}))
    );
}

#[test]
fn missing_credentials_say_what_is_missing() {
    let credentials: Credentials = serde_json::from_value(json!({
        "secure_data": {"passport": {"front_side": {"file_hash": "aGFzaA==", "secret": "c2VjcmV0"}}},
        "nonce": "n"
    }))
    .unwrap();
    assert!(credentials.secure_value("passport").is_some());
    assert!(credentials.secure_value("email").is_none());
    assert_eq!(
        credentials
            .file_credentials("passport", FileRole::FrontSide)
            .unwrap()
            .file_hash,
        "aGFzaA=="
    );
    let error = credentials.data_credentials("passport").unwrap_err();
    assert_eq!(
        error.to_string(),
        "the credentials have no secret for the data of `passport`"
    );
    let error = credentials
        .file_credentials("passport", FileRole::Translation(1))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the credentials have no secret for the `translation[1]` file of `passport`"
    );
    assert!(credentials.file_credentials("address", FileRole::Selfie).is_err());
}

#[test]
fn debug_and_errors_keep_secrets_out() {
    let key = key();
    assert_eq!(format!("{key:?}"), "PassportKey { bits: 2048, .. }");

    let mut encryptor = PassportEncryptor::for_test_key();
    let shared = shared(&mut encryptor);
    let encrypted = encryptor.credentials(&shared.credentials);
    let credentials = decrypt(&encrypted, &key).unwrap();
    let debug = format!("{credentials:?}");
    let secrets: Vec<String> = ["personal_details", "address", "driver_license"]
        .iter()
        .map(|kind| credentials.data_credentials(kind).unwrap().secret.clone())
        .chain(shared.files.iter().map(|(element, role, ..)| {
            credentials
                .file_credentials(element, *role)
                .unwrap()
                .secret
                .clone()
        }))
        .collect();
    assert_eq!(secrets.len(), 10);
    for secret in &secrets {
        assert!(!debug.contains(secret.as_str()), "Debug shows a secret: {debug}");
    }
    assert!(debug.contains("<redacted>"));
    assert!(debug.contains(&credentials.data_credentials("address").unwrap().data_hash));

    // Every error kind, as Display and Debug.
    let other = PassportKey::from_pem(OTHER_TEST_KEY_PKCS8_PEM).unwrap();
    let errors = [
        decrypt(&encrypted, &other).unwrap_err(),
        PassportKey::from_pem(&TEST_KEY_PKCS1_PEM[..300]).unwrap_err(),
        passport::decrypt_file(b"short", &FileCredentials::new(&secrets[0], &secrets[1])).unwrap_err(),
        passport::decrypt_data::<PersonalDetails>(
            &shared.address,
            credentials.data_credentials("address").unwrap(),
        )
        .unwrap_err(),
        passport::decrypt_data::<Value>(&shared.details, credentials.data_credentials("address").unwrap())
            .unwrap_err(),
    ];
    let key_lines: Vec<&str> = TEST_KEY_PKCS1_PEM
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    for error in &errors {
        for text in [error.to_string(), format!("{error:?}")] {
            for secret in &secrets {
                assert!(!text.contains(secret.as_str()), "{text}");
            }
            for line in &key_lines {
                assert!(!text.contains(line), "{text}");
            }
            assert!(!text.contains("Aarhus") && !text.contains("Alice"), "{text}");
        }
    }
}

/// Data encrypted by OpenSSL through pyca/cryptography (`fixtures/passport/make_interop_vector.py`),
/// an implementation independent of this repository's.
#[test]
fn a_vector_from_another_implementation_decrypts() {
    let vector: Value =
        serde_json::from_str(include_str!("../fixtures/passport/interop_vector.json")).unwrap();
    let credentials = decrypt(&vector["passport_data"]["credentials"], &key()).unwrap();
    assert_eq!(credentials.nonce, vector["expected"]["nonce"].as_str().unwrap());
    let details: Value = passport::decrypt_data(
        vector["passport_data"]["data"][0]["data"].as_str().unwrap(),
        credentials.data_credentials("personal_details").unwrap(),
    )
    .unwrap();
    assert_eq!(details, vector["expected"]["personal_details"]);
    let file = STANDARD
        .decode(vector["encrypted_file"].as_str().unwrap())
        .unwrap();
    let decrypted = passport::decrypt_file(
        &file,
        credentials
            .file_credentials("utility_bill", FileRole::File(0))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        STANDARD.encode(decrypted),
        vector["expected"]["file"].as_str().unwrap()
    );
}

#[test]
fn the_test_encryptor_pads_like_telegram_and_is_reproducible() {
    let mut encryptor = PassportEncryptor::for_test_key().seed(7);
    for len in 0..80 {
        let plaintext = vec![b'a'; len];
        let sealed = encryptor.encrypt(&plaintext);
        assert_eq!(sealed.data.len() % 16, 0);
        let padding = sealed.data.len() - len;
        assert!((32..=255).contains(&padding), "{len}: {padding}");
        let creds = FileCredentials::new(sealed.hash_base64(), sealed.secret_base64());
        assert_eq!(passport::decrypt_file(&sealed.data, &creds).unwrap(), plaintext);
    }
    let a = PassportEncryptor::for_test_key().seed(1).encrypt(b"same");
    let b = PassportEncryptor::for_test_key().seed(1).encrypt(b"same");
    let c = PassportEncryptor::for_test_key().seed(2).encrypt(b"same");
    assert_eq!(a, b);
    assert_ne!(a, c);
}
