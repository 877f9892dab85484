"""gunicorn settings for the bench and the multi-server tests (`-c python:bench.gunicorn_ready`):
each worker leaves a file in $GUNICORN_READY_DIR once it has built the app, so a caller knows when
every worker, not only the first, is serving."""
import os
from pathlib import Path


def post_worker_init(worker):
    folder = os.environ.get("GUNICORN_READY_DIR")
    if folder:
        (Path(folder) / str(worker.pid)).touch()
