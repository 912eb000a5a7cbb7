"""WSGI entry point for gunicorn: ``gunicorn devzone.conf.wsgi``.

Loading the module also warms the process up (:func:`warm_up`): the URL configuration imports
every view module and the API's schemas, and the most visited templates are compiled. Under
``gunicorn --preload`` (as ``devzone serve`` runs it) that happens once, before the workers
fork, instead of in each worker's first request.

The ledger's columns for the target, race and briefing rollups
(:mod:`devzone.analytics.state`) are read by each worker after it has forked
(:func:`warm_worker`, a gunicorn ``post_worker_init`` hook in :mod:`devzone.conf.gunicorn`):
Polars computes on a pool of threads, and a pool started before ``fork`` is not there in
the child, whose first rollup would then wait forever.
"""

import logging
import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.conf.settings")
application = get_wsgi_application()

logger = logging.getLogger(__name__)

WARM_TEMPLATES = ["web/dashboard.html", "web/project_list.html", "web/project_detail.html"]


def warm_up() -> None:
    """Import the views and compile the common templates, without touching the database."""
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every urls and views module)
    for name in WARM_TEMPLATES:
        get_template(name)


def warm_worker() -> None:
    """In a worker after the fork: read the ledger on a thread, while requests are served."""
    threading.Thread(target=_warm_ledger, name="devzone-warm-ledger", daemon=True).start()


def _warm_ledger() -> None:
    """Read the ledger once; a database not set up yet is only reported."""
    from django.db import DatabaseError, connections

    from devzone.analytics.state import ledger_view

    try:
        ledger_view()
    except DatabaseError as error:
        logger.warning("the ledger was not read at start-up: %s", error)
    finally:
        connections.close_all()  # this thread's connection: it serves no request


warm_up()
