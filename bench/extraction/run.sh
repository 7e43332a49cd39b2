#!/usr/bin/env bash
# Extraction benchmark: dossier's HTML extractor and trafilatura on the same pages, side by
# side in one run. Prints F1 / precision / recall / empty outputs (score_extraction.py) and
# pages per second (wall clock and CPU time of the extracting thread) for both, and the ratio.
#
#   bash bench/extraction/run.sh            # from the repo root; ../shared must be beside it
#   ROUNDS=5 bash bench/extraction/run.sh   # more timing rounds for dossier (trafilatura: PEER_ROUNDS)
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/bench/article-extraction}
ROUNDS=${ROUNDS:-3}
PEER_ROUNDS=${PEER_ROUNDS:-1}
OUT=${OUT:-/tmp/dossier-extraction-bench}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$OUT"

cargo build --release -q -p dossier-article --example extract_bench
if ! python3 -c "import trafilatura" 2>/dev/null; then
    pip install -q trafilatura lxml_html_clean
fi

"$TARGET/release/examples/extract_bench" "$BENCH/html" "$OUT/dossier.json" "$ROUNDS" > "$OUT/dossier.time.json"
python3 bench/extraction/run_trafilatura.py "$BENCH/html" "$OUT/trafilatura.json" "$PEER_ROUNDS" > "$OUT/trafilatura.time.json"
python3 ../shared/eval/score_extraction.py "$BENCH/ground-truth.json" "$OUT/dossier.json" "$OUT/trafilatura.json" \
    --bootstrap 1000 --json > "$OUT/scores.json"

python3 - "$OUT" <<'PY'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
scores = json.loads((out / "scores.json").read_text())
rows = {}
for name in ("dossier", "trafilatura"):
    t = json.loads((out / f"{name}.time.json").read_text())
    rows[name] = (scores[name], t)
print(f"{'':<13}{'F1':>14}{'precision':>11}{'recall':>9}{'empty':>7}{'pages/s wall':>14}{'pages/s CPU':>13}")
for name, (s, t) in rows.items():
    print(f"{name:<13}{s['f1']:>8.3f} ±{s['f1_std']:.3f}{s['precision']:>11.3f}{s['recall']:>9.3f}{t['empty']:>7}"
          f"{t['pages_per_second']:>14.1f}{t['pages_per_cpu_second']:>13.1f}")
d, p = rows["dossier"][1], rows["trafilatura"][1]
print(f"speed ratio dossier/trafilatura: {d['pages_per_second'] / p['pages_per_second']:.1f}x wall clock, "
      f"{d['pages_per_cpu_second'] / p['pages_per_cpu_second']:.1f}x CPU time "
      f"({d['pages']} pages; dossier {d['rounds']} round(s), trafilatura {p['rounds']} round(s), {p.get('version', '')})")
PY
