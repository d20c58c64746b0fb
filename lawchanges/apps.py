from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawchangesConfig(AppConfig):
    name = "lawchanges"
    verbose_name = _("Law changes")

    def ready(self):
        from lawchanges import panels
        from core import caching

        panels.register()
        caching.track(*self.get_models())
