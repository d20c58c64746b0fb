"""System checks of the login settings (`manage.py check`, run at every start)."""

from django.conf import settings
from django.core.checks import Error, register

from processdb import groups
from processdb.sso_settings import DEPARTMENT_PREFIX


@register()
def directory_group_map(app_configs=None, **kwargs):
    """Every target of PROCESSDB_DIRECTORY_GROUPS is one of the application's groups or a department."""
    known = set(groups.GROUP_PERMISSIONS)
    errors = []
    for external, targets in settings.PROCESSDB_DIRECTORY_GROUPS.items():
        for target in targets:
            if target.startswith(DEPARTMENT_PREFIX) and target[len(DEPARTMENT_PREFIX) :]:
                continue
            if target not in known:
                errors.append(
                    Error(
                        f"PROCESSDB_DIRECTORY_GROUPS maps {external!r} to {target!r}, which is no group of the application.",
                        hint=f"Use one of {', '.join(sorted(known))} or abteilung:<slug>.",
                        id="processdb.E101",
                    )
                )
    return errors
