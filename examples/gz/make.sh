#!/bin/sh
# Rebuilds the gzip'd example page from its source, deterministically (gzip -n: no name, no time).
# Run from anywhere: sh examples/gz/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gzip -n -9 -c "$here/ex07_fr_communique.txt.in" > "$here/../ex07_fr_communique.txt.gz"
