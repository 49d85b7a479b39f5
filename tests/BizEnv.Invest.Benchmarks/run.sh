#!/usr/bin/env bash
# Benchmarks against a private, throwaway PostgreSQL (not part of ./test.sh).
# Usage: tests/BizEnv.Invest.Benchmarks/run.sh [investors=100000] [projects-per-investor=3] [iterations=300]   (CRM lists)
#        tests/BizEnv.Invest.Benchmarks/run.sh ledger [records=2000] [sweep=100000] [ledger-size=1000000] [latency-samples=200] [grains=100000]
#        tests/BizEnv.Invest.Benchmarks/run.sh exports [rows=100000]
#        tests/BizEnv.Invest.Benchmarks/run.sh append [writers=8] [seconds=20]
#        tests/BizEnv.Invest.Benchmarks/run.sh proofs [entries=10000000] [samples=2000]
#        tests/BizEnv.Invest.Benchmarks/run.sh verify [entries=1000000]
#        tests/BizEnv.Invest.Benchmarks/run.sh merkle [leaves=10000000] [samples=10000]   (in memory, no database)
#        tests/BizEnv.Invest.Benchmarks/run.sh investors [iterations=300] [small=1000] [large=100000]
#        tests/BizEnv.Invest.Benchmarks/run.sh figures [promises=100000] [obligations=50000] [iterations=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = merkle ]; then
  exec dotnet run -c Release --project tests/BizEnv.Invest.Benchmarks -- "$@"
fi
source infra/dev/pg.sh
pg_require
work=$(mktemp -d /var/tmp/bizenv-bench.XXXXXX); chmod 755 "$work"
port=$(pg_free_port 59432)
trap 'pg_stop "$work/pg"; rm -rf "$work"' EXIT
PG_FSYNC=off pg_init "$work/pg" "$port" trust
echo "shared_buffers = 512MB" >> "$work/pg/postgresql.conf"
pg_start "$work/pg"
export INVEST_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=false"
dotnet run -c Release --project tests/BizEnv.Invest.Benchmarks -- "$@"
