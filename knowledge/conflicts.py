"""What happened to an article while an editor had its form open, and how their change is kept.

The edit form carries the state it was opened with (linked steps, processes and documents, the
responsible person, the review date) in a hidden field, next to the article's edit number. When a
save is refused because someone else saved meanwhile (services.EditConflict), the conflict page
compares that state with the current one (what the others changed) and with the editor's choice
(what they changed), and offers the editor's changes applied to the current state: a link that
someone else added stays, one the editor removed goes, and neither side's change is lost unseen.
"""

import datetime
import json
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.params import int_or_none
from core.people import display_name
from documents.models import Document
from processes.models import Process, Step

MAX_IDS = 5_000  # more links than any article has; a longer list in the hidden field is not read


@dataclass(frozen=True)
class LinkState:
    steps: frozenset[int]
    processes: frozenset[int]
    documents: frozenset[int]
    owner: int | None
    review_date: datetime.date | None

    def encode(self) -> str:
        return json.dumps(
            {
                "steps": sorted(self.steps),
                "processes": sorted(self.processes),
                "documents": sorted(self.documents),
                "owner": self.owner,
                "review_date": self.review_date.isoformat() if self.review_date else None,
            },
            separators=(",", ":"),
        )

    @classmethod
    def decode(cls, token: str | None) -> "LinkState | None":
        """The state a form was opened with, or None if the field is missing or was tampered with."""
        try:
            data = json.loads(token or "")
            ids = {name: _ids(data[name]) for name in ("steps", "processes", "documents")}
            owner = None if data["owner"] is None else _id(data["owner"])
            review_date = None if data["review_date"] is None else datetime.date.fromisoformat(data["review_date"])
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None
        return cls(owner=owner, review_date=review_date, **ids)


def _id(value) -> int:
    number = int_or_none(value) if isinstance(value, int | str) else None
    if number is None or number < 1:
        raise ValueError(value)
    return number


def _ids(values) -> frozenset[int]:
    if not isinstance(values, list) or len(values) > MAX_IDS:
        raise ValueError(values)
    return frozenset(_id(value) for value in values)


def current_state(article) -> LinkState:
    """The article's links as stored now (read afresh: the article may just have been changed)."""
    return LinkState(
        steps=frozenset(article.steps.values_list("pk", flat=True)),
        processes=frozenset(article.processes.values_list("pk", flat=True)),
        documents=frozenset(article.documents.values_list("pk", flat=True)),
        owner=article.owner_id,
        review_date=article.review_date,
    )


def chosen_state(cleaned_data: dict) -> LinkState:
    """What the editor chose in the form (cleaned data of an ArticleForm)."""
    owner = cleaned_data.get("owner")
    return LinkState(
        steps=frozenset(step.pk for step in cleaned_data.get("steps") or ()),
        processes=frozenset(process.pk for process in cleaned_data.get("processes") or ()),
        documents=frozenset(document.pk for document in cleaned_data.get("documents") or ()),
        owner=owner.pk if owner else None,
        review_date=cleaned_data.get("review_date"),
    )


def merge(*, opened: LinkState | None, chosen: LinkState, current: LinkState) -> LinkState:
    """The editor's changes (opened -> chosen) applied to the current state.

    Without a known opened state nothing is removed: the union of the current and the chosen
    links, and the editor's choice of person and date where they made one.
    """
    if opened is None:
        return LinkState(
            steps=current.steps | chosen.steps,
            processes=current.processes | chosen.processes,
            documents=current.documents | chosen.documents,
            owner=chosen.owner or current.owner,
            review_date=chosen.review_date or current.review_date,
        )

    def links(name):
        before, mine, now = getattr(opened, name), getattr(chosen, name), getattr(current, name)
        return (now | (mine - before)) - (before - mine)

    def value(name):
        return getattr(chosen, name) if getattr(chosen, name) != getattr(opened, name) else getattr(current, name)

    return LinkState(
        steps=links("steps"),
        processes=links("processes"),
        documents=links("documents"),
        owner=value("owner"),
        review_date=value("review_date"),
    )


@dataclass
class Change:
    """One changed field, for the conflict page: added and removed links, or a value before and after."""

    label: str
    added: list[str]
    removed: list[str]
    before: str = ""
    after: str = ""


def _step_label(step) -> str:
    return f"{step.process.code} {step.process.title} – {step.position}. {step.title}".strip()


def describe(before: LinkState, after: LinkState) -> list[Change]:
    """What differs between two states, with names; one query per kind of link that changed."""
    from django.contrib.auth import get_user_model

    kinds = [
        ("steps", _("Steps"), Step.objects.select_related("process"), _step_label),
        ("processes", _("Processes"), Process.objects.all(), lambda p: f"{p.code} {p.title}".strip()),
        ("documents", _("Templates and forms"), Document.objects.all(), lambda d: d.title),
    ]
    changes = []
    for name, label, queryset, name_of in kinds:
        added, removed = getattr(after, name) - getattr(before, name), getattr(before, name) - getattr(after, name)
        if not (added or removed):
            continue
        names = {row.pk: name_of(row) for row in queryset.filter(pk__in=added | removed)}
        changes.append(
            Change(
                label=label,
                added=sorted(names[pk] for pk in added if pk in names),
                removed=sorted(names[pk] for pk in removed if pk in names),
            )
        )
    if before.owner != after.owner:
        people = {user.pk: display_name(user) for user in get_user_model().objects.filter(pk__in={before.owner, after.owner})}
        nobody = _("nobody")
        changes.append(
            Change(
                label=_("Responsible"),
                added=[],
                removed=[],
                before=people.get(before.owner, nobody),
                after=people.get(after.owner, nobody),
            )
        )
    if before.review_date != after.review_date:
        no_date = _("no date")
        changes.append(
            Change(
                label=_("Next review"),
                added=[],
                removed=[],
                before=before.review_date.strftime("%d.%m.%Y") if before.review_date else no_date,
                after=after.review_date.strftime("%d.%m.%Y") if after.review_date else no_date,
            )
        )
    return changes
