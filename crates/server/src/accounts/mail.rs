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
            // Always quoted-printable: any mail client reads it, and so can a
            // test or a person looking into the outbox (`decode_quoted_printable`).
            .body(Body::new_with_encoding(body, ContentTransferEncoding::QuotedPrintable).map_err(|_| "message: not encodable".to_owned())?)
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

/// The text of a quoted-printable body (soft line breaks joined, `=XX` decoded):
/// how tests and tools read a link out of an outbox message.
pub fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let b = joined.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
            (b'=', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_reads_back() {
        assert_eq!(decode_quoted_printable("http://x/a=3Db=\r\nc =C3=A9t=C3=A9"), "http://x/a=bc été");
        assert_eq!(decode_quoted_printable("=ZZ="), "=ZZ=");
    }

    #[tokio::test]
    async fn the_outbox_holds_one_eml_per_message_with_arabic_intact() {
        let dir = std::env::temp_dir().join(format!("cluster-outbox-{}", std::process::id()));
        let mailer = Mailer::new(None, dir.clone(), "Cluster EnR <no-reply@localhost>").unwrap();
        let path = mailer.send("salma@example.org", "رابط تسجيل الدخول", "مرحبًا\nhttp://localhost/x".into()).await.unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("To: salma@example.org"), "{text}");
        // Encoded words for the subject; the body readable once decoded.
        assert!(text.contains("Subject: =?utf-8?"), "{text}");
        assert!(decode_quoted_printable(&text).contains("مرحبًا\r\nhttp://localhost/x"), "{text}");
        assert!(mailer.send("not an address", "s", "b".into()).await.is_err());
        assert!(Mailer::new(None, dir.clone(), "nobody").is_err());
        assert!(Mailer::new(Some("ftp://x"), dir.clone(), "a@b.example").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
