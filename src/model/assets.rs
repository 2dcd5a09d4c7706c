//! Where a page finds its stylesheet, scripts and icon.

/// The paths of the files every page links. Each carries a hash of the file's content, so a
/// browser may keep the file for a year and still never run a stale one after an upgrade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetUrls {
    /// The stylesheet, `/pkg/<hash>/rebound.css`.
    pub stylesheet: String,
    /// The script that sends form posts with fetch (`public/enhance.js`).
    pub enhance_script: String,
    /// The icon (`public/favicon.svg`).
    pub icon: String,
    /// The folder of the browser bundle (its JS glue and WASM), `pkg/<hash>`, as Leptos's
    /// hydration scripts want it: without the leading slash.
    pub bundle_dir: String,
}

impl Default for AssetUrls {
    /// The files under their own names, for a server that has not hashed them.
    fn default() -> Self {
        Self { stylesheet: "/pkg/rebound.css".into(), enhance_script: "/enhance.js".into(), icon: "/favicon.svg".into(), bundle_dir: "pkg".into() }
    }
}
