"""Test settings: the project settings with test defaults for what production requires.

Only what a test run cannot take from the environment is set here; everything else,
including DATABASE_URL, comes from processdb.settings unchanged.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-production")

from processdb.settings import *  # noqa: E402,F403
from processdb.settings import STORAGES  # noqa: E402

# Templates render {% static %} without a collectstatic run.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Hashing passwords with the production hasher makes hundreds of test logins slow.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploaded documents of a test run go to a temporary folder, never into the project.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="processdb-test-media-")
