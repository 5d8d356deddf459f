#!/usr/bin/env bash
# Fuzzes the case-file reader (with the rules on every case it accepts) and the CSV importer
# with libFuzzer and AddressSanitizer, each for a bounded time.
#
#   Fuzz/run.sh [SECONDS]     (default 120 per target)
#
# Seeds: ../shared/cases (JSON) and Fuzz/corpus-csv (CSV; after a line "--tracking--" the rest
# is the tracking file). New inputs go to .build-fuzz/corpus-*; a crash is written to
# .build-fuzz/crash-*: copy it into Fuzz/regressions/ and fix it. `swift run PetDeskFuzz FILES`
# (a normal build) replays inputs without libFuzzer, as the tests do for Fuzz/regressions.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
swift build --scratch-path .build-fuzz --product PetDeskFuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
bin=.build-fuzz/debug/PetDeskFuzz
mkdir -p .build-fuzz/corpus-json .build-fuzz/corpus-csv .build-fuzz/artifacts
status=0
for target in json csv; do
  seeds=../shared/cases
  [ "$target" = csv ] && seeds=Fuzz/corpus-csv
  echo "== $target: ${seconds}s from $seeds"
  PETDESK_FUZZ_TARGET=$target "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=.build-fuzz/artifacts/$target- .build-fuzz/corpus-$target "$seeds" 2>&1 | tail -n 4 || status=1
done
exit $status
