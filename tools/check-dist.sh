#!/usr/bin/env bash
# Scripted check of the binary distribution: built by its one command (`mvn -Pdist -DskipTests
# package`), unpacked from the tar.gz into a temporary directory away from the source tree, and run
# from yet another directory through a symlink (as from PATH): `parse` and `sample` with the
# default model, standard error holding xtalc's own lines only.
#
#   tools/check-dist.sh [--no-build] [--fresh-home]
#
# --fresh-home runs with an empty $HOME and reports what a first run unpacks and caches there.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=1 fresh=0
for a in "$@"; do
  case $a in
    --no-build) build=0 ;;
    --fresh-home) fresh=1 ;;
    *) echo "usage: tools/check-dist.sh [--no-build] [--fresh-home]" >&2; exit 64 ;;
  esac
done
source "$root/bin/jdk.sh"
if ((build)); then
  mvn=mvn; command -v mvn >/dev/null 2>&1 || mvn="$root/mvnw"
  (cd "$root" && "$mvn" -B -q -Pdist -DskipTests -Dmaven.javadoc.skip=true package -pl cli -am)
fi
archive=$(ls "$root"/cli/target/xtal-*.tar.gz | head -1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$archive" -C "$tmp"
inst=$(echo "$tmp"/xtal-*)
mkdir -p "$tmp/bin" "$tmp/work" "$tmp/home"
ln -s "$inst/bin/xtalc" "$tmp/bin/xtalc"
unset XTAL_MODEL XTAL_DATA XTAL_JAVA_OPTS TF_CPP_MIN_LOG_LEVEL
if ((fresh)); then export HOME=$tmp/home XTAL_JAVA_OPTS="-Duser.home=$tmp/home"; fi # Java takes user.home from the password file
cd "$tmp/work"
fail() { echo "check-dist: FAILED: $*" >&2; exit 1; }

PATH="$tmp/bin:$PATH" xtalc parse --sentences "$inst/examples/sentences.txt" >parse.out 2>parse.err || fail "parse: $(cat parse.err)"
[[ -s parse.out && ! -s parse.err ]] || fail "parse printed nothing, or errors"
echo "check-dist: parse: $(wc -l <parse.out) canonical lines"

start=$(date +%s)
PATH="$tmp/bin:$PATH" xtalc sample "$inst/examples/double-perovskites.xtal" -n 5 --seed 3 --no-progress -o out >sample.out 2>sample.err \
  || fail "sample: $(cat sample.err)"
grep -q "5 of 5 satisfy the query" sample.out || fail "sample: $(cat sample.out)"
grep -q "model $inst/models/mp20 " sample.err || fail "sample did not use the distribution's model: $(cat sample.err)"
if grep -v '^xtalc' sample.err; then fail "sample: standard error has lines that are not xtalc's (above)"; fi
[[ $(wc -l <out/samples.sentences) == 5 && -n $(ls out/cif) ]] || fail "sample: missing output files"
echo "check-dist: sample: 5 of 5 crystals written in $(( $(date +%s) - start )) s, stderr quiet"
if ((fresh)); then
  echo "check-dist: a first run with an empty \$HOME cached:"
  (cd "$HOME" && du -sh -- .[!.]* | sed 's/^/  /') || true
fi
echo "check-dist: OK ($(du -sh "$inst" | cut -f1) installed from $(du -h "$archive" | cut -f1) $(basename "$archive"))"
