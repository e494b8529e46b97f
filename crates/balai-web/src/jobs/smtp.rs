//! Sending e-mail over SMTP with lettre (rustls, ring provider). The server is named by one
//! URL: `smtps://` is TLS from the first byte (port 465 by default), `smtp://` upgrades with
//! STARTTLS and refuses to send without it (port 587 by default); `smtp://…?tls=none` sends in
//! the clear and is meant only for a relay on the same machine. Credentials go in the URL
//! (`smtps://user:password@host`), percent-encoded where needed.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use percent_encoding::percent_decode_str;

/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// TLS from the start (`smtps://`).
    Implicit,
    /// Plain connection upgraded with STARTTLS, which must succeed (`smtp://`).
    StartTls,
    /// No TLS (`smtp://…?tls=none`): a relay on the same machine only.
    None,
}

/// A parsed SMTP URL.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub user: Option<String>,
    pub password: Option<String>,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish()
    }
}

impl SmtpSettings {
    /// Reads `smtp[s]://[user[:password]@]host[:port][?tls=none]`; the error says what is
    /// wrong without repeating the password.
    pub fn parse(url: &str) -> Result<SmtpSettings, String> {
        let u = reqwest::Url::parse(url.trim())
            .map_err(|e| format!("the SMTP URL cannot be read: {e}"))?;
        let tls_none = u.query_pairs().any(|(k, v)| k == "tls" && v == "none");
        let (security, default_port) = match (u.scheme(), tls_none) {
            ("smtps", _) => (SmtpSecurity::Implicit, 465),
            ("smtp", false) => (SmtpSecurity::StartTls, 587),
            ("smtp", true) => (SmtpSecurity::None, 25),
            (other, _) => {
                return Err(format!(
                    "the SMTP URL must start with smtp:// or smtps:// (got {other}://)"
                ));
            }
        };
        let host = u
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("the SMTP URL names no host")?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
        let user = Some(decode(u.username())).filter(|s| !s.is_empty());
        let password = u.password().map(decode);
        Ok(SmtpSettings {
            host,
            port: u.port().unwrap_or(default_port),
            security,
            user,
            password,
        })
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let tls_params =
            || TlsParameters::new(self.host.clone()).map_err(|e| format!("TLS setup failed: {e}"));
        let tls = match self.security {
            SmtpSecurity::Implicit => Tls::Wrapper(tls_params()?),
            SmtpSecurity::StartTls => Tls::Required(tls_params()?),
            SmtpSecurity::None => Tls::None,
        };
        let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some(user) = &self.user {
            b = b.credentials(Credentials::new(
                user.clone(),
                self.password.clone().unwrap_or_default(),
            ));
        }
        Ok(b.build())
    }
}

/// One e-mail to send.
pub struct Mail<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: String,
}

/// Sends `mail` through the server at `settings`. The error is one sentence for staff.
pub async fn send(settings: &SmtpSettings, mail: Mail<'_>) -> Result<(), String> {
    let from: Mailbox = mail
        .from
        .parse()
        .map_err(|e| format!("BALAI_MAIL_FROM is not a valid sender ({e})"))?;
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| format!("the recipient address is not valid ({e})"))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body)
        .map_err(|e| format!("the e-mail could not be built: {e}"))?;
    let transport = settings.transport()?;
    transport.send(message).await.map(|_| ()).map_err(|e| {
        format!(
            "the SMTP server {}:{} refused or failed: {e}",
            settings.host, settings.port
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn url_scheme_chooses_the_protection() {
        let s = SmtpSettings::parse("smtps://mpp%40mesuji:p%3Ass@mail.mesujikab.go.id").unwrap();
        assert_eq!(s.security, SmtpSecurity::Implicit);
        assert_eq!(s.port, 465);
        assert_eq!(s.user.as_deref(), Some("mpp@mesuji"));
        assert_eq!(s.password.as_deref(), Some("p:ss"));
        assert!(!format!("{s:?}").contains("p:ss"));
        let s = SmtpSettings::parse("smtp://relay.example.id").unwrap();
        assert_eq!(
            (s.security, s.port, s.user),
            (SmtpSecurity::StartTls, 587, None)
        );
        let s = SmtpSettings::parse("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!((s.security, s.port), (SmtpSecurity::None, 2525));
        assert!(SmtpSettings::parse("http://mail.example.id").is_err());
        assert!(SmtpSettings::parse("not a url").is_err());
    }
}
