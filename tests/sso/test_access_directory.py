"""The access matrix for users who came through the directory: their mapped groups and departments
give them exactly what the same kind of local user may do, on every URL of the product."""

import pytest
from django.db import transaction
from django.test import Client

from tests.security.test_access_matrix import MATRIX, outcome, shared_world, world  # noqa: F401 - fixtures
from tests.sso.conftest import LDAP_PASSWORD

# Directory user → the local role of the matrix whose outcomes it must get.
DIRECTORY_USERS = {"l.berger": "reader", "t.keller": "team_lead"}
# The matrix's team lead assigned the world's onboarding paths, which makes their progress its own
# to see (onboarding.selectors.visible_assignments); another team lead does not see it. The matrix's
# reader gave the world's feedback: another reader does not see it.
NOT_THEIRS = {
    ("/einarbeitung/zuweisung/{assignment}/", "t.keller"): (404, 405),
    ("/einarbeitung/zuweisung/{other_assignment}/", "t.keller"): (404, 405),
    ("/hinweise/{feedback}/", "l.berger"): (404, 404),
}


@pytest.fixture
def directory_clients(world, directory):  # noqa: F811 - the fixture
    clients = {}
    for username in DIRECTORY_USERS:
        client = Client()
        assert client.post("/konto/anmelden/", {"username": username, "password": LDAP_PASSWORD}).status_code == 302
        clients[username] = client
    return clients


@pytest.mark.parametrize("row", MATRIX, ids=[row.url for row in MATRIX])
def test_directory_users_meet_the_access_matrix(row, world, directory_clients):  # noqa: F811 - the fixture
    url = row.url.format(**world["names"])
    data = {key: value.format(**world["names"]) for key, value in row.data.items()}
    expected, actual = {}, {}
    for username, role in DIRECTORY_USERS.items():
        client = directory_clients[username]
        get = outcome(client.get(url))
        with transaction.atomic():
            post = outcome(client.post(url, data))
            transaction.set_rollback(True)
        expected[username] = NOT_THEIRS.get((row.url, username)) or row.expected(role)
        actual[username] = (get, post)
    assert actual == expected
