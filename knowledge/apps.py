from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from knowledge import panels

        panels.register()
        panels.register_impact()

        from core import caching

        caching.track(*self.get_models())
