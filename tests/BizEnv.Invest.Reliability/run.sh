#!/usr/bin/env bash
# Reliability harness — not part of ./test.sh. Starts a throwaway PostgreSQL (fsync on: this is about
# durability; removed afterwards), builds the app in Release, migrates with the demo data, and runs two
# app processes on that one database through kill -9 cycles during concurrent writes, immediate
# PostgreSQL stops and a mass lapse with one node killed mid-sweep; prints the figures, exits non-zero
# on any lost or duplicated write, any missed or doubled alert or a broken ledger.
# Usage: tests/BizEnv.Invest.Reliability/run.sh [--writers 16] [--kill-cycles 5] [--pg-stops 4] [--lapse 2000]
#          [--lapse-batch 20] [--retry-unknown] [--seed N] [--phases kill,pg-stop,mass-lapse]
# Node logs and the summary go to TestResults/reliability/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
source infra/dev/pg.sh
pg_require

work=$(mktemp -d /var/tmp/bizenv-reliability.XXXXXX)
chmod 755 "$work"
port=$(pg_free_port 57432)
out="$root/TestResults/reliability"
mkdir -p "$out"
rm -f "$out"/node-*.log
pidfile="$work/app.pids"
cleanup() {
  # The console stops its app processes itself (also on Ctrl+C); should it have died without doing so,
  # kill the ones it recorded — by pid, and only if that pid is still one of our app processes.
  if [ -f "$pidfile" ]; then
    for pid in $(cat "$pidfile"); do
      if grep -qs BizEnv.Invest.Web.dll "/proc/$pid/cmdline"; then kill -9 "$pid" 2>/dev/null || true; fi
    done
  fi
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

PG_FSYNC=on pg_init "$work/pg" "$port" trust
pg_start "$work/pg"
pg_sql "$port" postgres "CREATE ROLE invest_owner LOGIN; CREATE ROLE invest_app LOGIN"
pg_sql "$port" postgres "CREATE DATABASE invest OWNER invest_owner"
pg_sql "$port" invest "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO invest_owner"
echo "Reliability PostgreSQL on 127.0.0.1:$port ($work/pg, fsync on)"

echo "Building (Release)…"
dotnet build src/BizEnv.Invest.Web -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build tests/BizEnv.Invest.Reliability -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

# Trust authentication on a loopback-only throwaway cluster: the roles need no passwords.
app_cs="Host=127.0.0.1;Port=$port;Database=invest;Username=invest_app"
owner_cs="Host=127.0.0.1;Port=$port;Database=invest;Username=invest_owner"
echo "Migrating and loading the demo data…"
(cd src/BizEnv.Invest.Web && ConnectionStrings__Invest="$app_cs" ConnectionStrings__InvestOwner="$owner_cs" Serilog__MinimumLevel__Default=Warning \
  dotnet bin/Release/net10.0/BizEnv.Invest.Web.dll --migrate-only --demo >"$out/migrate.log" 2>&1) || { cat "$out/migrate.log"; exit 1; }

RH_ROOT="$root" RH_SUPERUSER_CS="Host=127.0.0.1;Port=$port;Database=invest;Username=postgres" RH_APP_CS="$app_cs" \
RH_PGDATA="$work/pg" RH_PG_BIN="$PG_BIN" RH_OUT="$out" RH_PIDFILE="$pidfile" \
  dotnet tests/BizEnv.Invest.Reliability/bin/Release/net10.0/BizEnv.Invest.Reliability.dll "$@" | (trap '' INT; exec tee "$out/summary.txt")
# (tee ignores Ctrl+C so that the harness's summary of an interrupted run still reaches the terminal and the file.)
