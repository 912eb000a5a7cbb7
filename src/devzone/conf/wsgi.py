"""WSGI entry point for gunicorn: ``gunicorn devzone.conf.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.conf.settings")
application = get_wsgi_application()
