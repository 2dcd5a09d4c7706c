//! A form that posts to a server function.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A plain HTML form posting to the server function behind `action`. Leptos's `ActionForm`
/// renders the same `<form>`, plus a submit handler for client-side rendering that never runs
/// here: pages render on the server only (islands), and `enhance.js` sends the same post without a
/// reload. A plan page holds dozens of forms, and the component's machinery cost a tenth of its
/// render. The action still reads the refusal of the form's last post for the page.
#[component]
pub fn PostForm<ServFn>(
    /// The server function the form posts to.
    action: ServerAction<ServFn>,
    /// The form's layout class ("stack", "inline").
    #[prop(optional)]
    class: Option<&'static str>,
    children: Children,
) -> impl IntoView
where
    ServFn: ServerFn + 'static,
    ServFn::Output: 'static,
{
    let _ = action;
    view! { <form action=ServFn::url() method="post" class=class>{children()}</form> }
}
