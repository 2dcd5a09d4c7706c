//! `/admin/settings`: organisation-wide settings.

use crate::api::admin::{SaveSettings, SendTestEmail, get_settings, load_email_status};
use crate::components::feedback::{ActionError, SavedNotice, kept, refusal};
use crate::components::field::{Field, TextField};
use crate::components::loaded::Loaded;
use crate::components::post_form::PostForm;
use crate::model::{EmailStatus, MAX_CONTACT_LEN};
use leptos::prelude::*;
use leptos_meta::Title;

/// Where the settings form posts.
const SAVE: &str = "/api/admin/save_settings";

/// The settings form.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveSettings>::new();
    let settings = Resource::new(move || save.version().get(), |_| get_settings());
    view! {
        <Title text="Settings" />
        <h1>"Settings"</h1>
        <Loaded data=settings show=move |current| {
            let refused = refusal(save.value());
            view! {
                        <section class="card">
                            <ActionError result=save.value() />
                            <PostForm action=save class="stack">
                                <Field id="organisation_name" name="organisation_name" label="Organisation name" required=true value=kept(SAVE, "organisation_name").unwrap_or(current.organisation_name) refusal=refused.clone() />
                                <Field id="privacy_k" name="privacy_k" kind="number" label="Minimum group size for HR statistics" required=true min="3" max="50"
                                    value=kept(SAVE, "privacy_k").unwrap_or_else(|| current.privacy_k.to_string())
                                    hint="Numbers based on fewer people than this are hidden from HR. Default 5; never below 3." refusal=refused.clone() />
                                <Field id="retention_days" name="retention_days" kind="number" label="Erase closed plans after (days)" required=true min="1" max="3650"
                                    value=kept(SAVE, "retention_days").unwrap_or_else(|| current.retention_days.to_string())
                                    hint="Closed plans are erased for good after this many days unless the employee chose to keep theirs. Default 365." refusal=refused.clone() />
                                <fieldset>
                                    <legend>"Support beyond a quick fix"</legend>
                                    <p class="hint">
                                        "Managers see these contacts on a plan when they flag that someone needs more than work-focused help, "
                                        "or when self-rated confidence stays low across three check-ins."
                                    </p>
                                    <TextField id="occupational_health" name="occupational_health" label="Occupational health" limit=MAX_CONTACT_LEN value=kept(SAVE, "occupational_health").unwrap_or_else(|| current.support.occupational_health.clone()) refusal=refused.clone() />
                                    <TextField id="employee_assistance" name="employee_assistance" label="Employee assistance programme" limit=MAX_CONTACT_LEN value=kept(SAVE, "employee_assistance").unwrap_or_else(|| current.support.employee_assistance.clone()) refusal=refused.clone() />
                                    <TextField id="professional" name="professional" label="A qualified mental health professional" limit=MAX_CONTACT_LEN value=kept(SAVE, "professional").unwrap_or_else(|| current.support.professional.clone()) refusal=refused.clone() />
                                </fieldset>
                                <button type="submit" class="primary">"Save settings"</button>
                            </PostForm>
                        </section>
            }
        } />
        <EmailSection />
    }
}

/// How email is set up (from the server's environment, read-only here), what waits to be sent,
/// and a test email to the admin's own address.
#[component]
fn EmailSection() -> impl IntoView {
    let test = ServerAction::<SendTestEmail>::new();
    let status = Resource::new(|| (), |_| load_email_status());
    view! {
        <section class="card" aria-labelledby="email">
            <h2 id="email" tabindex="-1">"Email"</h2>
            <SavedNotice anchor="email" />
            <ActionError result=test.value() />
            <Loaded data=status show=move |status: EmailStatus| {
                let configured = status.server.is_some();
                view! {
                    <dl class="facts stacked">
                        <dt>"SMTP server"</dt><dd>{status.server.unwrap_or_else(|| "none: no email is sent (set REBOUND_SMTP_HOST)".into())}</dd>
                        <dt>"Signs in as"</dt><dd>{status.user.unwrap_or_else(|| "nobody (no user set)".into())}</dd>
                        <dt>"Sends as"</dt><dd>{status.from.unwrap_or_else(|| "—".into())}</dd>
                        <dt>"Links point to"</dt><dd>{status.public_url}</dd>
                        <dt>"Organisation time zone"</dt><dd>{status.time_zone}</dd>
                        <dt>"Waiting to be sent"</dt><dd>{status.waiting}</dd>
                        {status.last_error.map(|error| view! { <dt>"Latest failure"</dt><dd>{error}</dd> })}
                    </dl>
                    <p class="hint">"These come from the server’s environment (REBOUND_SMTP_HOST, _PORT, _TLS, _USER, _PASSWORD_FILE, REBOUND_EMAIL_FROM, REBOUND_PUBLIC_URL, REBOUND_TIME_ZONE); change them there and restart."</p>
                    {configured.then(|| view! {
                        <PostForm action=test>
                            <button type="submit">"Send a test email to me"</button>
                        </PostForm>
                    })}
                }
            } />
        </section>
    }
}
