//! Telegram Passport through the generated objects (feature `passport`): a message with
//! `passport_data` comes in through `getUpdates`, its credentials are decrypted with the bot's
//! key, every element's data decrypted to its type, and every file downloaded from the test-kit
//! server and decrypted.

use base64::Engine;
use botapi::passport::{ElementData, FileRole, PassportError, PassportKey};
use botapi::types::*;
use botapi::{Bot, Error};
use botapi_testkit::passport::{OTHER_TEST_KEY_PKCS8_PEM, PassportEncryptor, TEST_KEY_PKCS8_PEM};
use botapi_testkit::{TestServer, updates};
use serde_json::{Value, json};

async fn setup() -> (TestServer, Bot) {
    let server = TestServer::start().await;
    let bot: Bot = Bot::builder(server.token())
        .base_url(server.url())
        .base_file_url(server.file_url())
        .build()
        .expect("client builds")
        .into();
    (server, bot)
}

fn key() -> PassportKey {
    PassportKey::from_pem(TEST_KEY_PKCS8_PEM).unwrap()
}

/// A passport file as Telegram sends it, for content served by `server`.
fn passport_file(server: &TestServer, encryptor: &mut PassportEncryptor, content: &[u8]) -> (Value, Value) {
    let (encrypted, credentials) = encryptor.file(content);
    let size = encrypted.len();
    let file_id = server.add_file(&format!("passport/file_{}.jpg", content[0]), encrypted);
    let file = json!({
        "file_id": file_id,
        "file_unique_id": format!("unique-{}", content[0]),
        "file_size": size,
        "file_date": 1_700_000_000,
    });
    (file, credentials)
}

/// `PassportData` JSON with personal details, a driver license with photos, a utility bill,
/// an address, an email and a phone number, all encrypted for the test key.
fn passport_data(server: &TestServer) -> Value {
    let mut encryptor = PassportEncryptor::for_test_key().seed(42);
    let (details, details_creds) = encryptor.data(&json!({
        "first_name": "Alice", "last_name": "Example", "birth_date": "01.02.1990",
        "gender": "female", "country_code": "DK", "residence_country_code": "DK"
    }));
    let (license, license_creds) = encryptor.data(&json!({"document_no": "DL-1", "expiry_date": ""}));
    let (address, address_creds) = encryptor.data(&json!({
        "street_line1": "1 Main St", "city": "Aarhus", "country_code": "DK", "post_code": "8000"
    }));
    let mut file = |byte: u8| passport_file(server, &mut encryptor, &[byte; 300]);
    let (front, front_creds) = file(1);
    let (reverse, reverse_creds) = file(2);
    let (selfie, selfie_creds) = file(3);
    let (translation, translation_creds) = file(4);
    let (bill_0, bill_0_creds) = file(5);
    let (bill_1, bill_1_creds) = file(6);
    let credentials = json!({
        "secure_data": {
            "personal_details": {"data": details_creds},
            "driver_license": {
                "data": license_creds, "front_side": front_creds, "reverse_side": reverse_creds,
                "selfie": selfie_creds, "translation": [translation_creds]
            },
            "utility_bill": {"files": [bill_0_creds, bill_1_creds]},
            "address": {"data": address_creds},
        },
        "nonce": "order-17",
    });
    json!({
        "data": [
            {"type": "personal_details", "data": details, "hash": "h1"},
            {
                "type": "driver_license", "data": license, "front_side": front, "reverse_side": reverse,
                "selfie": selfie, "translation": [translation], "hash": "h2"
            },
            {"type": "utility_bill", "files": [bill_0, bill_1], "hash": "h3"},
            {"type": "address", "data": address, "hash": "h4"},
            {"type": "email", "email": "alice@example.com", "hash": "h5"},
            {"type": "phone_number", "phone_number": "4512345678", "hash": "h6"},
        ],
        "credentials": encryptor.credentials(&credentials),
    })
}

#[tokio::test]
async fn passport_data_from_an_update_decrypts_and_its_files_download_decrypted() {
    let (server, bot) = setup().await;
    let mut message = updates::message(42, 42, "");
    message.as_object_mut().unwrap().remove("text");
    message["passport_data"] = passport_data(&server);
    server.push_update(json!({ "message": message }));

    let update = bot.get_updates().await.unwrap().remove(0);
    let UpdateKind::Message(message) = update.kind else {
        panic!("a message: {:?}", update.kind)
    };
    let passport_data = message.passport_data.as_deref().expect("passport data");
    let credentials = passport_data.decrypt_credentials(&key()).unwrap();
    assert_eq!(credentials.nonce, "order-17");

    let mut decrypted = Vec::new();
    for element in &passport_data.data {
        decrypted.push((element.kind.clone(), element.decrypt_data(&credentials).unwrap()));
    }
    let [
        (EncryptedPassportElementType::PersonalDetails, Some(ElementData::PersonalDetails(details))),
        (EncryptedPassportElementType::DriverLicense, Some(ElementData::IdDocument(license))),
        (EncryptedPassportElementType::UtilityBill, None),
        (EncryptedPassportElementType::Address, Some(ElementData::ResidentialAddress(address))),
        (EncryptedPassportElementType::Email, None),
        (EncryptedPassportElementType::PhoneNumber, None),
    ] = decrypted.as_slice()
    else {
        panic!("{decrypted:#?}")
    };
    assert_eq!(
        (details.first_name.as_str(), details.middle_name.as_deref()),
        ("Alice", None)
    );
    assert_eq!(
        (license.document_no.as_str(), license.expiry_date.as_deref()),
        ("DL-1", Some(""))
    );
    assert_eq!(
        (address.city.as_str(), address.state.as_deref()),
        ("Aarhus", None)
    );

    let license = &passport_data.data[1];
    assert!(license.secure_value(&credentials).unwrap().selfie.is_some());
    let files = license.files_with_credentials(&credentials).unwrap();
    let roles: Vec<FileRole> = files.iter().map(|(role, ..)| *role).collect();
    assert_eq!(
        roles,
        [
            FileRole::FrontSide,
            FileRole::ReverseSide,
            FileRole::Selfie,
            FileRole::Translation(0)
        ]
    );
    for ((_, file, file_credentials), byte) in files.into_iter().zip(1..) {
        assert_eq!(
            file.download_decrypted(&bot, file_credentials).await.unwrap(),
            vec![byte; 300]
        );
    }
    let bill = &passport_data.data[2];
    let files = bill.files_with_credentials(&credentials).unwrap();
    assert_eq!(files.len(), 2);
    for ((role, file, file_credentials), byte) in files.into_iter().zip(5..) {
        assert_eq!(role, FileRole::File(usize::from(byte - 5)));
        assert_eq!(
            file.download_decrypted(&bot, file_credentials).await.unwrap(),
            vec![byte; 300]
        );
    }
    // Elements without files.
    assert!(passport_data.data[4].all_files().is_empty());
}

#[tokio::test]
async fn decryption_failures_are_errors() {
    let (server, bot) = setup().await;
    let data: PassportData = serde_json::from_value(passport_data(&server)).unwrap();

    let other = PassportKey::from_pem(OTHER_TEST_KEY_PKCS8_PEM).unwrap();
    assert!(matches!(
        data.decrypt_credentials(&other),
        Err(PassportError::Rsa)
    ));

    let credentials = data.decrypt_credentials(&key()).unwrap();
    // An element type the credentials do not cover.
    let passport: EncryptedPassportElement =
        serde_json::from_value(json!({"type": "passport", "data": "AAAA", "hash": "h"})).unwrap();
    let error = passport.decrypt_data(&credentials).unwrap_err();
    assert!(
        matches!(error, PassportError::MissingCredentials { .. }),
        "{error:?}"
    );
    assert!(passport.secure_value(&credentials).is_none());

    // A file decrypted with another file's credentials: the download succeeds, decryption does not.
    let license = &data.data[1];
    let front = license.front_side.as_deref().unwrap();
    let selfie_credentials = credentials
        .file_credentials("driver_license", FileRole::Selfie)
        .unwrap();
    let error = front
        .download_decrypted(&bot, selfie_credentials)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::Passport {
                source: PassportError::HashMismatch { .. }
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with("passport decryption failed: "),
        "{error}"
    );
    assert!(std::error::Error::source(&error).is_some());

    // File::download_decrypted on a File from getFile.
    let front_credentials = credentials
        .file_credentials("driver_license", FileRole::FrontSide)
        .unwrap();
    let file = front.get_file(&bot).await.unwrap();
    assert_eq!(
        file.download_decrypted(&bot, front_credentials).await.unwrap(),
        vec![1; 300]
    );
}

/// Passport data encrypted by pyca/cryptography (OpenSSL), deserialized as `PassportData`.
#[tokio::test]
async fn a_vector_from_another_implementation_decrypts_through_the_generated_types() {
    let (server, bot) = setup().await;
    let vector: Value =
        serde_json::from_str(include_str!("../../tests/fixtures/passport/interop_vector.json")).unwrap();
    let mut data = vector["passport_data"].clone();
    let encrypted_file = base64_decode(vector["encrypted_file"].as_str().unwrap());
    data["data"][1]["files"][0]["file_id"] = json!(server.add_file("passport/interop.jpg", encrypted_file));
    let data: PassportData = serde_json::from_value(data).unwrap();

    let credentials = data.credentials.decrypt(&key()).unwrap();
    assert_eq!(credentials.nonce, vector["expected"]["nonce"].as_str().unwrap());
    let Some(ElementData::PersonalDetails(details)) = data.data[0].decrypt_data(&credentials).unwrap() else {
        panic!("personal details")
    };
    assert_eq!(
        serde_json::to_value(details).unwrap(),
        vector["expected"]["personal_details"]
    );
    let [(FileRole::File(0), file, file_credentials)] =
        data.data[1].files_with_credentials(&credentials).unwrap()[..]
    else {
        panic!("one file")
    };
    let content = file.download_decrypted(&bot, file_credentials).await.unwrap();
    assert_eq!(
        content,
        base64_decode(vector["expected"]["file"].as_str().unwrap())
    );
}

fn base64_decode(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(text).unwrap()
}
