//! `dossier serve` over HTTP: a database built from ../shared/seeds plus one hostile page,
//! served in-process on 127.0.0.1:0; every page and API route requested over a socket.

use dossier::serve::Server;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::OnceLock;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
const HOSTILE_ID: &str = "hostile-<script>alert(1)</script>.txt";

struct Fixture {
    addr: SocketAddr,
    export: Value,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let hostile = dir.join("hostile.jsonl");
        let page = serde_json::json!({
            "id": HOSTILE_ID,
            "url": "javascript:alert(1)",
            "title": "Hostile <script>alert(1)</script> page",
            "text": "Hostile page <script>alert(1)</script>\n\n\
                     The minister of the interior received the ambassador in Rabat on Monday 3 June 2024 to discuss security cooperation between the two countries, a statement said. <img src=x onerror=alert(1)> was written in the page.\n\n\
                     Officials said the talks covered terrorism and migration, and a follow-up meeting is planned; see <a href=\"javascript:alert(1)\">this link</a> and javascript:alert(1) for details of the agreement.\n",
        });
        std::fs::write(&hostile, format!("{page}\n")).unwrap();
        let db = dir.join("seeds.db");
        let mut store = dossier::store::Store::open(&db).unwrap();
        let inputs = vec![SEEDS.to_string(), hostile.display().to_string()];
        let report = dossier::build::build(&mut store, dossier::page::read_inputs(&inputs, Default::default()), |_| {}).unwrap();
        assert!(report.failures.is_empty(), "{:?}", report.failures);
        let docs = dossier::build::load_analyses(&store.documents().unwrap()).unwrap();
        let corpus = dossier::build::load_corpus(&store).unwrap();
        let export = dossier::export::to_json(&docs, &corpus);
        drop(store);
        let server = Server::bind(&db, "127.0.0.1:0").unwrap();
        let addr = server.local_addr().unwrap();
        std::thread::spawn(move || server.run());
        Fixture { addr, export }
    })
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> &str {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        assert_eq!(self.header("content-type"), "application/json");
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn raw(request: &str) -> Reply {
    let mut s = TcpStream::connect(fixture().addr).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8(buf).expect("UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines.filter_map(|l| l.split_once(": ")).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Reply { status, headers, body: body.to_string() }
}

fn get(target: &str) -> Reply {
    raw(&format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

fn html(target: &str) -> String {
    let r = get(target);
    assert_eq!(r.status, 200, "{target}: {}", r.body);
    assert_eq!(r.header("content-type"), "text/html; charset=utf-8", "{target}");
    assert!(r.header("content-security-policy").contains("default-src 'none'"), "{target}");
    assert!(r.body.starts_with("<!DOCTYPE html>"), "{target}");
    assert_no_live_markup(target, &r.body);
    r.body
}

/// No script, no external resource, no handler attribute, no javascript: URL in the markup.
fn assert_no_live_markup(target: &str, body: &str) {
    let lower = body.to_lowercase();
    for bad in ["<script", "<img", "<iframe", "href=\"javascript:", "src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(!lower.contains(bad), "{target}: {bad:?} in the page");
    }
    // no attribute named on...: read each tag's attribute names, skipping quoted values
    for name in attribute_names(&lower) {
        assert!(!name.starts_with("on"), "{target}: handler attribute {name}");
    }
}

fn attribute_names(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut names = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
            i += 1; // tag name
        }
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            names.push(html[start..i].to_string());
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && b[i] == b'"' {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
    }
    names
}

/// The `data-date`s of the timeline list, in page order.
fn list_dates(body: &str) -> Vec<String> {
    let list = body.split("<ol class=\"events\" id=\"events\">").nth(1).and_then(|s| s.split("</ol>").next()).unwrap_or("");
    list.split("<li data-date=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn events() -> &'static Vec<Value> {
    fixture().export["events"].as_array().unwrap()
}

fn hammouchi_id() -> String {
    let ents = fixture().export["entities"].as_array().unwrap();
    ents.iter().find(|e| e["name"].as_str().is_some_and(|n| n.contains("Hammouchi"))).expect("Hammouchi entity")["id"].as_str().unwrap().to_string()
}

#[test]
fn timeline_lists_events_by_date_with_the_hammouchi_occasions_in_order() {
    for target in ["/", "/timeline"] {
        let body = html(target);
        assert!(body.contains("<svg id=\"axis\""), "{target}");
        let dates = list_dates(&body);
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
        let dated = events().iter().filter(|e| e["date"].is_string()).count();
        assert_eq!(dates.len(), dated, "every dated event listed");
        let occasions = ["2020-09-24", "2022-06-13", "2022-06-16", "2023-04-07"];
        let pos: Vec<usize> = occasions.iter().filter_map(|d| dates.iter().position(|x| x.starts_with(d))).collect();
        assert!(pos.len() >= 3, "occasions found: {dates:?}");
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    }
}

#[test]
fn timeline_zooms_by_year_and_month() {
    let body = html("/timeline?year=2022");
    assert!(body.contains(">2022-06</text>") && body.contains(">2022-12</text>"));
    let dates = list_dates(&body);
    assert!(!dates.is_empty() && dates.iter().all(|d| d.starts_with("2022")), "{dates:?}");
    let body = html("/timeline?year=2022&month=06");
    assert!(body.contains(">30</text>") && !body.contains(">31</text>"), "June has 30 day ticks");
    assert!(list_dates(&body).iter().all(|d| d.starts_with("2022-06")));
    let body = html("/timeline?year=2021");
    assert!(list_dates(&body).is_empty());
}

#[test]
fn timeline_filters_as_in_the_cli() {
    let all = list_dates(&html("/timeline"));
    let arabic = list_dates(&html(&format!("/timeline?entity={}", enc("حموشي"))));
    let latin = list_dates(&html("/timeline?entity=hammouchi"));
    assert_eq!(arabic, latin, "any alias, any script");
    assert!(!latin.is_empty() && latin.len() < all.len() + 1);
    let from = list_dates(&html("/timeline?from=2023"));
    assert!(!from.is_empty() && from.iter().all(|d| d.as_str() >= "2023"), "{from:?}");
    let to = list_dates(&html("/timeline?to=2021-12-31"));
    assert!(to.iter().all(|d| d.as_str() < "2022"), "{to:?}");
    let body = html("/timeline?place=Madrid");
    let list = body.split("id=\"events\"").nth(1).unwrap();
    assert_eq!(list_dates(&body).len(), list.matches("Madrid</span>").count());
    let receive = html("/timeline?type=receive");
    assert!(list_dates(&receive).len() < all.len());
    assert!(receive.contains("value=\"receive\""), "the form keeps the filter");
    let none = html(&format!("/timeline?entity={}", enc("<no such person>")));
    assert!(list_dates(&none).is_empty() && none.contains("value=\"&lt;no such person&gt;\""));
}

#[test]
fn every_event_page_shows_facts_and_highlighted_evidence() {
    assert!(!events().is_empty());
    let mut with_participants = 0;
    for e in events() {
        let id = e["id"].as_str().unwrap();
        let body = html(&format!("/events/{}", enc(id)));
        assert!(body.contains("<mark class=\"evidence\">"), "{id}: no evidence marked");
        for s in e["sources"].as_array().unwrap() {
            assert!(body.contains(&format!("href=\"/documents/{}\"", enc(s["document"].as_str().unwrap()))), "{id}");
        }
        for p in e["participants"].as_array().unwrap() {
            if let Some(ent) = p["entity"].as_str() {
                assert!(body.contains(&format!("href=\"/entities/{}\"", enc(ent))), "{id}");
            }
        }
        // the marked text is the evidence (with the facts marked inside it)
        let text = body.split("<div class=\"text\"").nth(1).unwrap_or_else(|| panic!("{id}: no text"));
        let marked = strip_tags(text.split("<mark class=\"evidence\">").nth(1).unwrap().split("</div>").next().unwrap());
        let told = e["sources"].as_array().unwrap().iter().any(|s| {
            let piece = s["evidence"].as_str().unwrap().split('…').next().unwrap().trim();
            let head: String = piece.chars().take(20).collect();
            marked.contains(&escape(&head))
        });
        assert!(told, "{id}: {marked}");
        with_participants += body.contains("<mark class=\"person\" title=\"participant\">") as usize;
    }
    assert!(with_participants * 2 >= events().len(), "participants marked in the evidence of {with_participants} events");
    assert_eq!(get("/events/no-such-event").status, 404);
}

#[test]
fn entity_page_groups_names_by_script_and_draws_the_network() {
    let id = hammouchi_id();
    let body = html(&format!("/entities/{}", enc(&id)));
    assert!(body.contains("<tr><th>Latin</th>") && body.contains("<tr><th>Arabic</th>"), "names by script");
    assert!(body.contains("<svg id=\"network\""));
    assert!(body.contains("Roles over time"));
    let n_events = events().iter().filter(|e| e["participants"].as_array().unwrap().iter().any(|p| p["entity"] == id.as_str())).count();
    assert!(body.contains(&format!("<h2>Events ({n_events})</h2>")));
    for e in fixture().export["entities"].as_array().unwrap() {
        html(&format!("/entities/{}", enc(e["id"].as_str().unwrap())));
    }
    let rabat = fixture().export["entities"].as_array().unwrap().iter().find(|e| e["name"] == "Rabat").expect("Rabat")["id"].as_str().unwrap().to_string();
    assert!(html(&format!("/entities/{}", enc(&rabat))).contains("<h2>Events here ("), "a place lists the events held there");
    assert_eq!(get("/entities/nobody").status, 404);
}

#[test]
fn every_document_page_marks_dates_and_names_and_keeps_boilerplate_on_demand() {
    for d in fixture().export["documents"].as_array().unwrap() {
        let src = d["source"].as_str().unwrap();
        let body = html(&format!("/documents/{}", enc(src)));
        assert!(body.contains("<details id=\"removed\"><summary>"), "{src}");
        let cited = events().iter().any(|e| e["sources"].as_array().unwrap().iter().any(|s| s["document"] == src));
        let text = body.split("id=\"body\"").nth(1).and_then(|t| t.split("</div>").next()).unwrap_or("");
        assert_eq!(text.contains("<span class=\"cited\""), cited, "{src}: evidence of the events citing it");
        if !src.starts_with("hostile") {
            assert!(body.contains("<mark class=\"date\""), "{src}: no date marked");
            assert!(body.contains("<mark class=\"person\""), "{src}: no person marked");
        }
    }
}

#[test]
fn search_page_marks_matches() {
    let body = html(&format!("/search?q={}", enc("Hammouchi")));
    assert!(body.contains("<mark>Hammouchi</mark>"));
    let body = html(&format!("/search?q={}", enc("حموشي")));
    assert!(body.contains("<mark>"));
    html("/search");
    html("/search?q=");
}

#[test]
fn api_mirrors_the_pages() {
    let all = get("/api/events").json();
    assert_eq!(all["count"].as_u64().unwrap() as usize, events().len());
    let dates: Vec<&str> = all["events"].as_array().unwrap().iter().filter_map(|e| e["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let june = get("/api/events?year=2022&month=6").json();
    let html_june = list_dates(&html("/timeline?year=2022&month=6"));
    let api_june: Vec<&str> = june["events"].as_array().unwrap().iter().filter_map(|e| e["date"].as_str()).collect();
    assert_eq!(api_june, html_june, "the API zooms like the page");
    let filtered = get(&format!("/api/events?entity={}&from=2022", enc("حموشي"))).json();
    assert!(filtered["events"].as_array().unwrap().iter().all(|e| e["date"].as_str().is_some_and(|d| d >= "2022")));
    for e in events() {
        let id = e["id"].as_str().unwrap();
        let one = get(&format!("/api/events/{}", enc(id))).json();
        assert_eq!(&one, e, "the event as exported");
    }
    let id = hammouchi_id();
    let ent = get(&format!("/api/entities/{}", enc(&id))).json();
    assert_eq!(ent["entity"]["id"], id.as_str());
    assert!(!ent["events"].as_array().unwrap().is_empty() && !ent["co_participants"].as_array().unwrap().is_empty());
    assert!(get("/api/entities").json()["count"].as_u64().unwrap() > 0);
    for d in fixture().export["documents"].as_array().unwrap() {
        let doc = get(&format!("/api/documents/{}", enc(d["source"].as_str().unwrap()))).json();
        assert_eq!(doc["body"], d["body"]);
        assert!(doc["removed"].is_array() && doc["dates"].is_array() && doc["mentions"].is_array());
    }
    let list = get("/api/documents").json();
    assert_eq!(list["count"], fixture().export["documents"].as_array().unwrap().len());
    let body = html("/documents");
    for d in fixture().export["documents"].as_array().unwrap() {
        assert!(body.contains(&format!("href=\"/documents/{}\"", enc(d["source"].as_str().unwrap()))));
    }
    let hits = get(&format!("/api/search?q={}", enc("Hammouchi"))).json();
    assert!(hits["count"].as_u64().unwrap() > 0);
    let h = &hits["hits"][0];
    let snippet = h["snippet"].as_str().unwrap();
    let m = &h["marks"][0];
    let word = snippet.get(m["start"].as_u64().unwrap() as usize..m["end"].as_u64().unwrap() as usize).unwrap();
    assert_eq!(word, "Hammouchi");
    for missing in ["/api/events/nope", "/api/entities/nope", "/api/documents/nope"] {
        let r = get(missing);
        assert_eq!(r.status, 404, "{missing}");
        assert!(r.json()["error"].is_string());
    }
    assert_eq!(get("/api/search").status, 400);
}

#[test]
fn a_hostile_page_is_shown_as_text() {
    let body = html(&format!("/documents/{}", enc(HOSTILE_ID)));
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "title and source escaped");
    assert!(body.contains("&lt;img src=x onerror=alert(1)&gt;"), "body escaped");
    assert!(body.contains("&lt;a href=&quot;javascript:alert(1)&quot;&gt;"), "link shown as text");
    assert!(body.contains("<code>javascript:alert(1)</code>"), "the page's URL is text, not a link");
    // pages that show the hostile page's title, text or id
    let body = html("/search?q=alert");
    assert!(body.contains("&lt;script&gt;") || body.contains("0 result"), "search");
    html(&format!("/search?q={}", enc("<script>alert(1)</script>")));
    html(&format!("/timeline?entity={}&place={}", enc("\"><script>alert(1)</script>"), enc("<img src=x onerror=alert(1)>")));
    html(&format!("/entities/{}", enc(&hammouchi_id())));
    for e in events() {
        html(&format!("/events/{}", enc(e["id"].as_str().unwrap())));
    }
    let not_found = get(&format!("/events/{}", enc("<script>alert(1)</script>")));
    assert_eq!(not_found.status, 404);
    assert_no_live_markup("404", &not_found.body);
    // the API is JSON, never HTML
    let doc = get(&format!("/api/documents/{}", enc(HOSTILE_ID)));
    assert_eq!(doc.json()["source"], HOSTILE_ID);
    assert_eq!(doc.header("x-content-type-options"), "nosniff");
}

#[test]
fn path_traversal_is_refused() {
    for target in [
        "/documents/..%2F..%2Fetc%2Fpasswd",
        "/documents/../../etc/passwd",
        "/documents/%2e%2e/%2e%2e/etc/passwd",
        "/documents/..%5C..%5Cetc%5Cpasswd",
        "/api/documents/..%2F..%2Fetc%2Fpasswd",
        "/entities/..%2F..%2Fetc%2Fpasswd",
        "/events/..",
        "/documents/a%00b",
    ] {
        let r = get(target);
        assert_eq!(r.status, 400, "{target}");
        assert!(!r.body.contains("root:"), "{target}");
    }
    for target in ["/documents/%2Fetc%2Fpasswd", "/documents/etc/passwd", "/api/documents/%2Fetc%2Fpasswd"] {
        let r = get(target);
        assert_eq!(r.status, 404, "{target}: looked up, not found");
        assert!(!r.body.contains("root:"), "{target}");
    }
}

#[test]
fn read_only_and_robust() {
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let r = raw(&format!("{method} /api/events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), "GET, HEAD");
    }
    let head = raw("HEAD /timeline HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(raw("garbage\r\n\r\n").status, 400);
    assert_eq!(raw(&format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(40_000))).status, 431);
    let long = format!("/events/{}", "x".repeat(8000));
    for target in [
        "/events/", "/events/%ff%fe", "/entities/%", "/timeline?year=99999&month=13", "/timeline?year=-1", "/timeline?year=2022&month=0",
        "/timeline?from=garbage&to=%ff", "/timeline?year=1&month=1", "/search?q=%22%22%22", "/search?q=%2A%28%29", "/api/search?q=+",
        "/api/search?q=x&limit=999999999999999999999", "/api/events?type=%00", long.as_str(), "/timeline#frag", "/a/b/c/d", "*",
    ] {
        let r = get(target);
        assert!(r.status < 500, "{target}: {}", r.status);
        if r.header("content-type").starts_with("text/html") {
            assert_no_live_markup(target, &r.body);
        }
    }
    assert_eq!(get("/timeline").status, 200, "still serving");
}

#[test]
fn the_binary_refuses_a_missing_database() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--db", "/nonexistent/dir/x.db", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no database at /nonexistent/dir/x.db"), "{err}");
}

/// Fields other engineers add to events and entities show, escaped, without code here knowing
/// them; conflicts between sources are shown.
#[test]
fn unknown_fields_and_conflicts_are_rendered_generically() {
    let src = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-{}", std::process::id())).join("seeds.db");
    fixture();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-ext-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("ext.db");
    std::fs::copy(&src, &db).unwrap();
    let mut store = dossier::store::Store::open(&db).unwrap();
    let mut evs = store.events().unwrap();
    let mut ents = store.entities().unwrap();
    let ev = evs.iter_mut().find(|r| r.data.contains("Hammouchi")).unwrap();
    let mut v: Value = serde_json::from_str(&ev.data).unwrap();
    v["novel_field"] = serde_json::json!({"score": 0.5, "note": "<script>alert(1)</script>"});
    v["conflicts"] = serde_json::json!([{"field": "date", "claims": [{"value": "2020-09-24", "documents": ["a.txt"]}, {"value": "2020-09-25<b>", "documents": ["b.txt"]}]}]);
    ev.data = v.to_string();
    let ev_id = ev.id.clone();
    let ent = ents.iter_mut().find(|r| r.data.contains("Hammouchi")).unwrap();
    let mut e: Value = serde_json::from_str(&ent.data).unwrap();
    e["novel_list"] = serde_json::json!(["<img src=x onerror=alert(1)>", 2]);
    ent.data = e.to_string();
    let ent_id = ent.id.clone();
    let fp = store.corpus_value("fingerprint").unwrap().unwrap();
    let inferred = store.corpus_value("inferred").unwrap().unwrap_or_else(|| "{}".into());
    store.put_corpus(&ents, &evs, &[("fingerprint", fp), ("inferred", inferred)]).unwrap();
    drop(store);
    let state = dossier::serve::State::new(&db);
    let page = |target: &str| {
        let r = dossier::serve::handle(&state, "GET", target);
        assert_eq!(r.status, 200, "{target}");
        let body = String::from_utf8(r.body).unwrap();
        assert_no_live_markup(target, &body);
        body
    };
    let body = page(&format!("/events/{}", enc(&ev_id)));
    assert!(body.contains("<th>novel_field</th>") && body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "other fields");
    assert!(body.contains("Sources disagree") && body.contains("2020-09-25&lt;b&gt;"), "conflicts");
    let body = page(&format!("/entities/{}", enc(&ent_id)));
    assert!(body.contains("<th>novel_list</th>") && body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let r = dossier::serve::handle(&state, "GET", &format!("/api/events/{}", enc(&ev_id)));
    let v: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["novel_field"]["score"], 0.5, "the API returns every stored field");
}

#[test]
fn concurrent_requests_are_all_answered() {
    let n = 3 * dossier::serve::MAX_CONNECTIONS;
    let targets = ["/timeline", "/api/events", "/search?q=Hammouchi"];
    let handles: Vec<_> = (0..n).map(|i| std::thread::spawn(move || (get(targets[i % 3]).status, i))).collect();
    for h in handles {
        let (status, i) = h.join().unwrap();
        assert_eq!(status, 200, "request {i}");
    }
}
