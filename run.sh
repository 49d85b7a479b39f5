#!/usr/bin/env bash
# ./run.sh          start (or reuse) a private PostgreSQL under .data/pg, migrate, load demo data once,
#                   and serve http://127.0.0.1:5080 (override: ./run.sh --urls http://127.0.0.1:6000)
# ./run.sh stop     stop the private PostgreSQL
# With ConnectionStrings__Invest set, that database is used instead (demo data only with --demo).
# The app is restarted when it exits abnormally (a silo declared dead by its cluster exits on purpose).
# A second ./run.sh --urls http://127.0.0.1:5081 joins the same cluster (silo ports are picked free).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source infra/dev/pg.sh

data="$root/.data"
pgdir="$data/pg"

if [ "${1:-}" = "stop" ]; then
  pg_require
  [ -L "$pgdir" ] || [ -d "$pgdir" ] && pg_stop "$(readlink -f "$pgdir")" && echo "Private PostgreSQL stopped."
  exit 0
fi

args=("$@")
urls="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[$i]}" = "--urls" ] && urls="${args[$((i + 1))]}"; done

if [ -z "${ConnectionStrings__Invest:-}" ]; then
  pg_require
  mkdir -p "$data"
  if [ ! -e "$pgdir" ]; then
    target="$pgdir"
    # The postgres OS user must reach the data directory; a checkout under /root is not reachable.
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$data"; then
      target="/var/tmp/bizenv-invest-$(echo -n "$root" | sha256sum | cut -c1-12)/pg"
      mkdir -p "$(dirname "$target")" && chmod 755 "$(dirname "$target")"
      ln -s "$target" "$pgdir"
    fi
    port=$(pg_free_port 55432)
    echo "Creating a private PostgreSQL cluster in $pgdir (port $port)…"
    umask 077
    owner_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    app_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    super_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf 'PG_OWNER_PASSWORD=%s\nPG_APP_PASSWORD=%s\nPG_SUPER_PASSWORD=%s\n' "$owner_pw" "$app_pw" "$super_pw" > "$data/pg.env"
    umask 022
    pwfile=$(mktemp); echo "$super_pw" > "$pwfile"; chmod 644 "$pwfile"
    pg_init "$target" "$port" scram-sha-256 "--pwfile=$pwfile" || { rm -f "$pwfile"; exit 1; }
    rm -f "$pwfile"
  fi
  # The ledger's checkpoint signing key (SM2, PKCS#8 DER in base64) lives beside the database passwords, never in
  # the repository; its public half is published at /api/v1/ledger/keys.
  grep -q '^LEDGER_SIGNING_KEY=' "$data/pg.env" ||
    echo "LEDGER_SIGNING_KEY=$(openssl genpkey -algorithm SM2 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0)" >> "$data/pg.env"
  # shellcheck disable=SC1091
  source "$data/pg.env"
  export Ledger__SigningKey="$LEDGER_SIGNING_KEY"
  export PG_SUPER_PASSWORD
  real=$(readlink -f "$pgdir")
  port=$(pg_port "$real")
  if ! (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    pg_start "$real"
  fi
  if [ "$(pg_sql "$port" postgres "SELECT count(*) FROM pg_roles WHERE rolname = 'invest_owner'")" = 0 ]; then
    pg_sql "$port" postgres "CREATE ROLE invest_owner LOGIN PASSWORD '$PG_OWNER_PASSWORD'"
    pg_sql "$port" postgres "CREATE ROLE invest_app LOGIN PASSWORD '$PG_APP_PASSWORD'"
    pg_sql "$port" postgres "CREATE DATABASE invest OWNER invest_owner"
    pg_sql "$port" invest "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO invest_owner"
  fi
  export ConnectionStrings__Invest="Host=127.0.0.1;Port=$port;Database=invest;Username=invest_app;Password=$PG_APP_PASSWORD"
  export ConnectionStrings__InvestOwner="Host=127.0.0.1;Port=$port;Database=invest;Username=invest_owner;Password=$PG_OWNER_PASSWORD"
  args+=("--demo")
fi

echo "Building…"
# Code analysis is the gate's job (./test.sh builds with every analyzer, warnings as errors); skipping it here changes
# nothing in what is built (source generators still run) and takes a clean clone's first build from ~55 s to ~40 s.
dotnet build src/BizEnv.Invest.Web -c Release --nologo -v quiet -clp:ErrorsOnly -p:RunAnalyzers=false >/dev/null

cat <<MSG

  BizEnv.Invest 招商引资与承诺台账  →  $urls
  Demo accounts (password Invest@2026):
    admin      系统管理员 Admin              officer    招商专员 Promotion officer
    officer2   招商专员 (招商二处)             park       园区管理员 Park manager
    integrity  诚信监督 Integrity office      leader     领导 Leader
  Stop the server with Ctrl+C; stop the private database with ./run.sh stop

MSG
cd src/BizEnv.Invest.Web
export ASPNETCORE_URLS="$urls"
app=(dotnet bin/Release/net10.0/BizEnv.Invest.Web.dll "${args[@]}")
# One-shot commands report through their exit code: run them once.
for a in "${args[@]}"; do
  case "$a" in --migrate-only|--verify-ledger) exec "${app[@]}" ;; esac
done

# The server runs under this loop: a silo the cluster declared dead ends its process (FailFast), and
# any other abnormal exit is restarted too. Ctrl+C or SIGTERM stops the app gracefully and the loop.
stopping=0
child=
stop() { stopping=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null; }
trap stop INT TERM
while :; do
  "${app[@]}" &
  child=$!
  status=0
  wait "$child" || status=$?
  # A trapped signal interrupts wait: wait again until the app itself has exited.
  while kill -0 "$child" 2>/dev/null; do status=0; wait "$child" || status=$?; done
  if [ "$stopping" = 1 ] || [ "$status" = 0 ]; then exit "$status"; fi
  echo "The app exited with status $status; restarting in 2 s (Ctrl+C stops)…" >&2
  sleep 2 & wait $! || true
  [ "$stopping" = 1 ] && exit 0
done
