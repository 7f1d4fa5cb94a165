#!/usr/bin/env bash
# Load and faults in team mode: 50 desks for 60 s against two `jiedu serve` processes on one
# PostgreSQL (a private cluster, so that it may be restarted mid-run), one server SIGKILLed and
# restarted, PostgreSQL restarted once; then the checks and the figures (crates/cli/benches/
# team_load.rs). Loopback only. JIEDU_BENCH_CLIENTS and JIEDU_BENCH_SECONDS change the size.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_apt_packages
ensure_rust
echo "==> PostgreSQL for the benchmark"
start_private_postgres
export JIEDU_BENCH_PG="${JIEDU_PRIVATE_PG%/postgres}/jiedu_team_bench"
export JIEDU_BENCH_PG_RESTART="$JIEDU_PG_RESTART"
cargo bench --quiet -p jiedu-cli --bench team_load
