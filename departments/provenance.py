"""Who owns imported content and who wrote and released its revisions, when: a pack holds no
people and no dates (PACKS.md), so the import asks a Provenance. The default is what an import
means without more knowledge; the demo (processdb.demo) passes the people and dates of its history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser

# Author of imported article revisions. The four-eyes rule wants a releaser other than the
# author: a person named with --as releases them and takes responsibility for the content.
IMPORT_USERNAME = "paketimport"


def import_user():
    """The system account that authors imported revisions: inactive, no password, no rights."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        **{user_model.USERNAME_FIELD: IMPORT_USERNAME}, defaults={"is_active": False, "first_name": "Paketimport"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@dataclass(frozen=True)
class Written:
    """Who wrote one revision when, and who released it when (None: now)."""

    author: AbstractBaseUser
    releaser: AbstractBaseUser | None
    created_at: datetime.datetime | None = None
    released_at: datetime.datetime | None = None


class Provenance:
    """The people and dates of new content, which a pack does not hold.

    This default is what an import means without more knowledge: the releaser owns new articles
    and documents, processes keep no owner, nothing has a review date, and the system account
    writes every revision that the releaser releases, now. Subclass it to import content with its
    history's people and dates (``processdb.demo`` does).
    """

    def __init__(self, releaser):
        self.releaser = releaser

    def owner(self, kind: str, slug: str):
        """The person responsible for new content; kind is "process", "article" or "document"."""
        return None if kind == "process" else self.releaser

    def review_date(self, kind: str, slug: str) -> datetime.date | None:
        return None

    def revision(self, slug: str, index: int) -> Written:
        """Of a new article's ``index``-th revision (0: the first of its history)."""
        return Written(author=import_user(), releaser=self.releaser)
