"""The demo accounts of the architecture page and the groups they belong to."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from processdb import groups


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    group: str | None
    is_staff: bool = False
    is_superuser: bool = False
    description: str = ""


DEMO_ACCOUNTS = [
    DemoAccount("sachbearbeitung", "Lena", "Berger", groups.READERS, description="Sachbearbeitung (lesen)"),
    DemoAccount(
        "teamleitung",
        "Thomas",
        "Keller",
        groups.TEAM_LEADS,
        is_staff=True,
        description="Teamleitung (bearbeiten, freigeben, Einarbeitung)",
    ),
    DemoAccount(
        "redaktion",
        "Rita",
        "Hoffmann",
        groups.EDITORS,
        is_staff=True,
        description="Redaktion (bearbeiten, zweite Person für Freigaben)",
    ),
    DemoAccount("neu", "Nina", "Neumann", groups.READERS, description="neue Mitarbeiterin mit Einarbeitungspfad"),
    DemoAccount(
        "neu.erwerb", "Jonas", "Berg", groups.READERS, description="neuer Kollege Erwerbsmigration (Einarbeitung überfällig)"
    ),
    DemoAccount("neu.service", "Mara", "Yilmaz", groups.READERS, description="neue Kollegin im Servicecenter"),
    DemoAccount(
        "bs.teamleitung", "Bernd", "Schulz", groups.TEAM_LEADS, is_staff=True, description="Teamleitung im Bürgerservice"
    ),
    DemoAccount("bs.redaktion", "Sonja", "Albrecht", groups.EDITORS, is_staff=True, description="Redaktion im Bürgerservice"),
    DemoAccount("admin", "Anna", "Admin", None, is_staff=True, is_superuser=True, description="Administration"),
]

# The demo's departments (processdb.demo): the Bürgerservice accounts belong to the second one,
# every other account but the administrator to the foreigners' authority.
SECOND_DEPARTMENT_ACCOUNTS = {"bs.teamleitung", "bs.redaktion"}


def ensure_demo_accounts(*, password: str) -> dict[str, object]:
    """Create or reset the demo accounts with the given password; returns users by username."""
    User = get_user_model()
    users = {}
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = f"{account.username}@example.org"
        user.is_staff = account.is_staff
        user.is_superuser = account.is_superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        if account.group:
            user.groups.set([Group.objects.get(name=account.group)])
        users[account.username] = user
    return users
