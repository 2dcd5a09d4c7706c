//! `/welcome?token=…`: an imported person's first sign-in link, where they choose their password.

use crate::api::auth::{FirstSignIn, first_sign_in_holder};
use crate::components::feedback::{ActionError, ProblemText, described_by, invalid, problem_with, refusal};
use crate::components::loaded::Loaded;
use crate::components::post_form::PostForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The choose-your-password form of a first sign-in link.
#[component]
pub fn WelcomePage() -> impl IntoView {
    let token = use_query_map().with_untracked(|query| query.get("token").unwrap_or_default());
    let choose = ServerAction::<FirstSignIn>::new();
    let holder = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        first_sign_in_holder,
    );
    view! {
        <Title text="Welcome to Rebound" />
        <section class="narrow card">
            <Loaded data=holder error_heading="Welcome to Rebound" show=move |name: String| {
                let token = token.clone();
                let refused = refusal(choose.value());
                let new_problem = problem_with(&refused, "new_password", "new_password");
                let confirm_problem = problem_with(&refused, "confirm_password", "confirm_password");
                let rule = match &new_problem {
                    Some(problem) => format!("new-password-rule {}", problem.id),
                    None => "new-password-rule".to_owned(),
                };
                view! {
                    <h1>{format!("Welcome, {name}")}</h1>
                    <p>"Choose the password you will sign in with. This link works once."</p>
                    <ActionError result=choose.value() />
                    <PostForm action=choose class="stack">
                        <input type="hidden" name="token" value=token />
                        <label for="new_password">"Password"</label>
                        <input id="new_password" name="new_password" type="password" required minlength="12" autocomplete="new-password"
                            aria-describedby=rule aria-invalid=invalid(&new_problem) autofocus=new_problem.is_some() />
                        <p id="new-password-rule" class="hint">"At least 12 characters; no other rules. Common passwords are refused."</p>
                        <ProblemText problem=new_problem.clone() />
                        <label for="confirm_password">"Password again"</label>
                        <input id="confirm_password" name="confirm_password" type="password" required minlength="12" autocomplete="new-password"
                            aria-describedby=described_by(&confirm_problem) aria-invalid=invalid(&confirm_problem) autofocus=confirm_problem.is_some() />
                        <ProblemText problem=confirm_problem.clone() />
                        <button type="submit" class="primary">"Set my password"</button>
                    </PostForm>
                }
            } />
        </section>
    }
}
