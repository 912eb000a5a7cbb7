"""WSGI entry point for gunicorn: ``gunicorn devzone.conf.wsgi``.

Loading the module also warms the process up (:func:`warm_up`): the URL configuration imports
every view module and the API's schemas, and the most visited templates are compiled. Under
``gunicorn --preload`` (as ``devzone serve`` runs it) that happens once, before the workers
fork, instead of in each worker's first request.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.conf.settings")
application = get_wsgi_application()

WARM_TEMPLATES = ["web/dashboard.html", "web/project_list.html", "web/project_detail.html"]


def warm_up() -> None:
    """Import the views and compile the common templates, without touching the database."""
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every urls and views module)
    for name in WARM_TEMPLATES:
        get_template(name)


warm_up()
