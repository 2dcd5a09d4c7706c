//! The static files every page links (stylesheet, browser bundle, form script, icon), served
//! from memory under paths that carry a hash of their content, `/pkg/<hash>/<name>`, with a
//! year's `immutable` cache lifetime, and in brotli or gzip when the browser takes either.
//!
//! The compressed copies are made at build time (`scripts/compress-site.sh`, maximum quality);
//! one older than its file (a rebuild without the script) is ignored rather than served stale.
//! Other files of the site (and these under their plain names) go through the router's fallback
//! and the compression layer, without a long lifetime.

use crate::model::AssetUrls;
use crate::server::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::path::Path as FilePath;
use std::sync::Arc;

/// One file, with the compressed copies found beside it.
#[derive(Debug)]
struct Asset {
    /// The name in its URL (`rebound.css`).
    name: String,
    /// The hash in its URL.
    hash: String,
    content_type: &'static str,
    plain: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

/// The hashed files and the URLs pages link them by. Loaded once at start.
#[derive(Debug, Default)]
pub struct Assets {
    files: Vec<Asset>,
    urls: Arc<AssetUrls>,
}

/// A year, the longest lifetime caches honour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

impl Assets {
    /// Reads the files under `site_root` (`<pkg_dir>/<output>.css|.js|.wasm`, `enhance.js`,
    /// `favicon.svg`). A missing file keeps its plain URL, so pages still render without a build
    /// of the browser side (the Rust tests).
    pub fn load(site_root: &str, pkg_dir: &str, output_name: &str) -> Self {
        let root = FilePath::new(site_root);
        let read = |relative: String| {
            let path = root.join(&relative);
            std::fs::read(&path).ok().map(|bytes| (path, Bytes::from(bytes)))
        };
        let mut files = Vec::new();
        let mut urls = AssetUrls::default();
        let stylesheet = format!("{output_name}.css");
        if let Some(found) = read(format!("{pkg_dir}/{stylesheet}")) {
            urls.stylesheet = format!("/pkg/{}/{stylesheet}", push(&mut files, &stylesheet, "text/css; charset=utf-8", found, None));
        }
        for (name, content_type, set) in
            [("enhance.js", "text/javascript; charset=utf-8", &mut urls.enhance_script as &mut String), ("favicon.svg", "image/svg+xml", &mut urls.icon)]
        {
            if let Some(found) = read(name.to_owned()) {
                *set = format!("/pkg/{}/{name}", push(&mut files, name, content_type, found, None));
            }
        }
        // The glue and the WASM share one folder in the hydration script, so one hash covers both.
        let (js, wasm) = (format!("{output_name}.js"), format!("{output_name}.wasm"));
        if let (Some(glue), Some(module)) = (read(format!("{pkg_dir}/{js}")), read(format!("{pkg_dir}/{wasm}"))) {
            let shared = hash_of(&[&glue.1, &module.1]);
            push(&mut files, &js, "text/javascript; charset=utf-8", glue, Some(shared.clone()));
            push(&mut files, &wasm, "application/wasm", module, Some(shared.clone()));
            urls.bundle_dir = format!("pkg/{shared}");
        }
        Self { files, urls: Arc::new(urls) }
    }

    /// The URLs pages link.
    pub fn urls(&self) -> Arc<AssetUrls> {
        self.urls.clone()
    }
}

/// Adds a file (and any fresh compressed copy beside it); returns the hash in its URL.
fn push(files: &mut Vec<Asset>, name: &str, content_type: &'static str, (path, plain): (std::path::PathBuf, Bytes), hash: Option<String>) -> String {
    let hash = hash.unwrap_or_else(|| hash_of(&[&plain]));
    let copy = |extension: &str| {
        let compressed = path.with_file_name(format!("{}.{extension}", path.file_name()?.to_str()?));
        let fresh = std::fs::metadata(&compressed).ok()?.modified().ok()? >= std::fs::metadata(&path).ok()?.modified().ok()?;
        if !fresh {
            tracing::warn!(file = %compressed.display(), "ignoring a compressed copy older than its file; run scripts/compress-site.sh");
            return None;
        }
        std::fs::read(&compressed).ok().map(Bytes::from)
    };
    files.push(Asset { name: name.to_owned(), hash: hash.clone(), content_type, brotli: copy("br"), gzip: copy("gz"), plain });
    hash
}

/// The first 16 hex digits of the SHA-256 of the parts, in order.
fn hash_of(parts: &[&Bytes]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex::encode(hasher.finalize())[..16].to_owned()
}

/// Whether the `Accept-Encoding` header takes `coding` (present, and not with `q=0`).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|value| value.to_str().ok()).flat_map(|value| value.split(',')).any(|offer| {
        let mut parts = offer.split(';').map(str::trim);
        parts.next().is_some_and(|name| name.eq_ignore_ascii_case(coding))
            && parts.all(|parameter| parameter.strip_prefix("q=").is_none_or(|q| q.parse::<f32>().is_ok_and(|q| q > 0.0)))
    })
}

/// `GET /pkg/{hash}/{name}`: the file, if the hash is that of the file served now.
pub async fn serve(State(state): State<AppState>, Path((hash, name)): Path<(String, String)>, headers: HeaderMap) -> Response {
    let Some(asset) = state.assets.files.iter().find(|asset| asset.name == name && asset.hash == hash) else {
        return (StatusCode::NOT_FOUND, "No such file.").into_response();
    };
    let (body, coding) = match (&asset.brotli, &asset.gzip) {
        (Some(brotli), _) if accepts(&headers, "br") => (brotli.clone(), Some("br")),
        (_, Some(gzip)) if accepts(&headers, "gzip") => (gzip.clone(), Some("gzip")),
        _ => (asset.plain.clone(), None),
    };
    let mut response = body.into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    response_headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(coding) = coding {
        response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offering(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn encodings_are_taken_unless_refused_with_q_zero() {
        assert!(accepts(&offering("gzip, deflate, br, zstd"), "br"));
        assert!(accepts(&offering("gzip;q=0.5, BR;q=1.0"), "br"));
        assert!(!accepts(&offering("gzip, br;q=0"), "br"));
        assert!(!accepts(&offering("identity"), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }

    #[test]
    fn hashes_follow_the_content_and_stale_copies_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        std::fs::write(dir.path().join("pkg/app.css.br"), b"stale").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.path().join("pkg/app.css"), b"body { color: black }").unwrap();
        std::fs::write(dir.path().join("pkg/app.css.gz"), b"fresh").unwrap();
        let root = dir.path().to_str().unwrap();
        let first = Assets::load(root, "pkg", "app");
        assert!(first.urls.stylesheet.starts_with("/pkg/") && first.urls.stylesheet.ends_with("/app.css"));
        assert_eq!(first.urls.enhance_script, "/enhance.js", "a missing file keeps its plain URL");
        assert_eq!(first.files[0].brotli, None);
        assert_eq!(first.files[0].gzip.as_deref(), Some(&b"fresh"[..]));
        std::fs::write(dir.path().join("pkg/app.css"), b"body { color: navy }").unwrap();
        assert_ne!(Assets::load(root, "pkg", "app").urls.stylesheet, first.urls.stylesheet);
    }
}
