from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "processes"
    verbose_name = _("Processes")

    def ready(self):
        from django.urls import register_converter

        from processes import impact, lookups
        from processes.params import IdConverter

        lookups.register()
        # Every app's URL patterns name their numeric ids `<id:…>` (bounded, see IdConverter).
        register_converter(IdConverter, "id")

        impact.register_own_sources()

        from processes import caching
        from processes.models import ContentVersion

        caching.track(*(model for model in self.get_models() if model is not ContentVersion))
        caching.track_users()
