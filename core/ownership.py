"""Who may change a piece of content beyond the permission of their group: the departments' rule.

A department (departments app, above the content apps) owns part of the content; its editors,
team leads and releasers may change only what their department owns, or what no department
owns (shared content such as laws and norms). The content apps' services ask ``check`` before
they write, so the app, the admin and scripts are held to the same rule; the departments app
registers the rule from its AppConfig.ready(). Without a registered rule everything is allowed.

A rule is an object with two methods:

- ``refusal(user, obj) -> str | None``: why ``user`` may not change ``obj`` (German), or None;
- ``created(user, obj) -> None``: ``user`` created ``obj``: file it under the user's department;
- ``band_owners(band_ids) -> dict``: {band id: (department slug, department name)} for the bands
  of the process map a department owns (the map groups and filters by department);
- ``departments() -> list``: [(slug, name)] of every department, for filters;
- ``owned_ids(slug, kind)``: a query of the ids of the content of this kind ("process", "step",
  "article", "document") that the department owns, or None for a kind it cannot own;
- ``member_key(user) -> str``: the same for users of the same departments (cached pages that
  show what a user may change are kept per permissions and this key);
- ``home_department(user) -> str | None``: the name of the one department ``user`` belongs to
  (pages name it in their header and title), None for none or several.
"""

from django.core.exceptions import PermissionDenied

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


def member_key(user) -> str:
    """A short key of what the rules know of ``user`` (their departments); "" without rules."""
    return ";".join(rule.member_key(user) for rule in _rules)


def home_department(user) -> str | None:
    """The name of the one department ``user`` belongs to; None for none, several, or without rules."""
    for rule in _rules:
        name = rule.home_department(user)
        if name:
            return name
    return None


def owned_ids(slug: str, kind: str):
    """A query of the ids of ``kind`` content the department ``slug`` owns, or None if no rule knows it."""
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
