//! The DOM as a flat list: block elements in an arena (parent links, pre-order intervals,
//! subtree text and link lengths) and the text of the page cut into blocks at block-element
//! boundaries. Built in one iterative walk over html5ever's tree: no recursion, so any depth
//! of nesting is fine.

use super::attrs::Attrs;
use super::cues::{self, ClassMemo, Cue};
use super::meta::MetaCollector;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// What kind of block element owns a block of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Heading(u8),
    Para,
    Item,
    Pre,
    Quote,
    Cell,
    Caption,
    /// div, section, article, main, body and the like.
    Container,
    List,
    Table,
    Other,
}

/// One block-level element of the page.
#[derive(Debug, Clone)]
pub struct Elem {
    pub parent: Option<usize>,
    pub name: String,
    pub tag: Tag,
    /// Pre-order index of the element; `last` is the largest index of its subtree.
    pub first: usize,
    pub last: usize,
    /// A boilerplate cue on the element itself (tag, class or id).
    pub cue: Option<Cue>,
    /// The nearest element at or above this one that carries a cue.
    pub cued: Option<usize>,
    /// +1 when its class/id looks like article content, -1 when like boilerplate, else 0.
    pub weight: i32,
    /// Characters of text in the subtree, and of them inside links.
    pub text_len: usize,
    pub link_len: usize,
    /// Paragraph-like blocks of 25+ chars in the subtree.
    pub paras: usize,
    /// Sentence-punctuation count in the subtree.
    pub commas: usize,
}

/// A run of text between block boundaries.
#[derive(Debug, Clone)]
pub struct RawBlock {
    pub text: String,
    /// Index in `Dom::elems` of the innermost block element holding it.
    pub owner: usize,
    pub chars: usize,
    pub link_chars: usize,
}

#[derive(Debug, Default)]
pub struct Dom {
    pub elems: Vec<Elem>,
    pub blocks: Vec<RawBlock>,
}

impl Dom {
    /// Is `inner` `outer` or inside it?
    pub fn within(&self, inner: usize, outer: usize) -> bool {
        match (self.elems.get(inner), self.elems.get(outer)) {
            (Some(i), Some(o)) => o.first <= i.first && i.first <= o.last,
            _ => false,
        }
    }

    pub fn link_density(&self, e: usize) -> f64 {
        self.elems.get(e).map_or(0.0, |el| if el.text_len == 0 { 0.0 } else { el.link_len as f64 / el.text_len as f64 })
    }
}

fn tag_of(name: &str) -> Option<Tag> {
    Some(match name {
        "h1" => Tag::Heading(1),
        "h2" => Tag::Heading(2),
        "h3" => Tag::Heading(3),
        "h4" => Tag::Heading(4),
        "h5" => Tag::Heading(5),
        "h6" => Tag::Heading(6),
        "p" => Tag::Para,
        "li" | "dd" | "dt" => Tag::Item,
        "pre" => Tag::Pre,
        "blockquote" => Tag::Quote,
        "td" | "th" => Tag::Cell,
        "figcaption" | "caption" => Tag::Caption,
        "ul" | "ol" | "dl" | "menu" => Tag::List,
        "table" => Tag::Table,
        "div" | "section" | "article" | "main" | "body" | "html" | "header" | "footer" | "nav" | "aside" | "form"
        | "fieldset" | "figure" | "center" | "details" | "dialog" | "address" | "hgroup" | "search" => Tag::Container,
        "tr" | "thead" | "tbody" | "tfoot" | "summary" | "legend" | "hr" | "option" => Tag::Other,
        _ => return None,
    })
}

/// An inline element (span, small...) whose class/id mark it as a caption, credit, advert,
/// control or promotion: its cue, when so (it becomes a block of its own so that it can be removed).
fn inline_boilerplate<'a>(name: &str, attrs: &Attrs<'a>, memo: &mut ClassMemo<'a>) -> Option<(Option<Cue>, i32)> {
    if attrs.class.is_none() && attrs.id.is_none() {
        return None;
    }
    let (cue, weight) = cues::cue_and_weight(name, attrs, memo);
    matches!(cue.as_ref().map(|c| c.kind), Some(crate::RemovalKind::Other | crate::RemovalKind::Controls | crate::RemovalKind::Promotion))
        .then_some((cue, weight))
}

/// Elements whose content is never text of the page.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object" | "embed" | "canvas"
            | "select" | "button" | "input" | "textarea" | "video" | "audio" | "map" | "title" | "datalist"
            | "frameset" | "frame" | "applet" | "source" | "track" | "picture"
    )
}

fn hidden(attrs: &Attrs<'_>) -> bool {
    if attrs.hidden.is_some() {
        return true;
    }
    if attrs.aria_hidden.is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(style) = attrs.style {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Sentence punctuation of any script: comma, ideographic and Arabic commas.
fn commas(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،' | '﹐')).count()
}

struct Builder {
    dom: Dom,
    /// Open block elements (indices into `dom.elems`).
    stack: Vec<usize>,
    buf: String,
    buf_chars: usize,
    buf_links: usize,
    /// Depth of open `<a>` elements, and of `<pre>`.
    in_link: usize,
    in_pre: usize,
    pending_space: bool,
    next_pre: usize,
}

impl Builder {
    fn flush(&mut self) {
        let text = self.buf.trim();
        if !text.is_empty() {
            if let Some(&owner) = self.stack.last() {
                let text = text.to_string();
                let chars = self.buf_chars;
                let links = self.buf_links.min(chars);
                let is_para = chars >= 25;
                if let Some(e) = self.dom.elems.get_mut(owner) {
                    e.text_len += chars;
                    e.link_len += links;
                    e.commas += commas(&text);
                    if is_para {
                        e.paras += 1;
                    }
                }
                self.dom.blocks.push(RawBlock { text, owner, chars, link_chars: links });
            }
        }
        self.buf.clear();
        self.buf_chars = 0;
        self.buf_links = 0;
        self.pending_space = false;
    }

    fn push_text(&mut self, text: &str) {
        if self.in_pre > 0 {
            for c in text.chars() {
                if c == '\r' {
                    continue;
                }
                self.buf.push(c);
                if !c.is_whitespace() {
                    self.buf_chars += 1;
                    if self.in_link > 0 {
                        self.buf_links += 1;
                    }
                }
            }
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                self.buf.push(' ');
            }
            self.pending_space = false;
            self.buf.push(c);
            self.buf_chars += 1;
            if self.in_link > 0 {
                self.buf_links += 1;
            }
        }
    }

    /// Opens a block element with its cue and content weight (`cues::cue_and_weight`).
    fn open(&mut self, name: &str, tag: Tag, (cue, weight): (Option<Cue>, i32)) {
        self.flush();
        let parent = self.stack.last().copied();
        let idx = self.dom.elems.len();
        let cued = if cue.is_some() { Some(idx) } else { parent.and_then(|p| self.dom.elems.get(p).and_then(|e| e.cued)) };
        let first = self.next_pre;
        self.next_pre += 1;
        self.dom.elems.push(Elem {
            parent,
            name: name.to_string(),
            tag,
            first,
            last: first,
            cue,
            cued,
            weight,
            text_len: 0,
            link_len: 0,
            paras: 0,
            commas: 0,
        });
        self.stack.push(idx);
    }

    fn close(&mut self) {
        self.flush();
        if let Some(idx) = self.stack.pop() {
            let last = self.next_pre.saturating_sub(1);
            let (t, l, p, c) = match self.dom.elems.get_mut(idx) {
                Some(e) => {
                    e.last = last;
                    (e.text_len, e.link_len, e.paras, e.commas)
                }
                None => return,
            };
            if let Some(&parent) = self.stack.last() {
                if let Some(pe) = self.dom.elems.get_mut(parent) {
                    pe.text_len += t;
                    pe.link_len += l;
                    pe.paras += p;
                    pe.commas += c;
                }
            }
        }
    }
}

/// Walks the document once: the block arena and blocks, and everything the metadata reader wants.
#[inline(never)] // once a page: kept out of line so that profiles show it
pub fn build(doc: &Html, meta: &mut MetaCollector) -> Dom {
    let mut b = Builder {
        dom: Dom::default(),
        stack: Vec::new(),
        buf: String::new(),
        buf_chars: 0,
        buf_links: 0,
        in_link: 0,
        in_pre: 0,
        pending_space: false,
        next_pre: 0,
    };
    // A root element so that every block has an owner even in fragments without <html>.
    b.dom.elems.push(Elem {
        parent: None,
        name: "#document".into(),
        tag: Tag::Container,
        first: 0,
        last: 0,
        cue: None,
        cued: None,
        weight: 0,
        text_len: 0,
        link_len: 0,
        paras: 0,
        commas: 0,
    });
    b.stack.push(0);
    b.next_pre = 1;

    // Subtree being skipped: the node id of its root.
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut in_head = 0usize;
    let mut inline_blocks: Vec<ego_tree::NodeId> = Vec::new();
    let mut memo = ClassMemo::default();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => {
                        if in_head == 0 {
                            b.push_text(t)
                        }
                    }
                    Node::Element(el) => {
                        let name = el.name();
                        let attrs = Attrs::of(el);
                        meta.element(name, &attrs, node);
                        if skipped(name) || hidden(&attrs) {
                            skipping = Some(node.id());
                            continue;
                        }
                        match name {
                            "br" => {
                                b.buf.push('\n');
                                b.pending_space = false;
                            }
                            "a" => b.in_link += 1,
                            "img" => {}
                            _ => {}
                        }
                        if name == "pre" {
                            b.in_pre += 1;
                        }
                        if name == "head" {
                            in_head += 1;
                            continue;
                        }
                        if let Some(tag) = tag_of(name) {
                            b.open(name, tag, cues::cue_and_weight(name, &attrs, &mut memo));
                        } else if name != "a" {
                            if let Some(cue) = inline_boilerplate(name, &attrs, &mut memo) {
                                // a caption, credit, advert label or share link set inside a block
                                b.open(name, Tag::Other, cue);
                                inline_blocks.push(node.id());
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if name == "a" {
                        b.in_link = b.in_link.saturating_sub(1);
                    }
                    if name == "pre" {
                        b.in_pre = b.in_pre.saturating_sub(1);
                    }
                    if name == "head" {
                        in_head = in_head.saturating_sub(1);
                        continue;
                    }
                    if tag_of(name).is_some() {
                        b.close();
                    } else if inline_blocks.last() == Some(&node.id()) {
                        inline_blocks.pop();
                        b.close();
                    }
                }
            }
        }
    }
    b.flush();
    while b.stack.len() > 1 {
        b.close();
    }
    if let Some(root) = b.dom.elems.get_mut(0) {
        root.last = b.next_pre.saturating_sub(1);
    }
    b.dom
}
