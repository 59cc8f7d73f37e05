//! Telegram Passport data encrypted the way Telegram's apps encrypt it, to test decryption
//! offline (the `passport` feature).
//!
//! [`PassportEncryptor`] follows the Telegram Passport docs step by step: a random 32-byte secret
//! per payload, 32 to 255 bytes of random padding whose first byte is its length (the total a
//! multiple of 16), `SHA-256` of the padded data as its hash, key and IV from
//! `SHA-512(secret ‖ hash)`, AES-256-CBC, and the credentials secret encrypted with the bot's
//! public key by RSA-OAEP (SHA-1). Its randomness is seeded, so a test sees the same bytes on
//! every run.
//!
//! The keys here are **for tests only**: they are published in this repository, so anything
//! encrypted for them is readable by anyone.

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockEncryptMut, KeyIvInit};
use rsa::pkcs8::DecodePublicKey;
use rsa::rand_core::{CryptoRng, Error as RandError, RngCore};
use rsa::{Oaep, RsaPrivateKey, RsaPublicKey};
use serde_json::{Value, json};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

/// A 2048-bit RSA private key in PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`). TEST ONLY: it is public.
pub const TEST_KEY_PKCS1_PEM: &str = include_str!("../fixtures/passport/TEST-ONLY-key.pkcs1.pem");
/// [`TEST_KEY_PKCS1_PEM`] in PKCS#8 PEM (`BEGIN PRIVATE KEY`). TEST ONLY: it is public.
pub const TEST_KEY_PKCS8_PEM: &str = include_str!("../fixtures/passport/TEST-ONLY-key.pkcs8.pem");
/// Another 2048-bit key (PKCS#8 PEM), to test decryption with the wrong key. TEST ONLY.
pub const OTHER_TEST_KEY_PKCS8_PEM: &str = include_str!("../fixtures/passport/TEST-ONLY-other-key.pkcs8.pem");

/// One encrypted payload and what decrypts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The encrypted bytes.
    pub data: Vec<u8>,
    /// `SHA-256` of the padded plaintext.
    pub hash: [u8; 32],
    /// The secret the key and IV derive from.
    pub secret: [u8; 32],
}

impl Sealed {
    /// `data` in base64.
    pub fn data_base64(&self) -> String {
        STANDARD.encode(&self.data)
    }

    /// `hash` in base64.
    pub fn hash_base64(&self) -> String {
        STANDARD.encode(self.hash)
    }

    /// `secret` in base64.
    pub fn secret_base64(&self) -> String {
        STANDARD.encode(self.secret)
    }
}

/// Encrypts Telegram Passport payloads for one bot public key, with seeded randomness.
#[derive(Debug)]
pub struct PassportEncryptor {
    public_key: RsaPublicKey,
    rng: SeededRng,
}

impl PassportEncryptor {
    /// An encryptor for the public half of [`TEST_KEY_PKCS1_PEM`].
    pub fn for_test_key() -> Self {
        let key = <RsaPrivateKey as rsa::pkcs1::DecodeRsaPrivateKey>::from_pkcs1_pem(TEST_KEY_PKCS1_PEM)
            .expect("the test key parses");
        Self::new(key.to_public_key())
    }

    /// An encryptor for a public key in PEM (`-----BEGIN PUBLIC KEY-----`, what @BotFather takes).
    ///
    /// # Panics
    ///
    /// When `pem` is not an RSA public key.
    pub fn from_public_key_pem(pem: &str) -> Self {
        Self::new(RsaPublicKey::from_public_key_pem(pem.trim()).expect("an RSA public key in PEM"))
    }

    fn new(public_key: RsaPublicKey) -> Self {
        Self {
            public_key,
            rng: SeededRng::new(0),
        }
    }

    /// Restarts the randomness from `seed` (the default seed is 0).
    pub fn seed(mut self, seed: u64) -> Self {
        self.rng = SeededRng::new(seed);
        self
    }

    /// Pads `plaintext` with random padding and encrypts it with a fresh secret.
    pub fn encrypt(&mut self, plaintext: &[u8]) -> Sealed {
        // 32..=255 bytes, chosen so that the total is a multiple of 16.
        let mut padding = 32 + (self.rng.next_u32() as usize % 224);
        padding += (16 - (padding + plaintext.len()) % 16) % 16;
        if padding > 255 {
            padding -= 16;
        }
        let mut padded = vec![0; padding];
        self.rng.fill_bytes(&mut padded);
        padded[0] = padding as u8;
        padded.extend_from_slice(plaintext);
        self.seal_padded(&padded)
    }

    /// Encrypts already padded bytes as they are (a multiple of 16 bytes long), with a fresh
    /// secret: to build invalid payloads.
    ///
    /// # Panics
    ///
    /// When the length is not a multiple of 16.
    pub fn seal_padded(&mut self, padded: &[u8]) -> Sealed {
        assert_eq!(padded.len() % 16, 0, "AES-CBC without padding takes whole blocks");
        let mut secret = [0; 32];
        self.rng.fill_bytes(&mut secret);
        let hash: [u8; 32] = Sha256::digest(padded).into();
        let key_iv = Sha512::new().chain_update(secret).chain_update(hash).finalize();
        let mut data = padded.to_vec();
        cbc::Encryptor::<Aes256>::new_from_slices(&key_iv[..32], &key_iv[32..48])
            .expect("key and IV sizes")
            .encrypt_padded_mut::<NoPadding>(&mut data, padded.len())
            .expect("whole blocks");
        Sealed { data, hash, secret }
    }

    /// `secret` encrypted with RSA-OAEP (SHA-1) for the bot's key, in base64.
    pub fn encrypt_secret(&mut self, secret: &[u8]) -> String {
        let encrypted = self
            .public_key
            .encrypt(&mut self.rng, Oaep::new::<Sha1>(), secret)
            .expect("the secret fits the key");
        STANDARD.encode(encrypted)
    }

    /// Encrypts a `Credentials` object into an `EncryptedCredentials` one
    /// (`{"data", "hash", "secret"}`).
    pub fn credentials(&mut self, credentials: &Value) -> Value {
        let sealed = self.encrypt(credentials.to_string().as_bytes());
        json!({
            "data": sealed.data_base64(),
            "hash": sealed.hash_base64(),
            "secret": self.encrypt_secret(&sealed.secret),
        })
    }

    /// Encrypts element data (e.g. `PersonalDetails`): the element's base64 `data` field and
    /// its `DataCredentials` (`{"data_hash", "secret"}`).
    pub fn data(&mut self, data: &Value) -> (String, Value) {
        let sealed = self.encrypt(data.to_string().as_bytes());
        let credentials = json!({"data_hash": sealed.hash_base64(), "secret": sealed.secret_base64()});
        (sealed.data_base64(), credentials)
    }

    /// Encrypts a file's content: the bytes to serve for download and its `FileCredentials`
    /// (`{"file_hash", "secret"}`).
    pub fn file(&mut self, content: &[u8]) -> (Vec<u8>, Value) {
        let sealed = self.encrypt(content);
        let credentials = json!({"file_hash": sealed.hash_base64(), "secret": sealed.secret_base64()});
        (sealed.data, credentials)
    }
}

/// SHA-256 in counter mode: reproducible bytes, good enough to stand in for a CSPRNG in tests.
#[derive(Debug)]
struct SeededRng {
    seed: u64,
    counter: u64,
    block: [u8; 32],
    used: usize,
}

impl SeededRng {
    fn new(seed: u64) -> Self {
        Self {
            seed,
            counter: 0,
            block: [0; 32],
            used: 32,
        }
    }
}

impl RngCore for SeededRng {
    fn next_u32(&mut self) -> u32 {
        let mut bytes = [0; 4];
        self.fill_bytes(&mut bytes);
        u32::from_le_bytes(bytes)
    }

    fn next_u64(&mut self) -> u64 {
        let mut bytes = [0; 8];
        self.fill_bytes(&mut bytes);
        u64::from_le_bytes(bytes)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for byte in dest {
            if self.used == self.block.len() {
                self.block = Sha256::new()
                    .chain_update(self.seed.to_le_bytes())
                    .chain_update(self.counter.to_le_bytes())
                    .finalize()
                    .into();
                self.counter += 1;
                self.used = 0;
            }
            *byte = self.block[self.used];
            self.used += 1;
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), RandError> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for SeededRng {}
