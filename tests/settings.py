"""Test settings: the project settings with test defaults for what production requires.

Only what a test run cannot take from the environment is set here; everything else,
including DATABASE_URL, comes from processdb.settings unchanged.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-production")
# The test client speaks plain HTTP; the HTTPS settings are proven by `check --deploy` in CI
# and by tests that switch them on with override_settings.
os.environ.setdefault("DJANGO_HTTPS", "0")

from processdb.settings import *  # noqa: E402,F403
from processdb.settings import STORAGES  # noqa: E402

# Templates render {% static %} without a collectstatic run.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Hashing passwords with the production hasher makes hundreds of test logins slow.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploaded documents of a test run go to a temporary folder, never into the project; every
# process of the run (each xdist worker, the controller) has its own and removes it on exit.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="processdb-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# Static files come from the finders (as on a fresh clone), never from a `make run`'s
# collectstatic: WhiteNoise reads the whole folder each time a test client starts, which made
# the suite twice as slow after `make run` in the same checkout.
STATIC_ROOT = tempfile.mkdtemp(prefix="processdb-test-static-")
atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)

# Login throttling is switched on by the tests that exercise it; elsewhere tests log in
# with force_login or authenticate() without a request, which django-axes would refuse.
AXES_ENABLED = False

# The change that raises the content version to a multiple of 1000 also prunes the page cache's
# change log: one more query wherever the demo's version happens to stand. The query budgets of
# the tests must not depend on that; tests/core/test_caching.py switches pruning on.
PROCESSDB_CHANGE_LOG_PRUNE_EVERY = 0
