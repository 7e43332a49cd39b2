//! A byte-level pass before parsing that empties what html5ever would read as raw text and
//! the article stage ignores anyway: the bodies of `<script>` (except JSON-LD), `<style>`,
//! `<svg>` and comments. Tags are kept, so the tree has the same elements; half of a typical
//! news page's bytes are scripts and styles, and the tokenizer no longer walks them.
//!
//! It also bounds nesting: past `MAX_DEPTH` open elements, further start tags (and as many
//! end tags) are dropped, keeping their text. html5ever's tree builder checks scopes by walking
//! the stack of open elements, so 100,000 levels would cost it minutes.

/// Deepest nesting of elements passed to the parser. Real pages stay far below.
const MAX_DEPTH: usize = 512;

/// Elements that take no end tag, or whose end tag may be left out: not counted in the depth.
fn uncounted(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source", b"track",
        b"wbr", b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option", b"optgroup", b"thead", b"tbody", b"tfoot",
        b"colgroup", b"rb", b"rt", b"rp", b"html", b"head", b"body", b"frame", b"keygen",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

use memchr::memmem;

fn starts_with_ci(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    hay.get(at..at + needle.len()).is_some_and(|s| s.eq_ignore_ascii_case(needle))
}

/// Position of `</name` (case-insensitive) at or after `from`.
fn find_close(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    let finder = memmem::Finder::new(b"</");
    while let Some(off) = bytes.get(at..).and_then(|rest| finder.find(rest)) {
        let pos = at + off;
        if starts_with_ci(bytes, pos + 2, name) {
            let after = bytes.get(pos + 2 + name.len()).copied();
            if after.is_none_or(|c| c == b'>' || c == b'/' || c.is_ascii_whitespace()) {
                return Some(pos);
            }
        }
        at = pos + 2;
    }
    None
}

/// End of the start tag beginning at `lt` (index after its `>`), skipping quoted attributes.
fn end_of_tag(bytes: &[u8], lt: usize) -> Option<usize> {
    let mut i = lt + 1;
    let mut quote: Option<u8> = None;
    while let Some(&c) = bytes.get(i) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(i + 1),
            None => {}
        }
        i += 1;
    }
    None
}

/// The page with raw-text bodies emptied; borrowed unchanged when there is nothing to empty.
pub fn prestrip(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0usize; // bytes[..copied] are already in out (or deliberately dropped)
    let mut i = 0usize;
    let mut changed = false;
    let (mut depth, mut excess) = (0usize, 0usize);
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let lt = i + off;
        if starts_with_ci(bytes, lt, b"<!--") {
            let end = match bytes.get(lt + 4..).and_then(|rest| memmem::find(rest, b"-->")) {
                Some(e) => lt + 4 + e + 3,
                None => bytes.len(),
            };
            out.extend_from_slice(bytes.get(copied..lt).unwrap_or(&[]));
            copied = end;
            changed = true;
            i = end;
            continue;
        }
        let name: &[u8] = if starts_with_ci(bytes, lt, b"<script") {
            b"script"
        } else if starts_with_ci(bytes, lt, b"<style") {
            b"style"
        } else if starts_with_ci(bytes, lt, b"<svg") {
            b"svg"
        } else {
            // any other tag: count the depth, and drop tags nested too deep
            let closing = bytes.get(lt + 1) == Some(&b'/');
            let name_start = if closing { lt + 2 } else { lt + 1 };
            let name_len = bytes.get(name_start..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count());
            if name_len == 0 || !bytes.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
                i = lt + 1;
                continue;
            }
            let tag_name = bytes.get(name_start..name_start + name_len).unwrap_or(&[]);
            if uncounted(tag_name) {
                i = name_start + name_len;
                continue;
            }
            let drop = if closing {
                if excess > 0 {
                    excess -= 1;
                    true
                } else {
                    depth = depth.saturating_sub(1);
                    false
                }
            } else if depth >= MAX_DEPTH {
                excess += 1;
                true
            } else {
                depth += 1;
                false
            };
            if drop {
                let Some(tag_end) = end_of_tag(bytes, lt) else { break };
                out.extend_from_slice(bytes.get(copied..lt).unwrap_or(&[]));
                copied = tag_end;
                changed = true;
                i = tag_end;
            } else {
                i = name_start + name_len;
            }
            continue;
        };
        let after_name = bytes.get(lt + 1 + name.len()).copied();
        if !after_name.is_some_and(|c| c == b'>' || c == b'/' || c.is_ascii_whitespace()) {
            i = lt + 1;
            continue;
        }
        let Some(tag_end) = end_of_tag(bytes, lt) else { break };
        let keep = name == b"script" && {
            let tag = bytes.get(lt..tag_end).unwrap_or(&[]).to_ascii_lowercase();
            memmem::find(&tag, b"ld+json").is_some()
        };
        let self_closing = name == b"svg" && bytes.get(tag_end.saturating_sub(2)) == Some(&b'/');
        if keep || self_closing {
            i = tag_end;
            continue;
        }
        match find_close(bytes, tag_end, name) {
            Some(close) => {
                out.extend_from_slice(bytes.get(copied..tag_end).unwrap_or(&[]));
                copied = close;
                changed = true;
                i = close + 2;
            }
            None => break,
        }
    }
    if !changed {
        return std::borrow::Cow::Borrowed(html);
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or(&[]));
    // every cut is at an ASCII '<' or just after an ASCII '>', so the result stays UTF-8
    match String::from_utf8(out) {
        Ok(s) => std::borrow::Cow::Owned(s),
        Err(_) => std::borrow::Cow::Borrowed(html),
    }
}

#[cfg(test)]
mod tests {
    use super::prestrip;

    #[test]
    fn empties_scripts_styles_and_comments() {
        let html = "<p>a</p><script type=x>if (a<b) { x = '</p>'; }</script><STYLE>p{}</STYLE><!-- c --><p>b</p>\
                    <script type=\"application/ld+json\">{\"a\":1}</script><svg><path d='x'/></svg>";
        let s = prestrip(html);
        assert_eq!(s, "<p>a</p><script type=x></script><STYLE></STYLE><p>b</p><script type=\"application/ld+json\">{\"a\":1}</script><svg></svg>");
        assert_eq!(prestrip("<p>plain</p>"), "<p>plain</p>");
        assert_eq!(prestrip("<p>x</p><script>never closed"), "<p>x</p><script>never closed");
    }

    #[test]
    fn bounds_nesting() {
        let deep = format!("{}<p>text</p>{}", "<div class=a>".repeat(1000), "</div>".repeat(1000));
        let s = prestrip(&deep);
        assert_eq!(s.matches("<div").count(), super::MAX_DEPTH);
        assert_eq!(s.matches("</div>").count(), super::MAX_DEPTH);
        assert!(s.contains("<p>text</p>"));
    }
}
