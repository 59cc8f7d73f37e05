//! Telegram Passport decryption on the generated passport objects (python-telegram-bot's
//! `PassportData.decrypted_credentials` / `decrypted_data`, `EncryptedCredentials.decrypted_data`,
//! `EncryptedPassportElement.de_json_decrypted`, `File.set_credentials` and
//! `PassportFile.get_file`). The cryptography and the Passport-page types are hand-written in
//! `botapi_runtime::passport`; this is glue from the Bot API objects to it, compiled under the
//! generated crate's `passport` feature (the whole module, see `Module::feature`).

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn passport() -> TokenStream {
    quote! {
        use botapi_runtime::passport::{
            self, Credentials, ElementData, FileCredentials, FileRole, PassportError, PassportKey, SecureValue,
        };

        impl PassportData {
            /// Decrypts the credentials with the bot's private key: the secrets of every shared
            /// element, and the `nonce` to compare with the one the bot sent.
            pub fn decrypt_credentials(&self, key: &PassportKey) -> Result<Credentials, PassportError> {
                self.credentials.decrypt(key)
            }
        }

        impl EncryptedCredentials {
            /// Decrypts the credentials with the bot's private key (see
            /// [`passport::decrypt_credentials`]).
            pub fn decrypt(&self, key: &PassportKey) -> Result<Credentials, PassportError> {
                passport::decrypt_credentials(key, &self.data, &self.hash, &self.secret)
            }
        }

        impl EncryptedPassportElement {
            /// This element's entry in the decrypted credentials, if they have one.
            pub fn secure_value<'c>(&self, credentials: &'c Credentials) -> Option<&'c SecureValue> {
                credentials.secure_value(self.kind.as_str())
            }

            /// Decrypts `data` with its credentials, as the type this element type holds.
            /// `Ok(None)` when the element has no `data` (`phone_number`, `email`, and the
            /// document types made of files only).
            pub fn decrypt_data(&self, credentials: &Credentials) -> Result<Option<ElementData>, PassportError> {
                let Some(data) = &self.data else {
                    return Ok(None);
                };
                let kind = self.kind.as_str();
                passport::decrypt_element_data(kind, data, credentials.data_credentials(kind)?).map(Some)
            }

            /// Every file of the element with where it sits: `front_side`, `reverse_side`,
            /// `selfie`, then `files` and `translation` in order.
            pub fn all_files(&self) -> Vec<(FileRole, &PassportFile)> {
                let mut all = Vec::new();
                all.extend(self.front_side.as_deref().map(|file| (FileRole::FrontSide, file)));
                all.extend(self.reverse_side.as_deref().map(|file| (FileRole::ReverseSide, file)));
                all.extend(self.selfie.as_deref().map(|file| (FileRole::Selfie, file)));
                all.extend(self.files.iter().flatten().enumerate().map(|(i, file)| (FileRole::File(i), file)));
                all.extend(
                    self.translation.iter().flatten().enumerate().map(|(i, file)| (FileRole::Translation(i), file)),
                );
                all
            }

            /// Every file of the element (as [`all_files`](Self::all_files)) with its
            /// credentials, ready for [`PassportFile::download_decrypted`].
            pub fn files_with_credentials<'a>(
                &'a self,
                credentials: &'a Credentials,
            ) -> Result<Vec<(FileRole, &'a PassportFile, &'a FileCredentials)>, PassportError> {
                let kind = self.kind.as_str();
                self.all_files()
                    .into_iter()
                    .map(|(role, file)| Ok((role, file, credentials.file_credentials(kind, role)?)))
                    .collect()
            }
        }

        impl PassportFile {
            /// Gets the file with [`getFile`](crate::Bot::get_file), downloads it into memory and
            /// decrypts it (a JPEG) with its credentials.
            pub async fn download_decrypted(&self, bot: &Bot, credentials: &FileCredentials) -> Result<Vec<u8>, Error> {
                self.get_file(bot).await?.download_decrypted(bot, credentials).await
            }
        }

        impl File {
            /// Downloads a Telegram Passport file into memory and decrypts it with its
            /// credentials; a decryption failure is [`Error::Passport`].
            pub async fn download_decrypted(&self, bot: &Bot, credentials: &FileCredentials) -> Result<Vec<u8>, Error> {
                let encrypted = self.download(bot).await?;
                Ok(passport::decrypt_file(&encrypted, credentials)?)
            }
        }
    }
}
