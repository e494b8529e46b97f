//! The OpenAPI document is a contract with integrators: any change to it shows up here.

#[test]
fn openapi_document_matches_the_snapshot() {
    let doc = serde_json::to_value(balai_web::api::openapi()).expect("serialise");
    insta::assert_json_snapshot!("openapi", doc);
}
