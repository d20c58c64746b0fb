from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from core import caching, links
        from documents import panels

        panels.register()
        links.register("process_map", "documents", links.Link(_("Templates and forms"), "documents:documents", order=30))
        caching.track(*self.get_models())
