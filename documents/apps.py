from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _steps_changed(document, pks) -> list[str]:
    """A document (un)linked from steps: its page and the pages of their processes."""
    from core.caching import tag
    from processes.models import Step

    suffix = "" if document.current_version_id else "-draft"
    processes = Step.objects.filter(pk__in=pks).values_list("process_id", flat=True).distinct()
    return [tag(f"document{suffix}", document.pk), *(tag(f"process{suffix}", pk) for pk in processes)]


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from core import caching, links
        from documents import panels

        panels.register()
        links.register("process_map", "documents", links.Link(_("Templates and forms"), "documents:documents", order=30))
        caching.track(*self.get_models(), m2m={"steps": _steps_changed})
