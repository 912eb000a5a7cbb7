"""gunicorn settings for ``devzone serve`` (``gunicorn -c python:devzone.conf.gunicorn``)."""

from typing import Any


def post_worker_init(worker: Any) -> None:
    """Warm the worker up after the fork: see :mod:`devzone.conf.wsgi`."""
    from devzone.conf.wsgi import warm_worker

    warm_worker()
