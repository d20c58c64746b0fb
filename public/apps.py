from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Information for applicants")

    def ready(self):
        from core import caching

        caching.track(*self.get_models())
