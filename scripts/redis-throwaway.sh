# Source this file, then call redis_start: it starts a throw-away redis-server (Debian's) on a free
# loopback port, with nothing kept on disk, exports REDIS_URL, and stops it when the shell exits.
# Works as any user; needs the redis-server package (scripts/test-deps.sh --redis installs it).
# With pg-throwaway.sh in the same shell, both stop at exit (each adds itself to the EXIT trap).
redis_start() {
  REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  REDIS_DIR=$(mktemp -d /tmp/throwaway-redis.XXXXXX)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_DIR" \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" >/dev/null
  local tries=0
  until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      echo "redis-throwaway: redis-server did not answer on port $REDIS_PORT" >&2
      cat "$REDIS_DIR/redis.log" >&2
      return 1
    fi
    sleep 0.1
  done
  _redis_chain_trap
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
}

redis_stop() {
  [ -n "${REDIS_DIR:-}" ] || return 0
  if [ -f "$REDIS_DIR/redis.pid" ]; then
    kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$REDIS_DIR"
  REDIS_DIR=
}

# Keep whatever EXIT trap is already set (pg-throwaway.sh's pg_stop) and add redis_stop to it.
_redis_chain_trap() {
  local existing
  existing=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
  case "$existing" in
    *redis_stop*) ;;
    "") trap 'redis_stop' EXIT ;;
    *) trap "$existing; redis_stop" EXIT ;;
  esac
}
