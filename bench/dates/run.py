#!/usr/bin/env python3
"""Date expressions: dossier-time against dateparser's search_dates, on the same cases.

Runs from the repository root:  python3 bench/dates/run.py [SUITE.tsv]
(default: crates/time/tests/data/suite.tsv). dateparser is a peer for comparison only
(`pip install dateparser`), never a dependency of the engine.

Scoring, the same for both engines, per case (lang, anchor, expected value, target text, sentence):
  - "NONE": correct when nothing is found;
  - "-" (a partial date without anchor): ours must leave it unresolved; dateparser cannot, so it
    is counted correct when it finds any date overlapping the target (lenient to dateparser);
  - a day: a date found overlapping the target equals it;
  - "YYYY-MM" / "YYYY": a date found overlapping the target falls in that month / year;
  - a range a/b: dateparser returns single dates, so it is counted correct when both ends are
    found overlapping the target, or, for a week (7 days), any date inside it.
Speed: sentences processed per second (each sentence holds one case).
"""
import datetime as dt
import json
import os
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUITE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "crates/time/tests/data/suite.tsv")


def cases(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        lang, anchor, expected, target, sentence = line.split("\t")
        out.append((lang, None if anchor == "-" else dt.date.fromisoformat(anchor), expected, target, sentence))
    return out


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def judge_dateparser(found, expected, target, sentence):
    if expected == "NONE":
        return not found
    at = sentence.find(target)
    if at < 0:
        return False
    hits = []
    pos = 0
    for s, d in found:
        i = sentence.find(s, pos)
        if i < 0:
            i = sentence.find(s)
        if i >= 0:
            pos = i + len(s)
            if overlaps(i, i + len(s), at, at + len(target)):
                hits.append(d.date())
    if expected == "-":
        return bool(hits)
    if "/" in expected:
        a, b = (dt.date.fromisoformat(x) for x in expected.split("/"))
        if a in hits and b in hits:
            return True
        return (b - a).days == 6 and any(a <= h <= b for h in hits)
    if len(expected) == 10:
        return dt.date.fromisoformat(expected) in hits
    if len(expected) == 7:
        return any(h.strftime("%Y-%m") == expected for h in hits)
    return any(str(h.year) == expected for h in hits)


def run_dateparser(cs):
    from dateparser.search import search_dates

    # Warm up (dateparser loads its language data lazily).
    for lang in ("fr", "ar", "en", "es"):
        search_dates("1 2020", languages=[lang])
    correct = 0
    per_lang = {}
    t0 = time.perf_counter()
    for lang, anchor, expected, target, sentence in cs:
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if anchor:
            settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month, anchor.day, 12, 0)
        try:
            found = search_dates(sentence, languages=[lang], settings=settings) or []
        except Exception:
            found = []
        ok = judge_dateparser(found, expected, target, sentence)
        correct += ok
        n, k = per_lang.get(lang, (0, 0))
        per_lang[lang] = (n + 1, k + ok)
    secs = time.perf_counter() - t0
    return {"engine": "dateparser.search_dates", "cases": len(cs), "correct": correct, "accuracy": correct / len(cs),
            "seconds": secs, "expressions_per_second": len(cs) / secs,
            "per_lang": {l: [k, n] for l, (n, k) in sorted(per_lang.items())}}


def run_ours():
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "dossier-time", "--example", "bench_dates"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    out = subprocess.run([os.path.join(target, "release", "examples", "bench_dates"), SUITE], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    cs = cases(SUITE)
    ours = run_ours()
    try:
        import dateparser  # noqa: F401
        theirs = run_dateparser(cs)
        version = __import__("dateparser").__version__
    except ImportError:
        theirs, version = None, None
    print(f"suite: {SUITE} ({len(cs)} cases)")
    rows = [ours] + ([theirs] if theirs else [])
    langs = sorted(ours.get("per_lang", {}))
    print(f"{'engine':28} {'accuracy':>9} {'correct':>8} {'expr/s':>12}  " + "  ".join(f"{l:>8}" for l in langs))
    for r in rows:
        pl = r.get("per_lang", {})
        cells = "  ".join(f"{(pl[l][0] / pl[l][1] * 100 if l in pl and pl[l][1] else 0):7.1f}%" for l in langs)
        print(f"{r['engine']:28} {r['accuracy']*100:8.1f}% {r['correct']:>5}/{r['cases']:<3} {r['expressions_per_second']:12.0f}  {cells}")
    if theirs:
        print(f"dateparser {version}; speed ratio dossier-time / dateparser: {ours['expressions_per_second'] / theirs['expressions_per_second']:.0f}x")
    else:
        print("dateparser not installed (pip install dateparser): only dossier-time measured")


if __name__ == "__main__":
    main()
