//! E-mails to applicants (docs/staff.md, "The applicant's e-mails"), in the
//! language the application was sent in, through the staff's mailer (an
//! SMTP server, or the outbox folder): the application received, changes
//! requested (with the correction link), and the decision (with its reason
//! when the team shares it). Texts are the locale files' `mail_*` keys.

use crate::accounts::mail::Mailer;
use crate::messages::message;
use crate::store::Store;
use cluster_core::application::Outcome;
use cluster_core::lang::Lang;

/// What the e-mail says.
pub enum Letter {
    Received,
    /// The team's words and the correction link's secret.
    Changes {
        message: String,
        token: String,
    },
    Decision {
        outcome: Outcome,
        reason: Option<String>,
    },
}

/// The address of the status page of `reference` at `origin`, in `lang`.
pub fn status_link(origin: &str, reference: &str, lang: Lang) -> String {
    format!("{origin}/apply/status?ref={reference}&lang={}", lang.code())
}

/// Writes `letter` to the applicant of `reference`; where it went, or why not.
pub async fn write(mailer: &Mailer, store: &Store, origin: &str, reference: &str, letter: Letter) -> Result<String, String> {
    let who = store.applicant(reference).map_err(|e| e.0)?.ok_or("no applicant address")?;
    let lang = who.lang.as_deref().and_then(Lang::from_code).unwrap_or(Lang::Fr);
    let link = status_link(origin, reference, lang);
    let base = [("name", who.name.clone()), ("startup", who.startup.clone()), ("reference", reference.to_owned())];
    let with = |extra: &[(&'static str, String)]| base.iter().chain(extra).cloned().collect::<Vec<(&str, String)>>();
    let (subject, body) = match letter {
        Letter::Received => ("mail_received_subject", message(lang, "mail_received_body", &with(&[("link", link)]))),
        // The secret rides in the fragment, which browsers never send to a server.
        Letter::Changes { message: said, token } => {
            let correct = format!("{origin}/apply/correct?ref={reference}&lang={}#{token}", lang.code());
            ("mail_changes_subject", message(lang, "mail_changes_body", &with(&[("message", said), ("link", correct)])))
        }
        Letter::Decision { outcome, reason } => {
            let key = if outcome == Outcome::Selected { "mail_selected_body" } else { "mail_not_selected_body" };
            let mut body = message(lang, key, &with(&[("link", link)]));
            if let Some(r) = reason {
                body = format!("{body}\n\n{}", message(lang, "mail_reason", &[("reason", r)]));
            }
            ("mail_decision_subject", body)
        }
    };
    let signed = format!("{body}\n\n{}", message(lang, "mail_signature", &[]));
    mailer.send(&who.email, &message(lang, subject, &[("reference", reference.to_owned())]), signed).await
}

/// [`write`] in the background, for an answer that does not wait on the mail; a failure is logged.
pub fn spawn(mailer: std::sync::Arc<Mailer>, store: std::sync::Arc<Store>, origin: String, reference: String, letter: Letter) {
    tokio::spawn(async move {
        match write(&mailer, &store, &origin, &reference, letter).await {
            Ok(to) => tracing::info!(reference, "applicant e-mail sent to {to}"),
            Err(e) => tracing::error!(reference, "an applicant e-mail could not be sent: {e}"),
        }
    });
}
