//! `/admin/settings`: organisation-wide settings.

use crate::api::admin::{SaveSettings, get_settings};
use crate::components::feedback::{ActionError, kept};
use crate::components::loaded::Loaded;
use crate::components::text_area::text_area_content;
use leptos::prelude::*;
use leptos_meta::Title;

/// The settings form.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveSettings>::new();
    let settings = Resource::new(move || save.version().get(), |_| get_settings());
    view! {
        <Title text="Settings" />
        <h1>"Settings"</h1>
        <Loaded data=settings show=move |current| view! {
                        <section class="card">
                            <ActionError result=save.value() />
                            <ActionForm action=save attr:class="stack">
                                <label for="organisation_name">"Organisation name"</label>
                                <input id="organisation_name" name="organisation_name" type="text" required value=kept("/api/admin/save_settings", "organisation_name").unwrap_or(current.organisation_name) />
                                <label for="privacy_k">"Minimum group size for HR statistics"</label>
                                <input id="privacy_k" name="privacy_k" type="number" required min="3" max="50" value=kept("/api/admin/save_settings", "privacy_k").unwrap_or_else(|| current.privacy_k.to_string()) aria-describedby="privacy-k-hint" />
                                <p id="privacy-k-hint" class="hint">"Numbers based on fewer people than this are hidden from HR. Default 5; never below 3."</p>
                                <label for="retention_days">"Erase closed plans after (days)"</label>
                                <input id="retention_days" name="retention_days" type="number" required min="1" max="3650" value=kept("/api/admin/save_settings", "retention_days").unwrap_or_else(|| current.retention_days.to_string()) aria-describedby="retention-hint" />
                                <p id="retention-hint" class="hint">"Closed plans are erased for good after this many days unless the employee chose to keep theirs. Default 365."</p>
                                <fieldset>
                                    <legend>"Support beyond a quick fix"</legend>
                                    <p class="hint">
                                        "Managers see these contacts on a plan when they flag that someone needs more than work-focused help, "
                                        "or when self-rated confidence stays low across three check-ins."
                                    </p>
                                    <label for="occupational_health">"Occupational health"</label>
                                    <textarea id="occupational_health" name="occupational_health" rows="2" inner_html=text_area_content(&kept("/api/admin/save_settings", "occupational_health").unwrap_or_else(|| current.support.occupational_health.clone()))></textarea>
                                    <label for="employee_assistance">"Employee assistance programme"</label>
                                    <textarea id="employee_assistance" name="employee_assistance" rows="2" inner_html=text_area_content(&kept("/api/admin/save_settings", "employee_assistance").unwrap_or_else(|| current.support.employee_assistance.clone()))></textarea>
                                    <label for="professional">"A qualified mental health professional"</label>
                                    <textarea id="professional" name="professional" rows="2" inner_html=text_area_content(&kept("/api/admin/save_settings", "professional").unwrap_or_else(|| current.support.professional.clone()))></textarea>
                                </fieldset>
                                <button type="submit" class="primary">"Save settings"</button>
                            </ActionForm>
                        </section>
                    } />
    }
}
