#!/usr/bin/env bash
# `make run`: the app (gunicorn) and the background queue's consumer (huey) together, so one command
# still starts everything. Ctrl-C, or either one stopping, stops both. The queue keeps its tasks in
# instance/queue.db (SQLite) unless REDIS_URL is set; with several servers, run this on each of
# them against one database and one Redis (README: "Several servers").
set -u
VENV=${VENV:-.venv}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
WORKERS=${WORKERS:-2}
QUEUE_WORKERS=${QUEUE_WORKERS:-2}

# Threads: a delivery mostly waits on a push service. --max-delay: an idle consumer still looks for
# new tasks (a test notification) every 2 seconds. --graceful-signal TERM: a stop lets the task in
# hand finish; TERM (unlike INT, which a background job ignores) also ends a consumer still starting.
"$VENV/bin/huey_consumer" webapp.worker.huey --workers "$QUEUE_WORKERS" --worker-type thread \
    --max-delay 2 --shutdown-timeout 15 --graceful-signal TERM &
queue=$!
"$VENV/bin/gunicorn" --no-control-socket -w "$WORKERS" -b "$HOST:$PORT" 'webapp:create_app()' &
web=$!

stopping=
stop() {
    [ -n "$stopping" ] && return
    stopping=1
    kill -TERM "$queue" "$web" 2>/dev/null     # both finish what is in hand, then stop
}
trap stop INT TERM

wait -n "$queue" "$web"
status=$?
stop
wait "$queue" "$web" 2>/dev/null
exit "$status"
