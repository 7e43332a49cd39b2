//! The embedded database (SQLite): one row per document with its analysis, and the corpus-level
//! results (entities, events). The schema is versioned by `PRAGMA user_version` and migrated
//! forward on open. The store knows rows and JSON, not the pipeline's types.

use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Sqlite { path: String, source: rusqlite::Error },
    #[error("database {path}: schema version {found} is newer than this program ({supported}); use a newer dossier")]
    TooNew { path: String, found: i64, supported: i64 },
    #[error("build lock {path}: {message}")]
    Lock { path: String, message: String },
    #[error("database {path}: row {row}: {message}")]
    Corrupt { path: String, row: String, message: String },
}

/// How long a connection waits for another one's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Schema migrations, in order; migration `i` brings `user_version` from `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: documents and corpus results
    "CREATE TABLE documents (
        source TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        origin TEXT NOT NULL,
        url TEXT,
        lang TEXT NOT NULL,
        title TEXT,
        published TEXT,
        body TEXT NOT NULL,
        analysis TEXT NOT NULL
    );
    CREATE TABLE corpus (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE entities (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE events (id TEXT PRIMARY KEY, date TEXT, data TEXT NOT NULL);",
    // 2: full-text search over the engine's own normalised terms (title and body)
    "CREATE VIRTUAL TABLE search USING fts5(source UNINDEXED, terms, tokenize = 'unicode61 remove_diacritics 0');",
    // 3: the index's rows keyed by an integer id per source: replacing a document's terms was a
    // DELETE on an unindexed FTS5 column, a scan of the whole index per document (quadratic builds)
    "CREATE TABLE search_rows (id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE);
    INSERT INTO search_rows (source) SELECT DISTINCT source FROM search ORDER BY source;
    CREATE VIRTUAL TABLE search_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
    INSERT INTO search_terms (rowid, terms) SELECT r.id, s.terms FROM search s JOIN search_rows r ON r.source = s.source;
    DROP TABLE search;",
    // 4: no table changes: analyses are written with their blocks in a compact form
    // (dossier_article's `compact.rs`) that older programs cannot read; this program reads both
    "",
    // 5: each document's input key (a hash of the raw record it was made from and the engine),
    // looked up before a record is parsed: a rebuild skips records it has stored unparsed.
    // Rows from before have none and are recognised by their fingerprint, as they were. And
    // fingerprints by source read from an index: from the table, each was a read of the page
    // holding the start of a document's body
    "ALTER TABLE documents ADD COLUMN input_key TEXT;
    CREATE INDEX documents_by_input_key ON documents (input_key, source);
    CREATE INDEX documents_fingerprints ON documents (source, fingerprint);",
];

/// One document as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DocRow {
    pub source: String,
    /// Identifies the input and the engine that analysed it: equal fingerprints mean nothing to redo.
    pub fingerprint: String,
    pub origin: String,
    pub url: Option<String>,
    pub lang: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub body: String,
    /// The document's analysis as JSON (the pipeline's `DocAnalysis`).
    pub analysis: String,
    /// Normalised search terms of title and body (see `dossier_text::terms`).
    pub search_terms: String,
    /// Identifies the raw record the document was made from and the engine, when the record
    /// alone made the page (a JSONL line): equal keys mean the same page, without parsing it.
    pub input_key: Option<String>,
}

/// A corpus-level result row: an id, a few columns for filtering, the record as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRow {
    pub id: String,
    pub key: Option<String>,
    pub data: String,
}

const DOC_COLUMNS: &str = "SELECT source, fingerprint, origin, url, lang, title, published, body, analysis, input_key FROM documents";

fn record_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RecordRow> {
    Ok(RecordRow { id: r.get(0)?, key: None, data: r.get(1)? })
}

fn doc_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocRow> {
    Ok(DocRow {
        source: r.get(0)?,
        fingerprint: r.get(1)?,
        origin: r.get(2)?,
        url: r.get(3)?,
        lang: r.get(4)?,
        title: r.get(5)?,
        published: r.get(6)?,
        body: r.get(7)?,
        analysis: r.get(8)?,
        search_terms: String::new(),
        input_key: r.get(9)?,
    })
}

pub struct Store {
    conn: Connection,
    path: String,
}

/// A read transaction (`Store::snapshot`), ended when dropped.
pub struct Snapshot<'a> {
    conn: &'a Connection,
}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        // ending a read transaction releases its lock; it has nothing to write and cannot
        // fail in a way a reader could act on
        let _ = self.conn.execute_batch("COMMIT");
    }
}

/// The corpus-level results being replaced, in one write transaction (`Store::corpus_writer`):
/// rolled back when dropped before `commit`. It borrows the connection mutably, not through a
/// `rusqlite::Transaction`, so that it can be handed to another thread (a build stores entities
/// on a thread of their own while events are merged).
pub struct CorpusWriter<'a> {
    conn: &'a mut Connection,
    path: &'a str,
    committed: bool,
}

impl CorpusWriter<'_> {
    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite { path: self.path.to_string(), source }
    }

    /// Adds entities: `key` is the entity's kind.
    pub fn put_entities(&mut self, rows: &[RecordRow]) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached("INSERT INTO entities (id, kind, name, data) VALUES (?1, ?2, ?3, ?4)").map_err(self.err())?;
        for r in rows {
            stmt.execute(params![r.id, r.key.as_deref().unwrap_or_default(), r.id, r.data]).map_err(self.err())?;
        }
        Ok(())
    }

    /// Adds events: `key` is the event's date.
    pub fn put_events(&mut self, rows: &[RecordRow]) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached("INSERT INTO events (id, date, data) VALUES (?1, ?2, ?3)").map_err(self.err())?;
        for r in rows {
            stmt.execute(params![r.id, r.key, r.data]).map_err(self.err())?;
        }
        Ok(())
    }

    /// Sets corpus-level values with the rows added and makes them all visible at once.
    pub fn commit(mut self, values: &[(&str, String)]) -> Result<(), StoreError> {
        {
            let mut stmt = self.conn.prepare_cached("INSERT OR REPLACE INTO corpus (key, value) VALUES (?1, ?2)").map_err(self.err())?;
            for (k, v) in values {
                stmt.execute(params![k, v]).map_err(self.err())?;
            }
        }
        self.conn.execute_batch("COMMIT").map_err(self.err())?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for CorpusWriter<'_> {
    fn drop(&mut self) {
        if !self.committed {
            // nothing was made visible; a failed rollback leaves SQLite to discard the
            // transaction when the connection closes
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// Held by a build for its whole run: one writer per database at a time. Readers (export,
/// serve) are not blocked: SQLite's WAL gives them a consistent snapshot.
pub struct BuildLock {
    _file: std::fs::File,
}

impl BuildLock {
    /// Takes the build lock of the database at `db` (a `.lock` file beside it). When another
    /// build holds it, calls `on_wait` once and waits for it.
    pub fn acquire(db: &Path, on_wait: impl FnOnce()) -> Result<BuildLock, StoreError> {
        let mut name = db.as_os_str().to_owned();
        name.push(".lock");
        let path = std::path::PathBuf::from(name);
        let io = |e: std::io::Error| StoreError::Lock { path: path.display().to_string(), message: e.to_string() };
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                on_wait();
                file.lock().map_err(io)?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        Ok(BuildLock { _file: file })
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let p = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite { path: p.clone(), source })?;
        let mut store = Store { conn, path: p };
        store.setup()?;
        Ok(store)
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite { path: self.path.clone(), source }
    }

    fn setup(&mut self) -> Result<(), StoreError> {
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(self.err())?;
        self.use_wal()?;
        self.conn.pragma_update(None, "synchronous", "NORMAL").map_err(self.err())?;
        let supported = MIGRATIONS.len() as i64;
        let path = self.path.clone();
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        let current: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(e)?;
        if current == supported {
            return Ok(()); // readers of an up-to-date database take no write lock
        }
        if current > supported {
            return Err(StoreError::TooNew { path: self.path.clone(), found: current, supported });
        }
        // One migration per transaction, each taking the write lock first and reading the
        // version inside it: two processes opening a new database at once apply each
        // migration once (the second finds it done).
        loop {
            let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(e)?;
            let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(e)?;
            if version > supported {
                return Err(StoreError::TooNew { path: self.path.clone(), found: version, supported });
            }
            if version == supported {
                tx.commit().map_err(e)?;
                return Ok(());
            }
            tx.execute_batch(MIGRATIONS[version as usize]).map_err(e)?;
            tx.pragma_update(None, "user_version", version + 1).map_err(e)?;
            tx.commit().map_err(e)?;
        }
    }

    /// Switches the database to write-ahead logging. Switching needs the database to itself,
    /// and SQLite answers "busy" at once, without waiting as it does for other locks, while
    /// another connection opens the same new database: wait and try again, as long as the
    /// busy timeout.
    fn use_wal(&self) -> Result<(), StoreError> {
        let start = std::time::Instant::now();
        loop {
            match self.conn.pragma_update(None, "journal_mode", "WAL") {
                Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::DatabaseBusy && start.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                other => return other.map_err(self.err()),
            }
        }
    }

    /// A second connection to the same database (for reading while this one writes).
    pub fn reader(&self) -> Result<Store, StoreError> {
        Store::open(Path::new(&self.path))
    }

    pub fn schema_version(&self) -> i64 {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap_or(0)
    }

    /// The stored fingerprint of `source`, if any.
    pub fn fingerprint(&self, source: &str) -> Result<Option<String>, StoreError> {
        // asked once per page read: the statement is prepared once
        let mut stmt = self.conn.prepare_cached("SELECT fingerprint FROM documents WHERE source = ?1").map_err(self.err())?;
        stmt.query_row([source], |r| r.get(0)).optional().map_err(self.err())
    }

    /// Starts a read transaction on this connection, ended when the `Snapshot` is dropped: the
    /// lookups made meanwhile read one snapshot of the database and do not take and release
    /// its lock each time (two `fcntl` calls and a `stat` per lookup, a third of a rebuild's
    /// time). Writers on other connections go on, but the log is not checkpointed past the
    /// snapshot while it is held: hold it for a bounded number of lookups.
    pub fn snapshot(&self) -> Result<Snapshot<'_>, StoreError> {
        self.conn.execute_batch("BEGIN").map_err(self.err())?;
        Ok(Snapshot { conn: &self.conn })
    }

    /// The source of the document made from the input with this key (`DocRow::input_key`), if any.
    pub fn source_of_input(&self, input_key: &str) -> Result<Option<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT source FROM documents WHERE input_key = ?1").map_err(self.err())?;
        stmt.query_row([input_key], |r| r.get(0)).optional().map_err(self.err())
    }

    /// Sets the input keys of stored documents, `(source, input_key)`, in one transaction:
    /// the records they were made from, found unchanged by their fingerprint.
    pub fn put_input_keys(&mut self, keys: &[(String, String)]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(e)?;
        {
            let mut stmt = tx.prepare_cached("UPDATE documents SET input_key = ?2 WHERE source = ?1").map_err(e)?;
            for (source, key) in keys {
                stmt.execute([source, key]).map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    /// Stores documents in one transaction (replacing rows with the same source).
    pub fn put_documents(&mut self, rows: &[DocRow]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(e)?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO documents (source, fingerprint, origin, url, lang, title, published, body, analysis, input_key)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(e)?;
            let mut new_id = tx.prepare_cached("INSERT OR IGNORE INTO search_rows (source) VALUES (?1)").map_err(e)?;
            let mut id_of = tx.prepare_cached("SELECT id FROM search_rows WHERE source = ?1").map_err(e)?;
            let mut unindex = tx.prepare_cached("DELETE FROM search_terms WHERE rowid = ?1").map_err(e)?;
            let mut index = tx.prepare_cached("INSERT INTO search_terms (rowid, terms) VALUES (?1, ?2)").map_err(e)?;
            for r in rows {
                stmt.execute(params![r.source, r.fingerprint, r.origin, r.url, r.lang, r.title, r.published, r.body, r.analysis, r.input_key])
                    .map_err(e)?;
                // a new source has nothing indexed yet: only a known one is looked up and unindexed
                let id = if new_id.execute([&r.source]).map_err(e)? == 1 {
                    tx.last_insert_rowid()
                } else {
                    let id: i64 = id_of.query_row([&r.source], |row| row.get(0)).map_err(e)?;
                    unindex.execute([id]).map_err(e)?;
                    id
                };
                index.execute(params![id, r.search_terms]).map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    /// Every document, sorted by source.
    pub fn documents(&self) -> Result<Vec<DocRow>, StoreError> {
        let mut all = Vec::new();
        self.each_document(|d| {
            all.push(d);
            Ok(())
        })?;
        Ok(all)
    }

    /// Calls `f` on every document in source order, one row in memory at a time.
    pub fn each_document<E: From<StoreError>>(&self, mut f: impl FnMut(DocRow) -> Result<(), E>) -> Result<(), E> {
        let mut stmt = self.conn.prepare(&format!("{DOC_COLUMNS} ORDER BY source")).map_err(self.err())?;
        let mut rows = stmt.query([]).map_err(self.err())?;
        while let Some(r) = rows.next().map_err(self.err())? {
            f(doc_row(r).map_err(self.err())?)?;
        }
        Ok(())
    }

    /// Every document's source and fingerprint, sorted by source.
    pub fn fingerprints(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT source, fingerprint FROM documents ORDER BY source").map_err(self.err())?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(self.err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.err())
    }

    /// One document by source.
    pub fn document(&self, source: &str) -> Result<Option<DocRow>, StoreError> {
        self.conn.query_row(&format!("{DOC_COLUMNS} WHERE source = ?1"), [source], doc_row).optional().map_err(self.err())
    }

    /// One document's body by source (what spans index; a point read of one column).
    pub fn body(&self, source: &str) -> Result<Option<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT body FROM documents WHERE source = ?1").map_err(self.err())?;
        stmt.query_row([source], |r| r.get(0)).optional().map_err(self.err())
    }

    /// Documents matching an FTS5 query over the search terms, best first (bm25), at most `limit`.
    pub fn search(&self, fts_query: &str, limit: usize) -> Result<Vec<(String, f64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.source, bm25(search_terms) AS rank FROM search_terms JOIN search_rows r ON r.id = search_terms.rowid
                 WHERE search_terms MATCH ?1 ORDER BY rank, r.source LIMIT ?2",
            )
            .map_err(self.err())?;
        let rows = stmt.query_map(params![fts_query, limit as i64], |r| Ok((r.get(0)?, r.get(1)?))).map_err(self.err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.err())
    }

    /// Replaces the corpus-level results in one transaction.
    pub fn put_corpus(&mut self, entities: &[RecordRow], events: &[RecordRow], values: &[(&str, String)]) -> Result<(), StoreError> {
        let mut writer = self.corpus_writer()?;
        writer.put_entities(entities)?;
        writer.put_events(events)?;
        writer.commit(values)
    }

    /// Starts replacing the corpus-level results: the old entities and events are deleted in a
    /// write transaction that the returned writer holds, rows are added to it a few at a time,
    /// and `CorpusWriter::commit` ends it. Until then readers see the old results, and a writer
    /// dropped uncommitted (a failed build) leaves them as they were.
    pub fn corpus_writer(&mut self) -> Result<CorpusWriter<'_>, StoreError> {
        let Store { conn, path } = self;
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        conn.execute_batch("BEGIN IMMEDIATE").map_err(e)?;
        // from here on, dropping the writer rolls back
        let writer = CorpusWriter { conn, path, committed: false };
        writer.conn.execute_batch("DELETE FROM entities; DELETE FROM events;").map_err(writer.err())?;
        Ok(writer)
    }

    /// A corpus-level value (such as the fingerprint of the documents it was computed from).
    pub fn corpus_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn.query_row("SELECT value FROM corpus WHERE key = ?1", [key], |r| r.get(0)).optional().map_err(self.err())
    }

    /// Sets one corpus-level value.
    pub fn put_corpus_value(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute("INSERT OR REPLACE INTO corpus (key, value) VALUES (?1, ?2)", params![key, value]).map(|_| ()).map_err(self.err())
    }

    /// Calls `f` on every row of `table` (entities or events), sorted by id, one row held at a
    /// time.
    fn each_record<E: From<StoreError>>(&self, table: &str, mut f: impl FnMut(RecordRow) -> Result<(), E>) -> Result<(), E> {
        let sql = format!("SELECT id, data FROM {table} ORDER BY id");
        let mut stmt = self.conn.prepare(&sql).map_err(self.err())?;
        let mut rows = stmt.query([]).map_err(self.err())?;
        while let Some(r) = rows.next().map_err(self.err())? {
            f(record_row(r).map_err(self.err())?)?;
        }
        Ok(())
    }

    fn records(&self, table: &str) -> Result<Vec<RecordRow>, StoreError> {
        let mut all = Vec::new();
        self.each_record::<StoreError>(table, |r| {
            all.push(r);
            Ok(())
        })?;
        Ok(all)
    }

    pub fn entities(&self) -> Result<Vec<RecordRow>, StoreError> {
        self.records("entities")
    }

    pub fn events(&self) -> Result<Vec<RecordRow>, StoreError> {
        self.records("events")
    }

    /// Calls `f` on every stored entity, sorted by id, one at a time (however large the corpus).
    pub fn each_entity<E: From<StoreError>>(&self, f: impl FnMut(RecordRow) -> Result<(), E>) -> Result<(), E> {
        self.each_record("entities", f)
    }

    /// One stored event by id.
    pub fn event(&self, id: &str) -> Result<Option<RecordRow>, StoreError> {
        self.conn
            .query_row("SELECT id, data FROM events WHERE id = ?1", [id], record_row)
            .optional()
            .map_err(self.err())
    }

    /// Calls `f` on every stored event, sorted by id, one at a time.
    pub fn each_event<E: From<StoreError>>(&self, f: impl FnMut(RecordRow) -> Result<(), E>) -> Result<(), E> {
        self.each_record("events", f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(source: &str, fp: &str) -> DocRow {
        DocRow {
            source: source.into(),
            fingerprint: fp.into(),
            origin: format!("dir/{source}"),
            url: None,
            lang: "fr".into(),
            title: Some("Titre".into()),
            published: None,
            body: "Texte.".into(),
            analysis: "{}".into(),
            search_terms: format!("texte {source}"),
            input_key: None,
        }
    }

    #[test]
    fn a_second_build_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let first = BuildLock::acquire(&db, || panic!("nobody holds it yet")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let db2 = db.clone();
        let waiter = std::thread::spawn(move || {
            let mut waited = false;
            let _second = BuildLock::acquire(&db2, || waited = true).unwrap();
            tx.send(waited).unwrap();
        });
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(rx.try_recv().is_err(), "the second lock must wait");
        drop(first);
        assert!(rx.recv().unwrap(), "the waiter was told it waits");
        waiter.join().unwrap();
    }

    #[test]
    fn migrates_stores_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version(), MIGRATIONS.len() as i64);
        s.put_documents(&[row("b", "1"), row("a", "1")]).unwrap();
        s.put_documents(&[row("a", "2")]).unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        let docs = s.documents().unwrap();
        assert_eq!(docs.iter().map(|d| d.source.as_str()).collect::<Vec<_>>(), vec!["a", "b"]);
        assert_eq!(s.fingerprint("a").unwrap().as_deref(), Some("2"));
        assert_eq!(s.fingerprint("zz").unwrap(), None);
        let hits = s.search("\"texte\"", 10).unwrap();
        assert_eq!(hits.len(), 2, "replaced rows are indexed once: {hits:?}");
        assert_eq!(s.search("\"b\"", 10).unwrap()[0].0, "b");
    }

    #[test]
    fn a_body_is_read_by_source_on_a_reader_while_the_corpus_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db")).unwrap();
        let mut changed = row("a", "1");
        changed.body = "Corps de a.".into();
        s.put_documents(&[changed, row("b", "1")]).unwrap();
        let reader = s.reader().unwrap();
        let writer = s.corpus_writer().unwrap();
        assert_eq!(reader.body("a").unwrap().as_deref(), Some("Corps de a."));
        assert_eq!(reader.body("b").unwrap().as_deref(), Some("Texte."));
        assert_eq!(reader.body("zz").unwrap(), None);
        drop(writer);
    }

    /// A database as a program of schema `version` left it (its migrations only).
    fn database_at_version(path: &std::path::Path, version: usize) -> Connection {
        let conn = Connection::open(path).unwrap();
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", version as i64).unwrap();
        conn
    }

    #[test]
    fn a_version_2_index_is_carried_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let conn = database_at_version(&path, 2);
            conn.execute("INSERT INTO search (source, terms) VALUES ('a', 'alpha'), ('b', 'beta alpha')", []).unwrap();
        }
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version(), MIGRATIONS.len() as i64);
        let mut hits = s.search("\"alpha\"", 10).unwrap().into_iter().map(|h| h.0).collect::<Vec<_>>();
        hits.sort();
        assert_eq!(hits, vec!["a", "b"]);
        s.put_documents(&[row("b", "1")]).unwrap();
        assert_eq!(s.search("\"beta\"", 10).unwrap().len(), 0, "b's old terms were replaced");
        assert_eq!(s.search("\"alpha\"", 10).unwrap().len(), 1);
    }

    #[test]
    fn a_version_3_database_is_carried_over_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let old_analysis = r#"{"article":{"blocks":[{"raw":{"start":0,"end":4},"body":null,"removed":null}]}}"#;
        {
            let conn = database_at_version(&path, 3);
            conn.execute(
                "INSERT INTO documents (source, fingerprint, origin, lang, body, analysis) VALUES ('a', '1', 'dir/a', 'fr', 'Texte.', ?1)",
                [old_analysis],
            )
            .unwrap();
            conn.execute_batch("INSERT INTO search_rows (id, source) VALUES (1, 'a'); INSERT INTO search_terms (rowid, terms) VALUES (1, 'texte');").unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version(), MIGRATIONS.len() as i64);
        let a = s.document("a").unwrap().unwrap();
        assert_eq!((a.analysis.as_str(), a.body.as_str()), (old_analysis, "Texte."), "rows are kept as they were: readers read both forms");
        assert_eq!(s.search("\"texte\"", 10).unwrap().len(), 1);
    }

    #[test]
    fn a_version_4_database_migrates_and_its_rows_get_input_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let conn = database_at_version(&path, 4);
            conn.execute("INSERT INTO documents (source, fingerprint, origin, lang, body, analysis) VALUES ('a', '1', 'dir/a', 'fr', 'Texte.', '{}')", [])
                .unwrap();
        }
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version(), 5);
        let a = s.document("a").unwrap().unwrap();
        assert_eq!((a.fingerprint.as_str(), a.input_key), ("1", None), "an older row is kept, without a key");
        assert_eq!(s.source_of_input("k1").unwrap(), None);
        s.put_input_keys(&[("a".into(), "k1".into()), ("gone".into(), "k2".into())]).unwrap();
        assert_eq!(s.source_of_input("k1").unwrap().as_deref(), Some("a"));
        assert_eq!(s.source_of_input("k2").unwrap(), None, "a key names a stored document only");
        // a document stored again takes its new key, and its old one names nothing
        s.put_documents(&[DocRow { input_key: Some("k3".into()), ..row("a", "2") }, row("b", "1")]).unwrap();
        assert_eq!(s.source_of_input("k1").unwrap(), None);
        assert_eq!(s.source_of_input("k3").unwrap().as_deref(), Some("a"));
        assert_eq!(s.document("b").unwrap().unwrap().input_key, None);
    }

    #[test]
    fn a_snapshot_reads_one_state_of_the_database_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut writer = Store::open(&path).unwrap();
        let reader = writer.reader().unwrap();
        writer.put_documents(&[row("a", "1")]).unwrap();
        let snapshot = reader.snapshot().unwrap();
        assert_eq!(reader.fingerprint("a").unwrap().as_deref(), Some("1"));
        writer.put_documents(&[row("a", "2")]).unwrap();
        assert_eq!(reader.fingerprint("a").unwrap().as_deref(), Some("1"), "the writer is not blocked; the reader sees its snapshot");
        drop(snapshot);
        assert_eq!(reader.fingerprint("a").unwrap().as_deref(), Some("2"));
        assert!(reader.snapshot().is_ok(), "the transaction was ended");
    }

    fn record(id: &str, key: Option<&str>) -> RecordRow {
        RecordRow { id: id.into(), key: key.map(Into::into), data: format!("{{\"id\":\"{id}\"}}") }
    }

    fn ids(rows: Vec<RecordRow>) -> Vec<String> {
        rows.into_iter().map(|r| r.id).collect()
    }

    #[test]
    fn a_corpus_written_in_chunks_replaces_the_old_one_when_committed_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path).unwrap();
        let reader = s.reader().unwrap();
        s.put_corpus(&[record("e-old", Some("person"))], &[record("v-old", None)], &[("fingerprint", "1".into())]).unwrap();

        // a writer dropped before committing (a failed build) leaves the old corpus whole
        let mut writer = s.corpus_writer().unwrap();
        writer.put_entities(&[record("e1", Some("person"))]).unwrap();
        writer.put_events(&[record("v1", Some("2024-01-02"))]).unwrap();
        drop(writer);
        assert_eq!(ids(s.entities().unwrap()), ["e-old"]);
        assert_eq!(ids(s.events().unwrap()), ["v-old"]);
        assert_eq!(s.corpus_value("fingerprint").unwrap().as_deref(), Some("1"));

        // chunks added one after the other; readers see the old corpus until the commit
        let mut writer = s.corpus_writer().unwrap();
        writer.put_entities(&[record("e1", Some("person")), record("e2", Some("place"))]).unwrap();
        writer.put_entities(&[record("e3", None)]).unwrap();
        writer.put_events(&[record("v1", Some("2024-01-02"))]).unwrap();
        assert_eq!(ids(reader.entities().unwrap()), ["e-old"]);
        assert_eq!(reader.corpus_value("fingerprint").unwrap().as_deref(), Some("1"));
        writer.put_events(&[record("v2", None)]).unwrap();
        writer.commit(&[("fingerprint", "2".into()), ("inferred", "{}".into())]).unwrap();
        assert_eq!(ids(reader.entities().unwrap()), ["e1", "e2", "e3"]);
        assert_eq!(ids(reader.events().unwrap()), ["v1", "v2"]);
        assert_eq!(reader.corpus_value("fingerprint").unwrap().as_deref(), Some("2"));
        assert_eq!(reader.corpus_value("inferred").unwrap().as_deref(), Some("{}"));
        let kinds: Vec<String> = s.conn.prepare("SELECT kind FROM entities ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        assert_eq!(kinds, ["person", "place", ""]);
        let dates: Vec<Option<String>> = s.conn.prepare("SELECT date FROM events ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        assert_eq!(dates, [Some("2024-01-02".to_string()), None]);
    }

    #[test]
    fn a_failed_insert_rolls_the_whole_corpus_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db")).unwrap();
        s.put_corpus(&[record("e-old", None)], &[], &[]).unwrap();
        let mut writer = s.corpus_writer().unwrap();
        writer.put_entities(&[record("e1", None)]).unwrap();
        assert!(writer.put_entities(&[record("e1", None)]).is_err(), "ids are unique");
        drop(writer);
        assert_eq!(ids(s.entities().unwrap()), ["e-old"]);
        assert!(s.corpus_writer().is_ok(), "the transaction was ended");
    }

    #[test]
    fn a_database_newer_than_the_program_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Store::open(&path).unwrap());
        let newer = MIGRATIONS.len() as i64 + 1;
        Connection::open(&path).unwrap().pragma_update(None, "user_version", newer).unwrap();
        match Store::open(&path) {
            Err(StoreError::TooNew { found, supported, .. }) => assert_eq!((found, supported), (newer, MIGRATIONS.len() as i64)),
            other => panic!("opened a newer database: {:?}", other.map(|s| s.schema_version())),
        }
    }

    /// Replaced rows leave the ranking as if the index had been built from the final terms
    /// (a contentless FTS5 table with `contentless_delete` does not: its totals keep the
    /// deleted rows, and bm25 scores change after a rebuild).
    #[test]
    fn replaced_rows_rank_like_a_fresh_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path).unwrap();
        let texts = ["alpha beta", "alpha alpha gamma", "beta gamma delta alpha", "delta", "alpha beta alpha beta epsilon"];
        let rows: Vec<DocRow> = texts.iter().enumerate().map(|(i, t)| DocRow { search_terms: t.to_string(), ..row(&format!("d{i}"), "1") }).collect();
        s.put_documents(&rows).unwrap();
        // and again, replacing two of them
        s.put_documents(&[DocRow { search_terms: "alpha zeta".into(), ..row("d3", "2") }, DocRow { search_terms: "beta".into(), ..row("d0", "2") }])
            .unwrap();
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');").unwrap();
        let mut final_texts = texts.to_vec();
        final_texts[3] = "alpha zeta";
        final_texts[0] = "beta";
        for (i, t) in final_texts.iter().enumerate() {
            conn.execute("INSERT INTO t (rowid, terms) VALUES (?1, ?2)", params![i as i64, t]).unwrap();
        }
        for q in ["\"alpha\"", "\"beta\"", "\"alpha beta\"", "(\"gamma\" OR \"zeta\") AND \"alpha\""] {
            let got = s.search(q, 10).unwrap();
            let mut want: Vec<(String, f64)> = conn
                .prepare("SELECT rowid, bm25(t) FROM t WHERE t MATCH ?1")
                .unwrap()
                .query_map([q], |r| Ok((format!("d{}", r.get::<_, i64>(0)?), r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            want.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            assert_eq!(got, want, "{q}");
        }
    }

    #[test]
    fn stores_opened_at_once_on_a_new_database_migrate_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || Store::open(&path).map(|s| s.schema_version()))
            })
            .collect();
        for o in openers {
            assert_eq!(o.join().unwrap().unwrap(), MIGRATIONS.len() as i64);
        }
    }
}
