# Document signing messages (balai-docs; keys listed in crates/balai-docs/src/sign/mod.rs).
err-sign-passphrase-weak = The signing passphrase is too weak: use at least 12 characters, not only digits and not one repeated character.
err-sign-passphrase-wrong = Wrong signing passphrase; the document was not signed. Check it and try again.
err-sign-key-unusable = Your signing key cannot be used; ask the administrator to enrol a new key.
err-sign-field-invalid = The document data to sign is incomplete or contains characters that are not allowed.
err-sign-render = The document could not be produced, so it was not signed; contact the administrator.
err-sign-credential = This kind of credential cannot be used for this signer.
err-sign-not-registered = The signer is not registered with the electronic signing service (BSrE).
err-sign-cert-expired = The signer's electronic certificate has expired; renew it with BSrE.
err-sign-cert-revoked = The signer's electronic certificate is revoked or suspended.
err-sign-cert-not-issued = The signer's electronic certificate has not been issued yet; complete the registration with BSrE.
err-sign-service-unavailable = The signing service cannot be reached; the document was not signed. Try again shortly.
err-sign-service-refused = The signing service refused this request; the document was not signed. Contact the administrator.
