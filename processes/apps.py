from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "processes"
    verbose_name = _("Processes")

    def ready(self):
        from core import caching
        from processes import impact, panels

        impact.register_own_sources()
        panels.register()
        caching.track(*self.get_models())
