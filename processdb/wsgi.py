"""WSGI entry point for gunicorn."""
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "processdb.settings")

application = get_wsgi_application()

# Production refuses to start without a secret key: at boot, not at the first request.
from django.conf import settings  # noqa: E402 - configured by get_wsgi_application()

if not os.environ.get("DJANGO_SECRET_KEY") and not settings.DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Production refuses to start without it (set DEBUG=1 for local development)."
    )
