//! The attributes the article stage reads, taken from an element in one pass over its
//! attribute list (asking the parsed element for each one by name interns the name and
//! searches the list every time; an element was asked about fifteen names).

use scraper::node::Element;

/// The attributes of one element that the cues, the hidden check and the metadata read.
/// Each is the element's own attribute in no namespace, as `Element::attr` would give it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Attrs<'a> {
    pub class: Option<&'a str>,
    pub id: Option<&'a str>,
    pub role: Option<&'a str>,
    pub itemprop: Option<&'a str>,
    pub hidden: Option<&'a str>,
    pub aria_hidden: Option<&'a str>,
    pub style: Option<&'a str>,
    pub content: Option<&'a str>,
    pub property: Option<&'a str>,
    pub name: Option<&'a str>,
    pub http_equiv: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub xml_lang: Option<&'a str>,
    pub rel: Option<&'a str>,
    pub href: Option<&'a str>,
    pub type_: Option<&'a str>,
    pub datetime: Option<&'a str>,
    pub pubdate: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    pub fn of(el: &'a Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (qual, value) in el.attrs.iter() {
            // `Element::attr(name)` looks for the name in no namespace and without a prefix
            // (foreign elements' adjusted attributes such as xlink:role are not it)
            if qual.prefix.is_some() || !qual.ns.is_empty() {
                continue;
            }
            let value: &'a str = value;
            let slot = match &*qual.local {
                "class" => &mut a.class,
                "id" => &mut a.id,
                "role" => &mut a.role,
                "itemprop" => &mut a.itemprop,
                "hidden" => &mut a.hidden,
                "aria-hidden" => &mut a.aria_hidden,
                "style" => &mut a.style,
                "content" => &mut a.content,
                "property" => &mut a.property,
                "name" => &mut a.name,
                "http-equiv" => &mut a.http_equiv,
                "lang" => &mut a.lang,
                "xml:lang" => &mut a.xml_lang,
                "rel" => &mut a.rel,
                "href" => &mut a.href,
                "type" => &mut a.type_,
                "datetime" => &mut a.datetime,
                "pubdate" => &mut a.pubdate,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        a
    }
}
