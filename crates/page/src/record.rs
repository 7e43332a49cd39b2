//! A record read from the inputs but not yet made into a `Page`. A JSONL line is kept as its
//! bytes and parsed only when asked: a rebuild recognises a line it has stored before from its
//! bytes and skips it without parsing it (a page of HTML is a JSON string full of escapes).

use crate::read::page_from_json;
use crate::{InputError, Page};
use std::sync::{Arc, Mutex};

/// One input record: a page, or what a page is made from when asked (`page`).
#[derive(Debug)]
pub struct Record {
    form: Form,
}

#[derive(Debug)]
enum Form {
    /// A JSONL line as read (with its line ending, which parse errors count in their positions).
    Line { origin: String, bytes: LineBytes },
    /// A page read whole: a file or a WARC record, whose source comes from its container.
    Page(Page),
}

impl Record {
    pub(crate) fn line(origin: String, bytes: LineBytes) -> Record {
        Record { form: Form::Line { origin, bytes } }
    }

    /// Where the record was read from, for messages: `path`, `path:line` or `path#record`.
    pub fn origin(&self) -> &str {
        match &self.form {
            Form::Line { origin, .. } => origin,
            Form::Page(page) => &page.origin,
        }
    }

    /// The bytes this record's page is made from, and nothing else: equal bytes make equal
    /// pages, wherever they are read from (the origin aside). A JSONL line, without its line
    /// ending; `None` for a page whose source is its container's name (a file, a WARC record).
    pub fn raw(&self) -> Option<&[u8]> {
        match &self.form {
            Form::Line { bytes, .. } => {
                let bytes = bytes.bytes.as_slice();
                let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
                Some(bytes.strip_suffix(b"\r").unwrap_or(bytes))
            }
            Form::Page(_) => None,
        }
    }

    /// The page, parsed now if it was not yet: the error is the one reading it as a page gives.
    pub fn page(self) -> Result<Page, InputError> {
        match self.form {
            Form::Line { origin, bytes } => page_from_json(&bytes.bytes, &origin),
            Form::Page(page) => Ok(page),
        }
    }
}

impl From<Page> for Record {
    fn from(page: Page) -> Record {
        Record { form: Form::Page(page) }
    }
}

/// Where a reader keeps the buffer of its last record's line once the record is done with
/// (parsed or dropped), to read the next line into: lines of HTML pages are large, and a new
/// buffer for each line was mostly the kernel clearing fresh pages (57% of a rebuild's time).
#[derive(Debug, Default, Clone)]
pub(crate) struct Spare(Arc<Mutex<Vec<u8>>>);

impl Spare {
    /// The spare buffer, emptied (a new one when there is none).
    pub(crate) fn take(&self) -> Vec<u8> {
        let mut buf = std::mem::take(&mut *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        buf.clear();
        buf
    }

    fn put(&self, buf: Vec<u8>) {
        let mut spare = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // keep the larger one: it holds the next long line without growing
        if buf.capacity() > spare.capacity() {
            *spare = buf;
        }
    }
}

/// A line's bytes, going back to their reader's spare when dropped.
#[derive(Debug)]
pub(crate) struct LineBytes {
    pub(crate) bytes: Vec<u8>,
    pub(crate) home: Spare,
}

impl Drop for LineBytes {
    fn drop(&mut self) {
        self.home.put(std::mem::take(&mut self.bytes));
    }
}
