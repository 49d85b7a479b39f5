#!/usr/bin/env bash
# ./test.sh — every test: domain, real-PostgreSQL, web and Chromium journeys.
# Starts a throwaway PostgreSQL cluster (removed afterwards), installs chromium + CJK fonts when
# missing (as root, with apt), builds once, runs the test projects, prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source infra/dev/pg.sh

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]} with apt…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing ${need[*]}: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
pg_require

work=$(mktemp -d /var/tmp/bizenv-test.XXXXXX)
chmod 755 "$work"
port=$(pg_free_port 56432)
cleanup() { pg_stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT
# fsync off: this cluster is thrown away after the run, durability buys nothing here.
PG_FSYNC=off PG_MAX_CONNECTIONS=400 pg_init "$work/pg" "$port" trust
pg_start "$work/pg"
export INVEST_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=false"
echo "Test PostgreSQL on 127.0.0.1:$port ($work/pg)"

echo "Building…"
dotnet build BizEnv.Invest.sln -c Release --nologo -v quiet -clp:ErrorsOnly

mkdir -p TestResults
passed=0; failed=0; skipped=0; status=0
for project in tests/BizEnv.Invest.Domain.Tests tests/BizEnv.Invest.Architecture.Tests tests/BizEnv.Invest.Application.Tests tests/BizEnv.Invest.Web.Tests tests/BizEnv.Invest.E2E; do
  name=$(basename "$project")
  log="TestResults/$name.log"
  echo "── $name"
  if dotnet test "$project" -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal" > "$log" 2>&1; then :; else status=1; fi
  grep -E "^(Passed|Failed)!|error|Failed [A-Za-z]|\[FAIL\]" "$log" | head -40 || true
  summary=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -n 1 || true)
  if [ -z "$summary" ]; then echo "   no test summary for $name (see $log)"; status=1; tail -20 "$log"; continue; fi
  f=$(echo "$summary" | sed -E 's/.*Failed: +([0-9]+).*/\1/'); p=$(echo "$summary" | sed -E 's/.*Passed: +([0-9]+).*/\1/'); s=$(echo "$summary" | sed -E 's/.*Skipped: +([0-9]+).*/\1/')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
