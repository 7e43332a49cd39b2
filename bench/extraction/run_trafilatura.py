#!/usr/bin/env python3
"""The peer in the extraction benchmark: trafilatura on the same pages, same timing rule
(HTML string in, text out; reading and gunzipping excluded; after a warm-up on one page;
one process, one thread).

usage: run_trafilatura.py DIR OUT.json [ROUNDS]
"""
import gzip
import json
import sys
import time
from pathlib import Path

import trafilatura


def main() -> None:
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    rounds = max(1, int(sys.argv[3])) if len(sys.argv) > 3 else 1
    pages = []
    for p in sorted(src.iterdir()):
        if p.name.endswith(".html.gz"):
            pages.append((p.name[: -len(".html.gz")], gzip.decompress(p.read_bytes()).decode("utf8", "replace")))
        elif p.name.endswith(".html"):
            pages.append((p.name[: -len(".html")], p.read_text("utf8", "replace")))
    res = {}
    if pages:  # warm-up on one page, as the Rust side does
        trafilatura.extract(pages[0][1], include_comments=False)
    start, cpu_start = time.perf_counter(), time.thread_time()
    for _ in range(rounds):
        for pid, html in pages:
            text = trafilatura.extract(html, include_comments=False)
            res[pid] = {"articleBody": text or ""}
    secs, cpu = time.perf_counter() - start, time.thread_time() - cpu_start
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf8")
    empty = sum(1 for v in res.values() if not v["articleBody"].strip())
    n = len(pages) * rounds
    print(json.dumps({"pages": len(pages), "rounds": rounds, "seconds": round(secs, 4), "pages_per_second": round(n / secs, 1),
                      "cpu_seconds": round(cpu, 4), "pages_per_cpu_second": round(n / cpu, 1),
                      "empty": empty, "version": trafilatura.__version__}))


if __name__ == "__main__":
    main()
