#!/usr/bin/env python3
"""The peers a user would otherwise chain, timed on the same pages as `dossier bench`.

    python3 bench/peers.py --corpus CORPUS.jsonl --pages 200

Reads the first --pages pages of the corpus `dossier bench` wrote (one JSON object per line,
with "text" or "html"), and times, one page at a time on one thread:
  * trafilatura.extract on the HTML pages (the article stage's peer);
  * dateparser.search.search_dates on each page's text (trafilatura's output for HTML pages)
    with the page's language (the dates stage's peer);
  * spaCy fr_core_news_sm's named entities on the same text (the names stage's peer).
Prints one JSON object per peer on stdout: {"peer", "stage", "pages", "seconds"}.
A peer that is not installed is reported with "error" instead of a time.
Benchmark only: none of these is a dependency of dossier.
"""
import argparse
import json
import sys
import time


def load(path, n):
    pages = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(pages) >= n:
                break
            line = line.strip()
            if line:
                pages.append(json.loads(line))
    return pages


def timed(fn, items):
    start = time.perf_counter()
    out = [fn(x) for x in items]
    return time.perf_counter() - start, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--pages", type=int, default=200)
    args = ap.parse_args()
    pages = load(args.corpus, args.pages)
    html = [p["html"] for p in pages if p.get("html")]
    texts = [p["text"] for p in pages if p.get("text")]

    def report(peer, stage, n, seconds=None, error=None):
        row = {"peer": peer, "stage": stage, "pages": n}
        if error is None:
            row["seconds"] = seconds
        else:
            row["error"] = error
        print(json.dumps(row), flush=True)

    # extraction
    if html:
        try:
            import trafilatura
        except ImportError as e:
            report("trafilatura", "article", len(html), error=str(e))
        else:
            seconds, extracted = timed(lambda h: trafilatura.extract(h) or "", html)
            report("trafilatura", "article", len(html), seconds)
            texts = texts + extracted
    # dates and names run on the same texts
    try:
        from dateparser.search import search_dates
    except ImportError as e:
        report("dateparser", "dates", len(texts), error=str(e))
    else:
        seconds, _ = timed(lambda t: search_dates(t, settings={"RETURN_AS_TIMEZONE_AWARE": False}), texts)
        report("dateparser", "dates", len(texts), seconds)
    try:
        import spacy
        nlp = spacy.load("fr_core_news_sm")
    except Exception as e:  # not installed, or the model is missing
        report("spacy fr_core_news_sm", "names", len(texts), error=str(e))
    else:
        seconds, _ = timed(lambda t: [(e.text, e.label_) for e in nlp(t).ents], texts)
        report("spacy fr_core_news_sm", "names", len(texts), seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
