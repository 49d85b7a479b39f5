# Helpers for a private PostgreSQL 15 cluster (sourced by run.sh and test.sh).
# PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` OS user, which
# must be able to reach the data directory (every parent traversable).

pg_bindir() {
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

pg_require() {
  if ! PG_BIN=$(pg_bindir); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "PostgreSQL not found: installing it with apt (postgresql 15)…"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      PG_BIN=$(pg_bindir) || { echo "PostgreSQL install failed" >&2; exit 1; }
    else
      echo "PostgreSQL 15 is needed: sudo apt-get install postgresql   (or set ConnectionStrings__Invest to a server of yours)" >&2
      exit 1
    fi
  fi
  export PG_BIN
}

# Runs a PostgreSQL binary as the cluster's OS user.
pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
  local port=$1
  while (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# pg_init DIR PORT AUTH [INITDB ARGS…] — a new cluster on 127.0.0.1:PORT only, superuser "postgres".
pg_init() {
  local dir=$1 port=$2 auth=$3
  shift 3
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -w "$dir"; then
    echo "The postgres OS user cannot reach $dir (a parent directory is not traversable)." >&2
    return 1
  fi
  pg_as "$PG_BIN/initdb" -D "$dir" -U postgres --auth="$auth" -E UTF8 --locale=C.UTF-8 "$@" >/dev/null
  cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
fsync = ${PG_FSYNC:-on}
max_connections = ${PG_MAX_CONNECTIONS:-200}
CONF
}

pg_start() {
  local dir=$1
  pg_as "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
}

pg_stop() {
  local dir=$1
  [ -f "$dir/postmaster.pid" ] && pg_as "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
}

pg_port() { sed -n 's/^port = \([0-9]*\)/\1/p' "$1/postgresql.conf" | tail -n 1; }

# pg_sql PORT DB SQL — as the superuser, over TCP.
pg_sql() {
  PGPASSWORD="${PG_SUPER_PASSWORD:-}" "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d "$2" -v ON_ERROR_STOP=1 -qAt -c "$3"
}
