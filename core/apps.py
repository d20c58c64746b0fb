from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Building blocks every app uses; it imports none of them (see ARCHITECTURE.md)."""

    name = "core"
    verbose_name = _("Basics")

    def ready(self):
        from django.urls import register_converter

        from core import lookups
        from core.params import IdConverter

        lookups.register()
        # Every app's URL patterns name their numeric ids `<id:…>` (bounded, see IdConverter).
        register_converter(IdConverter, "id")

        from core import caching

        # Users, groups and permissions are shown on pages and cached with them (processdb.auth).
        caching.track_users()
