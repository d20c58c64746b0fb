"""Shared fixtures: the demo content, users of every kind and logged-in clients."""

import pytest
from django.core.cache import cache

from processdb import groups
from tests import demo
from tests.factories import UserFactory

# With several workers (make test), the slowest modules start first: xdist hands the tests out
# in collection order, and a long test started last keeps one worker busy while the others idle.
# This overrides pytest-django's order (rolled-back tests before transactional ones), so `db`
# tests also run after a flush, which leaves no rows of data migrations: the suite allows that.
SLOWEST_FIRST = (
    "tests/security/test_fuzz.py",
    "tests/browser/",
    "tests/processdb/test_database_outage.py",
    "tests/processdb/test_demo.py",
    "tests/test_upgrade.py",
    "tests/bench/",
    "tests/security/test_access_matrix.py",
    "tests/security/test_backup.py",
    "tests/processdb/test_admin_german.py",
    "tests/departments/test_roundtrip.py",
    "tests/departments/test_buergerservice_pack.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if not hasattr(config, "workerinput"):
        return  # one process: the order of the files

    def rank(item):
        return next((n for n, prefix in enumerate(SLOWEST_FIRST) if item.nodeid.startswith(prefix)), len(SLOWEST_FIRST))

    items.sort(key=rank)  # stable: a module's tests stay together and in their order


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back tests reuse ids and content versions."""
    from core import caching

    cache.clear()
    caching.reset()
    yield
    cache.clear()
    caching.reset()


@pytest.fixture
def demo_content(db):
    """The demo content and accounts (password „demo“) in this test's database, as `manage.py demo`
    leaves them: loaded once per test process, copied in for every further test (tests/demo.py).

    Works with `db` and `transactional_db` tests; request it before fixtures that create rows.
    """
    return demo.restore()


@pytest.fixture
def reader(db):
    return UserFactory(username="leser", groups=[groups.READERS])


@pytest.fixture
def editor(db):
    return UserFactory(username="redakteur", groups=[groups.EDITORS], is_staff=True)


@pytest.fixture
def second_editor(db):
    """Another member of the editors, the second pair of eyes."""
    return UserFactory(username="redakteurin2", groups=[groups.EDITORS], is_staff=True)


@pytest.fixture
def team_lead(db):
    return UserFactory(username="leitung", groups=[groups.TEAM_LEADS], is_staff=True)


@pytest.fixture
def nobody(db):
    """Logged in, but in no group."""
    return UserFactory(username="ohnegruppe")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def team_lead_client(client, team_lead):
    client.force_login(team_lead)
    return client
