#!/usr/bin/env bash
# Investigation tool for issue #7 (not part of the product, the build or the tests): fetches
# spglib's C library in several versions from Debian's archive (bullseye 1.16.1, trixie 2.6.0,
# sid 2.8.0; each needs only libc) and builds tools/spglib_versions/driver.c against each.
#   tools/spglib_versions/fetch.sh [DIR]      (default /tmp/spglib-versions)
# then: python3 tools/spglib_versions/run.py DIR/driver-2.8 ../shared/data/crystals mp20_val
set -euo pipefail
dir=${1:-/tmp/spglib-versions}
here=$(cd "$(dirname "$0")" && pwd)
mirror=http://deb.debian.org/debian/pool/main/s/spglib
mkdir -p "$dir"
fetch() { # version, library package, dev package
  local v=$1 lib=$2 dev=$3 d="$dir/$1"
  mkdir -p "$d"
  for f in "$lib" "$dev"; do
    [ -f "$dir/$f" ] || curl -fsS -o "$dir/$f" "$mirror/${f//+/%2B}"
    dpkg-deb -x "$dir/$f" "$d"
  done
  gcc -O2 -o "$dir/driver-$v" "$here/driver.c" -I"$d/usr/include" -L"$d/usr/lib/x86_64-linux-gnu" -lsymspg \
    -Wl,-rpath,"$d/usr/lib/x86_64-linux-gnu"
  echo "$dir/driver-$v"
}
fetch 1.16 libsymspg1_1.16.1-1_amd64.deb libsymspg-dev_1.16.1-1_amd64.deb
fetch 2.6 libsymspg2_2.6.0-3_amd64.deb libsymspg-dev_2.6.0-3_amd64.deb
fetch 2.8 libsymspg2_2.8.0-1+b1_amd64.deb libsymspg-dev_2.8.0-1+b1_amd64.deb
