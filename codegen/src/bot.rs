//! The `Bot` handle and the `Request` builder: fixed code, emitted once. They live in the
//! generated crate because the per-method inherent methods on them must (orphan rule).

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn bot() -> TokenStream {
    quote! {
        use std::future::{Future, IntoFuture};
        use std::pin::Pin;

        use botapi_runtime::{CallOptions, Client, ClientBuilder, DefaultKind, Error, Method, Token};
        use serde_json::{Map, Value};

        /// A Telegram bot: the handle every API method is called on.
        ///
        /// Cheap to clone (the connection pool is shared). Each API method has a snake_case
        /// method here (`bot.send_message(chat_id, text)`) returning a [`Request`]: chain its
        /// optional parameters, then `.await` it.
        ///
        /// With the default `camel-case` feature the API's own names work too
        /// (`bot.sendMessage(..)`). They are left out of these docs; searching them for
        /// `sendMessage` finds [`send_message`](Self::send_message).
        #[derive(Debug, Clone)]
        pub struct Bot {
            client: Client,
        }

        impl Bot {
            /// A bot talking to the official Bot API server with this token.
            pub fn new(token: impl Into<Token>) -> Self {
                Self { client: Client::new(token) }
            }

            /// Configures a bot's client (base URL, local mode, timeouts, proxy, defaults, ...):
            /// `let bot: Bot = Bot::builder(token).base_url(url).build()?.into();`
            pub fn builder(token: impl Into<Token>) -> ClientBuilder {
                Client::builder(token)
            }

            /// A bot using a configured client (base URL, timeouts, defaults, ...).
            pub fn with_client(client: Client) -> Self {
                Self { client }
            }

            /// The underlying client.
            pub fn client(&self) -> &Client {
                &self.client
            }

            /// A request for any method payload, e.g. one built ahead of time.
            pub fn execute<M: Method>(&self, payload: M) -> Request<M> {
                Request::new(self.clone(), payload)
            }
        }

        impl From<Client> for Bot {
            fn from(client: Client) -> Self {
                Self::with_client(client)
            }
        }

        /// A method call being built: set optional parameters with the chained setters, then
        /// `.await` it (or call [`Request::send`]).
        #[must_use = "requests do nothing unless awaited"]
        #[derive(Debug, Clone)]
        pub struct Request<M> {
            bot: Bot,
            // Crate-visible so that the generated setters can fill it.
            pub(crate) payload: M,
            extra: Option<Map<String, Value>>,
            without_defaults: Vec<DefaultKind>,
            // The message a reply shortcut answers, for `do_quote(true)`.
            pub(crate) quote_target: Option<i64>,
        }

        impl<M: Method> Request<M> {
            /// A request sending `payload` through `bot`.
            pub fn new(bot: Bot, payload: M) -> Self {
                Self { bot, payload, extra: None, without_defaults: Vec::new(), quote_target: None }
            }

            /// The parameters set so far.
            pub fn params(&self) -> &M {
                &self.payload
            }

            /// The parameters, to change in place.
            pub fn params_mut(&mut self) -> &mut M {
                &mut self.payload
            }

            /// The parameters, without the bot.
            pub fn into_params(self) -> M {
                self.payload
            }

            /// Adds a raw parameter that this version of the crate does not know yet (like
            /// python-telegram-bot's `api_kwargs`). It overrides a typed parameter of the same name.
            pub fn extra(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
                self.extra.get_or_insert_with(Map::new).insert(name.into(), value.into());
                self
            }

            /// Opts this call out of one bot-wide default: parameters of that kind it leaves
            /// unset stay unset.
            pub fn without_default(mut self, kind: DefaultKind) -> Self {
                self.without_defaults.push(kind);
                self
            }

            /// Sends the request.
            pub async fn send(self) -> Result<M::Output, Error> {
                let options = CallOptions { extra: self.extra.as_ref(), without_defaults: &self.without_defaults };
                self.bot.client.call(&self.payload, options).await
            }
        }

        impl<M: Method + 'static> IntoFuture for Request<M> {
            type Output = Result<M::Output, Error>;
            type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}
