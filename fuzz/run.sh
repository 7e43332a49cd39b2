#!/usr/bin/env bash
# Runs fuzz targets one at a time, gently (nice, one job, one worker), each for SECONDS
# (default 600), seeding the corpora first. Logs go to fuzz/logs/<target>.log; crashes to
# fuzz/artifacts/<target>/.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]     (default: every target)
set -uo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"; shift || true
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(text_page html_page jsonl warc dates)
./seed.sh >/dev/null
mkdir -p logs
for t in "${targets[@]}"; do
    echo "== $t: ${secs}s" >&2
    nice -n 10 cargo +nightly fuzz run -s none "$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 \
        -timeout=25 -jobs=1 -workers=1 -print_final_stats=1 >"logs/$t.log" 2>&1
    rc=$?
    [ -f fuzz-0.log ] && mv fuzz-0.log "logs/$t.job.log"
    echo "   exit $rc: $(grep -E '^(#[0-9]+|stat::number_of_executed_units|stat::average_exec_per_sec)' "logs/$t.log" | tail -3 | tr '\n' ' ')" >&2
done
