"""What the queue's consumer loads: `huey_consumer webapp.worker.huey` (scripts/serve.sh, which
`make run` starts). It builds the app once, as gunicorn does, so tasks see the same settings,
database and queue storage, and every task module is imported (its tasks registered)."""
from . import create_app
from .queue import huey

app = create_app()

__all__ = ["app", "huey"]
