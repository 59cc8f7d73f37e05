//! Transport configuration: proxies and an injected reqwest client. The test-kit server plays
//! the proxy: a proxied request carries the absolute URL, and the server routes on its path.

mod common;

use botapi_runtime::reqwest;
use botapi_runtime::{CallOptions, Client};
use common::*;

/// A base URL on a loopback port where nothing listens: only a proxy can deliver these calls.
fn unreachable() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}/bot", listener.local_addr().unwrap())
}

#[tokio::test]
async fn calls_go_through_the_configured_proxy() {
    let server = server().await;
    let proxy = reqwest::Proxy::http(format!("http://{}", server.addr())).unwrap();
    let client = Client::builder(server.token())
        .base_url(unreachable())
        .proxy(proxy)
        .build()
        .unwrap();
    let me = client.call(&GetMe {}, CallOptions::default()).await.unwrap();
    assert!(me.is_bot);
    assert_eq!(server.requests_for("getMe").len(), 1);
}

#[tokio::test]
async fn an_injected_reqwest_client_is_used_for_calls_and_polling() {
    let server = server().await;
    let proxied = || {
        let proxy = reqwest::Proxy::http(format!("http://{}", server.addr())).unwrap();
        reqwest::Client::builder().proxy(proxy).build().unwrap()
    };
    let client = Client::builder(server.token())
        .base_url(unreachable())
        .http_client(proxied())
        .poll_http_client(proxied())
        .build()
        .unwrap();
    client
        .call(
            &SendMessage::new(1, "via injected client"),
            CallOptions::default(),
        )
        .await
        .unwrap();
    client
        .call(&GetUpdates::default(), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);

    // Without the injected clients the same base URL cannot be reached.
    let direct = Client::builder(server.token())
        .base_url(unreachable())
        .build()
        .unwrap();
    let err = direct.call(&GetMe {}, CallOptions::default()).await.unwrap_err();
    assert!(matches!(err, botapi_runtime::Error::Network { .. }), "{err:?}");
}

#[tokio::test]
async fn clones_share_the_client() {
    let (server, client) = setup().await;
    let clone = client.clone();
    clone.call(&GetMe {}, CallOptions::default()).await.unwrap();
    // The clone's success proved the token for the original too: a 404 is now an unknown method.
    let err = client
        .call(&SendTelepathy { chat_id: 1 }, CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, botapi_runtime::Error::EndpointNotFound { .. }),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 2);
}
