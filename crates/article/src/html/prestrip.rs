//! A byte-level pass before parsing that removes what the article stage never reads:
//! `<script>` (except JSON-LD), `<style>`, `<svg>` and `<noscript>` elements, comments,
//! `<link>`s other than the canonical one, and attributes nobody reads (`src`, `data-*`, link
//! targets...). Two thirds of a typical news page's bytes are such, and the tokenizer no
//! longer walks them.
//!
//! It also bounds nesting: past `MAX_DEPTH` open elements, further start tags (and as many
//! end tags) are dropped, keeping their text. html5ever's tree builder checks scopes by walking
//! the stack of open elements, so 100,000 levels would cost it minutes.

/// Deepest nesting of elements passed to the parser. Real pages stay far below.
const MAX_DEPTH: usize = 512;

/// A tag or attribute name lower-cased into a small buffer; names longer than the buffer are
/// none of the names this pass looks for, and come out empty.
struct LowerName {
    buf: [u8; 16],
    len: usize,
}

impl LowerName {
    fn of(name: &[u8]) -> LowerName {
        let mut buf = [0u8; 16];
        if name.len() > buf.len() {
            return LowerName { buf, len: 0 };
        }
        for (b, c) in buf.iter_mut().zip(name) {
            *b = c.to_ascii_lowercase();
        }
        LowerName { buf, len: name.len() }
    }

    fn get(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

/// Elements that take no end tag, or whose end tag may be left out: not counted in the depth.
fn uncounted(lower_name: &[u8]) -> bool {
    matches!(
        lower_name,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link" | b"meta" | b"param" | b"source"
            | b"track" | b"wbr" | b"p" | b"li" | b"dt" | b"dd" | b"tr" | b"td" | b"th" | b"option" | b"optgroup" | b"thead"
            | b"tbody" | b"tfoot" | b"colgroup" | b"rb" | b"rt" | b"rp" | b"html" | b"head" | b"body" | b"frame" | b"keygen"
    )
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

/// Attributes the article stage reads (on any element, or on the few named); both names
/// lower-cased.
fn kept_attr(tag: &[u8], attr: &[u8]) -> bool {
    match attr {
        b"class" | b"id" | b"role" | b"itemprop" | b"hidden" | b"style" | b"aria-hidden" | b"content" | b"lang" | b"xml:lang" => true,
        b"property" | b"name" | b"http-equiv" | b"charset" => tag == b"meta",
        b"rel" | b"href" => tag == b"link",
        b"datetime" | b"pubdate" => tag == b"time",
        _ => false,
    }
}

/// The value of `name=value`, `name="value"` or `name='value'` (empty for a bare name).
fn attr_value(attr: &[u8]) -> &[u8] {
    let Some(eq) = memchr::memchr(b'=', attr) else { return &[] };
    let v = attr.get(eq + 1..).unwrap_or(&[]);
    let v = v.strip_prefix(b" ").unwrap_or(v);
    let trimmed = v.iter().position(|c| !c.is_ascii_whitespace()).map_or(&[][..], |p| &v[p..]);
    match trimmed.first() {
        Some(&q) if q == b'"' || q == b'\'' => trimmed.get(1..trimmed.len().saturating_sub(1).max(1)).unwrap_or(&[]),
        _ => trimmed,
    }
}

/// The start tag at `lt` (name ending at `name_end`, lower-cased `tag`) without the attributes
/// nobody reads (`src`, `srcset`, `data-*`, `href` of links...): the end of the tag, with the
/// new tag written into `out` (cleared first), or None when it keeps every attribute or does
/// not end.
fn filter_attrs<'a>(bytes: &'a [u8], lt: usize, name_end: usize, tag: &[u8], out: &mut Vec<u8>, relevant_classes: &mut RelevantClasses<'a>) -> Option<usize> {
    out.clear();
    out.extend_from_slice(bytes.get(lt..name_end)?);
    let mut i = name_end;
    let mut dropped = false;
    loop {
        while bytes.get(i).is_some_and(|c| c.is_ascii_whitespace() || *c == b'/') {
            i += 1;
        }
        if *bytes.get(i)? == b'>' {
            break;
        }
        let start = i;
        while bytes.get(i).is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>' | b'=')) {
            i += 1;
        }
        if i == start {
            // a lone '=' or similar: step over it
            i += 1;
        }
        let name = bytes.get(start..i)?;
        let mut j = i;
        while bytes.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
            j += 1;
        }
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while bytes.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = memchr::memchr(q, bytes.get(j + 1..)?)?;
                    j = j + 1 + close + 1;
                }
                Some(_) => {
                    while bytes.get(j).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>') {
                        j += 1;
                    }
                }
                None => return None,
            }
            i = j;
        }
        let lower = LowerName::of(name);
        if lower.get() == b"class" {
            // keep only the class names the cues read (at most 32)
            let value = attr_value(bytes.get(start..i)?);
            let value = std::str::from_utf8(value).unwrap_or("");
            let before = out.len();
            out.extend_from_slice(b" class=\"");
            let (mut names, mut relevant) = (0usize, 0usize);
            for class in value.split_ascii_whitespace() {
                names += 1;
                if relevant < 32 && *relevant_classes.entry(class).or_insert_with(|| super::cues::relevant_class(class)) {
                    if relevant > 0 {
                        out.push(b' ');
                    }
                    out.extend(class.bytes().filter(|&c| c != b'"'));
                    relevant += 1;
                }
            }
            if relevant == names {
                out.truncate(before);
                out.push(b' ');
                out.extend_from_slice(bytes.get(start..i)?);
            } else {
                dropped = true;
                if relevant == 0 {
                    out.truncate(before);
                } else {
                    out.push(b'"');
                }
            }
        } else if kept_attr(tag, lower.get()) {
            out.push(b' ');
            out.extend_from_slice(bytes.get(start..i)?);
        } else {
            dropped = true;
        }
    }
    if !dropped {
        return None;
    }
    out.push(b'>');
    Some(i + 1)
}

/// Whether each class name of the page says anything to the cues, told once per name. The names
/// are page data: hashed with the standard keyed hasher, not the unkeyed one of `TokenMap`, whose collisions a
/// page can build (every insertion then compares with all the earlier names).
type RelevantClasses<'a> = std::collections::HashMap<&'a str, bool>;

/// The page with raw-text bodies emptied; borrowed unchanged when there is nothing to empty.
#[inline(never)] // once a page: kept out of line so that profiles show it
pub fn prestrip<'a>(html: &'a str) -> std::borrow::Cow<'a, str> {
    let bytes = html.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0usize; // bytes[..copied] are already in out (or deliberately dropped)
    let mut i = 0usize;
    let mut changed = false;
    let (mut depth, mut excess) = (0usize, 0usize);
    // a filtered start tag, reused from tag to tag
    let mut tag_out: Vec<u8> = Vec::new();
    let mut relevant_classes = RelevantClasses::default();
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let lt = i + off;
        let next = bytes.get(lt + 1).map(u8::to_ascii_lowercase);
        if next == Some(b'!') && starts_with_ci(bytes, lt, b"<!--") {
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
        let name: &[u8] = if next == Some(b's') && starts_with_ci(bytes, lt, b"<script") {
            b"script"
        } else if next == Some(b's') && starts_with_ci(bytes, lt, b"<style") {
            b"style"
        } else if next == Some(b's') && starts_with_ci(bytes, lt, b"<svg") {
            b"svg"
        } else if next == Some(b'n') && starts_with_ci(bytes, lt, b"<noscript") {
            b"noscript"
        } else {
            // any other tag: count the depth, and drop tags nested too deep
            let closing = bytes.get(lt + 1) == Some(&b'/');
            let name_start = if closing { lt + 2 } else { lt + 1 };
            let name_len = bytes.get(name_start..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count());
            if name_len == 0 || !bytes.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
                i = lt + 1;
                continue;
            }
            let tag_name = LowerName::of(bytes.get(name_start..name_start + name_len).unwrap_or(&[]));
            let tag_name = tag_name.get();
            let name_end = name_start + name_len;
            // <link> other than the canonical URL: stylesheets, preloads, icons
            if !closing && tag_name == b"link" {
                if let Some(end) = end_of_tag(bytes, lt) {
                    let tag = bytes.get(lt..end).unwrap_or(&[]).to_ascii_lowercase();
                    if memmem::find(&tag, b"canonical").is_none() {
                        out.extend_from_slice(bytes.get(copied..lt).unwrap_or(&[]));
                        copied = end;
                        changed = true;
                        i = end;
                        continue;
                    }
                }
            }
            let filter = |out: &mut Vec<u8>, copied: &mut usize, tag_out: &mut Vec<u8>, classes: &mut RelevantClasses<'a>| -> Option<usize> {
                let end = filter_attrs(bytes, lt, name_end, tag_name, tag_out, classes)?;
                out.extend_from_slice(bytes.get(*copied..lt).unwrap_or(&[]));
                out.extend_from_slice(tag_out);
                *copied = end;
                Some(end)
            };
            // tags that do not count towards nesting are never dropped
            let drop = if uncounted(tag_name) {
                false
            } else if closing {
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
                i = name_end;
                if !closing {
                    if let Some(end) = filter(&mut out, &mut copied, &mut tag_out, &mut relevant_classes) {
                        changed = true;
                        i = end;
                    }
                }
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
        if keep {
            i = tag_end;
            continue;
        }
        // the whole element goes: start tag, content, end tag
        let self_closing = name == b"svg" && bytes.get(tag_end.saturating_sub(2)) == Some(&b'/');
        let end = if self_closing {
            tag_end
        } else {
            let Some(close) = find_close(bytes, tag_end, name) else { break };
            match memchr::memchr(b'>', bytes.get(close..).unwrap_or(&[])) {
                Some(gt) => close + gt + 1,
                None => break,
            }
        };
        out.extend_from_slice(bytes.get(copied..lt).unwrap_or(&[]));
        copied = end;
        changed = true;
        i = end;
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
        assert_eq!(s, "<p>a</p><p>b</p><script type=\"application/ld+json\">{\"a\":1}</script>");
        assert_eq!(prestrip("<p>plain</p>"), "<p>plain</p>");
        assert_eq!(prestrip("<p>x</p><script>never closed"), "<p>x</p><script>never closed");
    }

    #[test]
    fn drops_attributes_nobody_reads() {
        let s = prestrip("<div class=\"a main-nav\" data-x='1>2' id=main><a href=\"/x\" onclick=go()>x</a><img src=a.png alt=\"\"><link rel=canonical href=\"/c\"><link rel=stylesheet href=s.css></div>");
        assert_eq!(s, "<div class=\"main-nav\" id=main><a>x</a><img><link rel=canonical href=\"/c\"></div>");
        assert_eq!(prestrip("<p class=story>kept</p>"), "<p class=story>kept</p>");
        assert_eq!(prestrip("<p class='x y'>kept</p>"), "<p>kept</p>");
        assert_eq!(prestrip("<p data-broken=\"never closed>x"), "<p data-broken=\"never closed>x");
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
