//! Outgoing e-mail (`lettre`): through an SMTP server when `--smtp-url` is
//! given, else written as `.eml` files into an outbox folder (what tests and
//! a local server use), with the file's path in the log.

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

/// Where messages go.
pub enum Mailer {
    /// `.eml` files in this folder (created when needed).
    Outbox { dir: PathBuf, from: Mailbox },
    /// An SMTP server (`smtp://`, `smtps://` URL with credentials).
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
}

/// Why a [`Mailer`] cannot be set up.
#[derive(Debug)]
pub struct MailSetupError(pub String);

impl std::fmt::Display for MailSetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Outbox { dir, from } => write!(f, "Mailer::Outbox({}, from {from})", dir.display()),
            Mailer::Smtp { from, .. } => write!(f, "Mailer::Smtp(from {from})"),
        }
    }
}

impl Mailer {
    /// The outbox folder `dir`, from the portal's default sender.
    pub fn outbox(dir: PathBuf) -> Mailer {
        let from = Mailbox::new(Some("Cluster EnR".to_owned()), lettre::Address::new_dangerous("no-reply", "localhost"));
        Mailer::Outbox { dir, from }
    }

    /// SMTP when `smtp_url` is given, else the outbox folder; `from` is the sender (`Name <address>`).
    pub fn new(smtp_url: Option<&str>, outbox: PathBuf, from: &str) -> Result<Mailer, MailSetupError> {
        let from: Mailbox = from.parse().map_err(|e| MailSetupError(format!("the sender address {from:?} is not valid: {e}")))?;
        match smtp_url.filter(|u| !u.is_empty()) {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailSetupError(format!("the SMTP URL is not valid: {e}")))?
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => Ok(Mailer::Outbox { dir: outbox, from }),
        }
    }

    /// Sends a plain-text message; where it went (the outbox file, or the SMTP server), or why not.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<String, String> {
        let from = match self {
            Mailer::Outbox { from, .. } | Mailer::Smtp { from, .. } => from.clone(),
        };
        let to: Mailbox = to.parse().map_err(|e| format!("recipient: {e}"))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            // 8bit: the text as written (no quoted-printable that would cut a link or turn its `=` into `=3D`).
            .body(Body::new_with_encoding(body, ContentTransferEncoding::EightBit).map_err(|_| "message: a line is too long".to_owned())?)
            .map_err(|e| format!("message: {e}"))?;
        match self {
            Mailer::Outbox { dir, .. } => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| format!("outbox {}: {e}", dir.display()))?;
                let id = AsyncFileTransport::<Tokio1Executor>::new(dir).send(message).await.map_err(|e| format!("outbox: {e}"))?;
                Ok(dir.join(format!("{id}.eml")).display().to_string())
            }
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await.map_err(|e| format!("SMTP: {e}"))?;
                Ok("the SMTP server".to_owned())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_outbox_holds_one_eml_per_message_with_arabic_intact() {
        let dir = std::env::temp_dir().join(format!("cluster-outbox-{}", std::process::id()));
        let mailer = Mailer::new(None, dir.clone(), "Cluster EnR <no-reply@localhost>").unwrap();
        let path = mailer.send("salma@example.org", "رابط تسجيل الدخول", "مرحبًا\nhttp://localhost/x".into()).await.unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("To: salma@example.org"), "{text}");
        // Encoded words for the subject; the body readable once decoded.
        assert!(text.contains("Subject: =?utf-8?"), "{text}");
        assert!(text.contains("مرحبًا\r\nhttp://localhost/x"), "{text}");
        assert!(mailer.send("not an address", "s", "b".into()).await.is_err());
        assert!(Mailer::new(None, dir.clone(), "nobody").is_err());
        assert!(Mailer::new(Some("ftp://x"), dir.clone(), "a@b.example").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
