#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets under fuzz/corpus/<target>/ at run time:
#   - the team-written example pages (examples/), and the date suite (crates/time/tests/data/suite.tsv);
#   - when present, the third-party pages beside the repository (../shared/seeds,
#     ../shared/dev/pages.jsonl, a few of ../shared/bench/article-extraction/html).
# fuzz/corpus/ is git-ignored: third-party text must never be committed.
# Usage: fuzz/seed.sh            (idempotent; existing corpus files are kept)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${SHARED:-$root/../shared}"
exec python3 - "$root" "$shared" "$here/corpus" <<'PY'
import gzip, hashlib, json, os, sys, zlib
root, shared, out = sys.argv[1:4]
MAX = 60_000  # below the -max_len the runs use

def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = data[:MAX]
    if not data:
        return
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def read(p):
    with open(p, "rb") as f:
        b = f.read()
    return gzip.decompress(b) if b[:2] == b"\x1f\x8b" else b

ex = os.path.join(root, "examples")
texts, htmls, records = [], [], []
for name in sorted(os.listdir(ex)):
    p = os.path.join(ex, name)
    if not os.path.isfile(p) or name in ("README.md", "gold.json"):
        continue
    b = read(p)
    if ".jsonl" in name:
        records += [json.loads(l) for l in b.decode().splitlines() if l.strip()]
        put("jsonl", b)
    elif ".htm" in name:
        htmls.append(b)
    else:
        texts.append(b)
seeds = os.path.join(shared, "seeds")
if os.path.isdir(seeds):
    texts += [read(os.path.join(seeds, n)) for n in sorted(os.listdir(seeds))]
dev = os.path.join(shared, "dev", "pages.jsonl")
if os.path.isfile(dev):
    lines = read(dev).decode().splitlines()
    for i in range(0, len(lines), 3):
        put("jsonl", "\n".join(lines[i:i + 3]) + "\n")
    records += [json.loads(l) for l in lines if l.strip()]
bench = os.path.join(shared, "bench", "article-extraction", "html")
if os.path.isdir(bench):
    for n in sorted(os.listdir(bench))[:30]:
        htmls.append(read(os.path.join(bench, n)))
for r in records:
    if "text" in r:
        texts.append(r["text"].encode())
    if "html" in r:
        htmls.append(r["html"].encode())

# text pages, and the same text as simple HTML
for t in texts:
    put("text_page", t)
    paras = [p for p in t.decode("utf-8", "replace").split("\n") if p.strip()]
    body = "".join(f"<p>{p}</p>\n" for p in paras[1:])
    title = paras[0] if paras else ""
    htmls.append(f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>"
                 f"<meta property=\"article:published_time\" content=\"2022-06-18T10:00:00Z\"></head>"
                 f"<body><nav><a href=/>Accueil</a></nav><article><h1>{title}</h1><time datetime=\"2022-06-18\">18/06/2022</time>"
                 f"{body}</article><footer>© 2022</footer></body></html>".encode())
for h in htmls:
    put("html_page", h)

# dates: paragraphs of every text, and the phrases of the date suite
for t in texts:
    for p in t.decode("utf-8", "replace").split("\n"):
        if any(c.isdigit() for c in p) or len(p) < 400:
            put("dates", p.strip())
suite = os.path.join(root, "crates", "time", "tests", "data", "suite.tsv")
if os.path.isfile(suite):
    for l in open(suite, encoding="utf-8"):
        if l.startswith("#") or not l.strip():
            continue
        put("dates", l.rstrip("\n").split("\t")[-1])

# JSONL: the records, one per file, with broken lines among them
for r in records[:20]:
    put("jsonl", json.dumps(r, ensure_ascii=False) + "\n")
put("jsonl", '{"id":"a","text":"Texte."}\n{"id":"b","text":\n[1,2]\n{"id":"c"}\n\n{"url":"https://x.example/p","html":"<p>x</p>","published":"2022-06-18"}\n')
put("jsonl", gzip.compress(b'{"id":"g","text":"Texte compress\xc3\xa9."}\n'))

# WARC: example pages as response records, with the other kinds of record around them
def record(kind, rid, uri, ctype, block, length=None):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-06-18T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{rid}>\r\nContent-Type: {ctype}\r\nContent-Length: {len(block) if length is None else length}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"
def http(body, ctype="text/html; charset=utf-8", extra=""):
    return f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode() + body
def chunked(body):
    out = b""
    for i in range(0, len(body), 700):
        c = body[i:i + 700]
        out += f"{len(c):x}\r\n".encode() + c + b"\r\n"
    return out + b"0\r\n\r\n"
RESP = "application/http; msgtype=response"
small = [h[:6000] for h in htmls[:8]]
for i, h in enumerate(small):
    recs = [record("warcinfo", f"info{i}", "", "application/warc-fields", b"software: seed.sh\r\n"),
            record("request", f"req{i}", f"https://example.org/{i}", "application/http; msgtype=request", b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"),
            record("response", f"resp{i}", f"https://example.org/{i}", RESP, http(h))]
    if i % 4 == 1:
        recs.append(record("response", f"gz{i}", f"https://example.org/{i}/gz", RESP, http(gzip.compress(h), extra="Content-Encoding: gzip\r\n")))
    if i % 4 == 2:
        recs.append(record("response", f"ch{i}", f"https://example.org/{i}/ch", RESP, http(chunked(h), extra="Transfer-Encoding: chunked\r\n")))
    if i % 4 == 3:
        recs.append(record("response", f"df{i}", f"https://example.org/{i}/df", RESP, http(zlib.compress(h), ctype="text/html", extra="Content-Encoding: deflate\r\n")))
        recs.append(record("response", f"cut{i}", f"https://example.org/{i}/cut", RESP, http(b"<p>cut</p>"), length=5000))
    warc = b"".join(recs)
    put("warc", warc)
    if i % 2 == 0:
        put("warc", b"".join(gzip.compress(r) for r in recs))
    put("warc", warc[: len(warc) * 2 // 3])
for target in ("text_page", "html_page", "jsonl", "warc", "dates"):
    d = os.path.join(out, target)
    print(f"{target}: {len(os.listdir(d)) if os.path.isdir(d) else 0} seeds in {d}")
PY
