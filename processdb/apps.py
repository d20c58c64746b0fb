from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProcessdbConfig(AppConfig):
    name = "processdb"
    verbose_name = _("Process database")

    def ready(self):
        from processdb.groups import ensure_groups

        # Groups and their permissions exist on every install, demo or not.
        post_migrate.connect(ensure_groups, dispatch_uid="processdb.ensure_groups")

        from django.contrib.auth.signals import user_logged_in

        from processdb import audit, checks  # noqa: F401 - checks registers the login settings' checks
        from processdb.middleware import mark_seen

        audit.connect()
        user_logged_in.connect(mark_seen, dispatch_uid="processdb.mark_seen")

        from django.core.signals import request_started

        from processdb import dbtimeouts

        # A process that serves requests gets time limits on the database (processdb/dbtimeouts.py).
        request_started.connect(dbtimeouts.request_started, dispatch_uid="processdb.dbtimeouts")


class ProcessdbAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the project's site as `admin.site` (processdb/admin_site.py)."""

    default = False  # "processdb" alone still means ProcessdbConfig
    default_site = "processdb.admin_site.ProcessdbAdminSite"
