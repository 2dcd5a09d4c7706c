//! What the frame of every page shows (who is signed in, the organisation's name, the demo
//! banner, how many things need the viewer now), loaded before the page renders and handed to it as plain context.
//!
//! The frame used to read these through a resource of its own, in a `<Suspense>` beside the
//! page's. Under load, a page whose two boundaries resolved side by side now and then never
//! finished rendering (the request hung). With the frame rendered synchronously, a page has at
//! most its own boundary.

pub mod navigation;

use crate::model::{PageFrame, Viewer};
use crate::server::AppState;
use crate::server::auth::session::CurrentSession;
use crate::server::frame::navigation::is_page_request;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// The frame's [`PageFrame`] for `viewer`: the organisation name (or the default) and the demo flag.
pub async fn frame_for(state: &AppState, viewer: Option<Viewer>) -> Result<PageFrame, crate::server::db::DbError> {
    let settings = state.settings.get(&state.pool).await?;
    let needs_now = match &viewer {
        Some(viewer) if !viewer.must_change_password => crate::server::agenda::needs_now(state, viewer).await?,
        _ => 0,
    };
    Ok(PageFrame {
        viewer,
        organisation_name: settings.organisation_name.clone().unwrap_or_default(),
        is_demo: settings.is_demo,
        setup_pending: settings.setup_pending,
        notice: None,
        returned: None,
        needs_now,
    })
}

/// Middleware: puts the page's [`PageFrame`] into the request extensions, with the confirmation a
/// form post left for this page, which it then clears so it shows once.
pub async fn load(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let mut shown_notice = false;
    if is_page_request(&request) {
        let viewer = request.extensions().get::<CurrentSession>().map(|session| session.viewer.clone());
        let session = match frame_for(&state, viewer.clone()).await {
            Ok(session) => session,
            Err(error) => {
                // The page itself will report the database problem; the frame falls back to defaults.
                tracing::error!(%error, "could not read the page header settings");
                PageFrame::with_defaults(viewer)
            }
        };
        let notice = crate::server::http::flash::read_notice(request.headers());
        let returned = match crate::server::http::flash::RETURNED_FORM.read(request.headers()) {
            Some(token) => returned_form(&state, &token).await,
            None => None,
        };
        shown_notice = notice.is_some() || returned.is_some();
        request.extensions_mut().insert(PageFrame { notice, returned, ..session });
        request.extensions_mut().insert(state.assets.urls());
    }
    let mut response = next.run(request).await;
    if shown_notice {
        response.headers_mut().append(axum::http::header::SET_COOKIE, crate::server::http::flash::NOTICE.clear());
        response.headers_mut().append(axum::http::header::SET_COOKIE, crate::server::http::flash::RETURNED_FORM.clear());
    }
    response
}

/// The refused form kept under `token`, taken so it shows once.
async fn returned_form(state: &AppState, token: &str) -> Option<crate::model::ReturnedForm> {
    let hash = crate::server::auth::session::hash_token(token);
    match crate::server::db::hand_overs::take(&state.pool, &hash, state.now()).await {
        Ok(Some((action, fields))) => Some(crate::model::ReturnedForm { action, fields: serde_json::from_slice(&fields).unwrap_or_default() }),
        Ok(None) => None,
        Err(error) => {
            tracing::error!(%error, "could not read a returned form");
            None
        }
    }
}
