"""The staff groups and the model permissions each one holds.

Permissions are granted through these groups only; code checks the permission
constants in each app's permissions module, never group names.
"""

from django.contrib.auth.models import Group, Permission

READERS = "Sachbearbeitung"
EDITORS = "Redaktion"
TEAM_LEADS = "Teamleitung"

# The content every staff member reads and editors maintain, as app label.model name.
_CONTENT_MODELS = [
    "law.law", "law.norm",
    "processes.category", "processes.role", "processes.process", "processes.step",
    "processes.processreference", "processes.stepreference", "documents.document", "documents.documentversion",
]


def _permission(model: str, action: str) -> str:
    app_label, name = model.split(".")
    return f"{app_label}.{action}_{name}"


_READ = [_permission(model, "view") for model in _CONTENT_MODELS] + [
    "knowledge.view_article",
    "knowledge.view_revision",
    # Everyone who reads may say what is wrong or outdated („Hinweis geben“).
    "notifications.add_feedback",
]

_EDIT = _READ + [
    *(_permission(model, "add") for model in _CONTENT_MODELS),
    *(_permission(model, "change") for model in _CONTENT_MODELS),
    # Steps and references are removed while editing a process; processes are archived.
    "processes.delete_step",
    "processes.delete_processreference",
    "processes.delete_stepreference",
    "knowledge.add_article",
    "knowledge.change_article",
    "knowledge.add_revision",
    "knowledge.view_release",
    # Editors are the second pair of eyes for each other's revisions.
    "knowledge.release_revision",
    "documents.release_documentversion",
    "processes.release_process",
    # Editors record law changes and work through the review items they open.
    "lawchanges.view_lawchange",
    "lawchanges.add_lawchange",
    "lawchanges.view_reviewitem",
    "lawchanges.change_reviewitem",
    # Public texts for applicants: editors write them and release each other's.
    "public.view_publictext",
    "public.add_publictext",
    "public.change_publictext",
    "public.view_publictextversion",
    "public.release_publictextversion",
    "public.view_office",
    # Editors answer and close the feedback on what their department looks after.
    "notifications.view_feedback",
    "notifications.change_feedback",
    # The guide to the right service, maintained in the admin.
    *(f"public.{action}_{model}" for model in ("guidequestion", "guideanswer") for action in ("view", "add", "change", "delete")),
]

_ONBOARDING_MODELS = ["readingpath", "pathsection", "pathitem", "assignment"]

_LEAD = _EDIT + [
    "public.add_office",
    "public.change_office",
    "processes.delete_category",
    "law.delete_norm",
    *(f"onboarding.{action}_{model}" for model in _ONBOARDING_MODELS for action in ("view", "add", "change", "delete")),
    "onboarding.view_confirmation",
]

GROUP_PERMISSIONS: dict[str, list[str]] = {
    READERS: _READ,
    EDITORS: _EDIT,
    TEAM_LEADS: _LEAD,
}


def ensure_groups(**kwargs) -> None:
    """Create the groups and give each exactly its listed permissions (idempotent).

    Runs after every app's migrations; permissions of apps not migrated yet are
    skipped and picked up by a later call. All permissions are read in one query.
    """
    by_name = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    for name, dotted_names in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = {by_name[dotted] for dotted in dotted_names if dotted in by_name}
        current = set(group.permissions.values_list("pk", flat=True))
        if wanted - current:
            group.permissions.add(*(wanted - current))
        if current - wanted:
            group.permissions.remove(*(current - wanted))
