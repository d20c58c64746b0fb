from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawchangesConfig(AppConfig):
    name = "lawchanges"
    verbose_name = _("Law changes")

    def ready(self):
        from core import caching
        from lawchanges import panels

        panels.register()
        caching.track(*self.get_models())
