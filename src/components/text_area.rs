//! What goes between `<textarea>` and `</textarea>`.
//!
//! Leptos writes a textarea's children as raw text, unescaped, because the browser reads that
//! content as text. But the browser also ends the element at the first `</textarea>`, so a saved
//! value holding that tag would end it early and everything after would become live markup. Every
//! textarea that shows a saved value takes its content from [`text_area_content`] through
//! `inner_html`, and none has children (a test in this module reads every view to hold that).

/// A textarea's content as HTML that reads back, in the browser, as exactly `value`.
pub fn text_area_content(value: &str) -> String {
    let mut html = String::with_capacity(value.len() + 1);
    // The parser drops one newline straight after `<textarea>`: this one, so that a value which
    // starts with a newline keeps it.
    html.push('\n');
    html_escape::encode_text_to_string(value, &mut html);
    html
}

#[cfg(test)]
mod tests {
    use super::text_area_content;

    #[test]
    fn content_cannot_close_the_element_and_reads_back_unchanged() {
        assert_eq!(text_area_content("</textarea><img src=x>"), "\n&lt;/textarea&gt;&lt;img src=x&gt;");
        assert_eq!(text_area_content("&lt; & <!--"), "\n&amp;lt; &amp; &lt;!--");
        assert_eq!(text_area_content("\nfirst line kept"), "\n\nfirst line kept");
    }

    /// Every `<textarea>` written in a view is empty or filled through `inner_html`: a child
    /// would go out unescaped.
    #[test]
    fn no_view_gives_a_textarea_children() {
        let mut offenders = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") || path.ends_with("components/text_area.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let mut rest = source.as_str();
            while let Some(start) = rest.find("<textarea ") {
                let tag_end = start + rest[start..].find('>').expect("textarea tag ends");
                let close = rest[tag_end..].find("</textarea>").map(|at| tag_end + at);
                match close {
                    Some(close) if rest[tag_end + 1..close].trim().is_empty() => rest = &rest[close..],
                    Some(close) => {
                        offenders.push(format!("{}: {}", path.display(), rest[start..close].lines().next().unwrap_or_default()));
                        rest = &rest[close..];
                    }
                    None => break,
                }
            }
        }
        assert!(offenders.is_empty(), "textareas with children (use inner_html=text_area_content(..)): {offenders:#?}");
    }
}
