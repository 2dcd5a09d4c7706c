//! `/account`: the person's calendar feed and a way to their password; `/account/password`:
//! choose a new password (required after an admin issued a temporary one).

use crate::api::agenda::{ResetCalendarFeed, SaveEmailChoices, TurnOffCalendarFeed, load_account};
use crate::api::auth::ChangePassword;
use crate::components::feedback::SavedNotice;
use crate::components::feedback::{ActionError, refusal};
use crate::components::field::Field;
use crate::components::format::moment;
use crate::components::layout::page_frame;
use crate::components::loaded::Loaded;
use crate::components::post_form::PostForm;
use crate::model::{AccountSettings, CalendarFeed};
use leptos::prelude::*;
use leptos_meta::Title;

/// The change-password form.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let must_change = page_frame().viewer.is_some_and(|viewer| viewer.must_change_password);
    let refused = refusal(change.value());
    view! {
        <Title text="Change password" />
        <section class="narrow card">
            <h1>"Change your password"</h1>
            {must_change.then(|| view! {
                <p class="notice" role="status">
                    "You signed in with a temporary password. Choose your own to continue."
                </p>
            })}
            <ActionError result=change.value() />
            <PostForm action=change class="stack">
                <Field id="current_password" name="current_password" kind="password" label="Current password" required=true autocomplete="current-password" refusal=refused.clone() />
                <Field id="new_password" name="new_password" kind="password" label="New password" required=true minlength="12" autocomplete="new-password"
                    hint="At least 12 characters; no other rules. Common passwords are refused." refusal=refused.clone() />
                <Field id="confirm_password" name="confirm_password" kind="password" label="New password again" required=true minlength="12" autocomplete="new-password" refusal=refused />
                <button type="submit" class="primary">"Save new password"</button>
            </PostForm>
            <p class="hint">"Changing your password signs you out everywhere else."</p>
        </section>
    }
}

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| load_account());
    let name = page_frame().viewer.map(|viewer| viewer.display_name).unwrap_or_default();
    view! {
        <Title text="Your account" />
        <h1>"Your account"</h1>
        <p class="lead">{name}</p>
        <Loaded data=account show=|account: AccountSettings| view! {
            <section class="card" aria-labelledby="calendar">
                <h2 id="calendar" tabindex="-1">"Calendar feed"</h2>
                <SavedNotice anchor="calendar" />
                <p>
                    "Your calendar can show the dates on the plans you can see: check-ins, small wins, tasks and milestones. "
                    "It shows dates and neutral words only (“1:1 with Sam Rivera”, “Follow-up due”), never what a plan says, "
                    "because calendars are often shared and kept on other companies’ servers."
                </p>
                <FeedControls feed=account.feed.clone() />
            </section>
            <EmailChoicesForm account />
        } />
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Password"</h2>
            <p><a href="/account/password">"Change your password"</a></p>
        </section>
    }
}

/// Which emails the person gets, and the time zone their reminders follow.
#[component]
fn EmailChoicesForm(account: AccountSettings) -> impl IntoView {
    let save = ServerAction::<SaveEmailChoices>::new();
    let refused = refusal(save.value());
    let AccountSettings { email, email_on, time_zone, organisation_time_zone, zones, .. } = account;
    let chosen = time_zone.unwrap_or_default();
    let box_for = move |name: &'static str, checked: bool, label: &'static str, hint: &'static str| {
        view! {
            <div class="field">
                <label class="check"><input type="checkbox" name=name value="on" checked=checked />" " {label}</label>
                <p class="hint">{hint}</p>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="email">
            <h2 id="email" tabindex="-1">"Email and time zone"</h2>
            <SavedNotice anchor="email" />
            <ActionError result=save.value() />
            {(!email_on).then(|| view! { <p class="notice">"This Rebound sends no email yet: an administrator has not set up a mail server. Your choices are kept for when it does."</p> })}
            <p>"Emails say only that something is due, with a link here: never a name from a plan or what it says, since inboxes are often shared."</p>
            <PostForm action=save class="stack">
                {box_for("reminders", email.reminders, "Reminders", "At 09:00 your time: a check-in tomorrow, something due today, something overdue.")}
                {box_for("shared", email.shared, "When something is shared with me", "When your manager shares a plan with you.")}
                {box_for("digest", email.digest, "Weekly summary", "Monday at 09:00: how many dates need you that week.")}
                <div class="field">
                    <label for="time_zone">"Time zone"</label>
                    <select id="time_zone" name="time_zone" aria-invalid=refused.as_ref().and_then(|error| (error.field() == Some("time_zone")).then_some("true"))>
                        <option value="" selected=chosen.is_empty()>{format!("The organisation’s ({organisation_time_zone})")}</option>
                        {zones.into_iter().map(|zone| {
                            let selected = zone == chosen;
                            let value = zone.clone();
                            view! { <option value=value selected=selected>{zone}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="primary">"Save email choices"</button>
            </PostForm>
        </section>
    }
}

/// Make, reset or turn off the feed; a new address is shown once.
#[component]
fn FeedControls(feed: CalendarFeed) -> impl IntoView {
    let reset = ServerAction::<ResetCalendarFeed>::new();
    let turn_off = ServerAction::<TurnOffCalendarFeed>::new();
    let CalendarFeed { made_at, new_address } = feed;
    view! {
        {new_address.map(|address| view! {
            <div class="notice" role="status">
                <p><strong>"Your new feed address."</strong> " Copy it now: it is shown only this once. Subscribe to it in your calendar (“Add calendar from URL”)."</p>
                <label for="feed-address">"Feed address"</label>
                <input id="feed-address" type="text" readonly value=address class="wide" />
                <p class="hint">"Anyone with this address can see these dates. If it leaks, make a new one: the old one stops working."</p>
            </div>
        })}
        {match made_at {
            Some(made) => view! {
                <p>{format!("Your feed is on; its current address was made {} (UTC).", moment(made))}</p>
                <div class="actions">
                    <PostForm action=reset>
                        <button type="submit">"Make a new address"</button>
                    </PostForm>
                    <PostForm action=turn_off>
                        <button type="submit" class="danger">"Turn the feed off"</button>
                    </PostForm>
                </div>
            }.into_any(),
            None => view! {
                <p>"Your feed is off."</p>
                <PostForm action=reset>
                    <button type="submit" class="primary">"Make my feed address"</button>
                </PostForm>
            }.into_any(),
        }}
    }
}
