"""Who may change – and read – a piece of content beyond the permission of their group: the departments' rule.

A department (departments app, above the content apps) owns part of the content; its editors,
team leads and releasers may change only what their department owns, or what no department
owns (shared content such as laws and norms). The content apps' services ask ``check`` before
they write, so the app, the admin and scripts are held to the same rule; the departments app
registers the rule from its AppConfig.ready(). Without a registered rule everything is allowed.

Reading is open across departments, unless a department restricts it to its members: then its
content is hidden from everyone else but administrators. The content apps' reading querysets
(``visible_to``) pass through ``readable``, so a hidden process or article answers 404 and is
left out of every list, the map, search and the norm pages. What is hidden from a user is asked
once per request (``reader_of``; core.caching.reader keeps it per user and content version).

A rule is an object with these methods:

- ``refusal(user, obj) -> str | None``: why ``user`` may not change ``obj`` (German), or None;
- ``created(user, obj) -> None``: ``user`` created ``obj``: file it under the user's department;
- ``band_owners(band_ids) -> dict``: {band id: (department slug, department name)} for the bands
  of the process map a department owns (the map groups and filters by department);
- ``departments() -> list``: [(slug, name)] of every department, for filters;
- ``owned_ids(slug, kind)``: a query of the ids of the content of this kind ("process", "step",
  "article", "document") that the department owns, or None for a kind it cannot own;
- ``reader(user) -> dict``: what pages need to know of ``user``, asked once per user and
  content version (core.caching.reader): "member", a key that is the same for users of the
  same departments (cached pages that show what a user may change are kept per permissions and
  this key); "home", the name of the one department ``user`` belongs to (pages name it in their
  header and title), None for none or several; "unreadable", slugs of the departments whose
  content ``user`` may not read (those that restrict reading to their members, see ``readable``).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

_rules: list = []


class OwnedElsewhere(PermissionDenied):
    """A 403 whose message (German, for the person refused) says whose content it is."""


def register(rule) -> None:
    """Add a rule (idempotent per rule object)."""
    if rule not in _rules:
        _rules.append(rule)


def refusal(user, obj) -> str | None:
    """Why ``user`` may not change ``obj``, or None if every rule allows it."""
    for rule in _rules:
        reason = rule.refusal(user, obj)
        if reason:
            return reason
    return None


def check(user, obj) -> None:
    """Raise PermissionDenied (a 403 in views and the admin) if ``user`` may not change ``obj``."""
    reason = refusal(user, obj)
    if reason:
        raise OwnedElsewhere(reason)


def created(user, obj) -> None:
    """Tell the rules that ``user`` created ``obj`` (in the creating transaction)."""
    for rule in _rules:
        rule.created(user, obj)


def band_owners(band_ids) -> dict[int, tuple[str, str]]:
    """{band id: (slug, name) of the department that owns it}; bands nobody owns are left out."""
    owners: dict[int, tuple[str, str]] = {}
    for rule in _rules:
        owners.update(rule.band_owners(band_ids))
    return owners


def departments() -> list[tuple[str, str]]:
    """[(slug, name)] of every department, by name; empty without departments."""
    found: list[tuple[str, str]] = []
    for rule in _rules:
        found += rule.departments()
    return found


def reader(user) -> dict:
    """See the module text; without rules: in no department, everything readable."""
    facts = {"member": "", "home": None, "unreadable": []}
    for rule in _rules:
        found = rule.reader(user)
        facts = {
            "member": ";".join(filter(None, [facts["member"], found["member"]])),
            "home": facts["home"] or found["home"],
            "unreadable": facts["unreadable"] + found["unreadable"],
        }
    return facts


READER_ATTRIBUTE = "_processdb_reader"


def reader_of(user) -> dict:
    """``reader(user)``, asked once per request: kept on the user object (core.caching.reader puts it there too)."""
    facts = getattr(user, READER_ATTRIBUTE, None)
    if facts is None:
        facts = reader(user)
        setattr(user, READER_ATTRIBUTE, facts)
    return facts


def readable(user, queryset: QuerySet, kind: str, *, field: str = "pk") -> QuerySet:
    """``queryset`` without the rows of ``kind`` that ``user`` may not read (their department shows
    its content to its members only); ``field`` names the row's id of that kind. No query is added
    if nothing is hidden from the user."""
    condition = None
    for slug in reader_of(user)["unreadable"]:
        ids = owned_ids(slug, kind)
        if ids is not None:
            part = Q(**{f"{field}__in": ids})
            condition = part if condition is None else condition | part
    return queryset.exclude(condition) if condition is not None else queryset


def unreadable_entries(user, kinds) -> Q:
    """A condition on rows that name content by ``kind`` and ``object_id`` (search entries, review
    items) that matches what ``user`` may not read; an empty Q (false) if nothing is hidden."""
    condition = Q()
    for slug in reader_of(user)["unreadable"]:
        for kind in kinds:
            ids = owned_ids(slug, kind)
            if ids is not None:
                condition |= Q(kind=kind, object_id__in=ids)
    return condition


def owned_ids(slug: str, kind: str):
    """A query of the ids of ``kind`` content ("band", "process", "step", "article", "document",
    "path") the department ``slug`` owns, or None if no rule knows it."""
    for rule in _rules:
        ids = rule.owned_ids(slug, kind)
        if ids is not None:
            return ids
    return None


def chosen_department(request, departments) -> str | None:
    """The slug of ``?abteilung=`` if it names one of ``departments`` ([(slug, name)]), else None:
    an unknown value filters nothing rather than showing an empty page."""
    chosen = request.GET.get("abteilung")
    return chosen if chosen in {slug for slug, _ in departments} else None


def department_param(request) -> str:
    """``?abteilung=`` as a cache key part: a slug-like value (at most 60 characters), else ""."""
    value = request.GET.get("abteilung", "")
    return value if len(value) <= 60 and value.replace("-", "").isalnum() else ""
