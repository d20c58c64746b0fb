from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def cache_m2m_tags() -> dict:
    """Links of an article: its page and the pages of the processes it is (un)linked from."""
    from core.caching import tag
    from processes.models import Step

    def article(article) -> tuple[str, str]:
        suffix = "" if article.published_revision_id else "-draft"
        return tag(f"article{suffix}", article.pk), f"process{suffix}"

    def steps(obj, pks):
        own, kind = article(obj)
        return [own, *(tag(kind, pk) for pk in Step.objects.filter(pk__in=pks).values_list("process_id", flat=True))]

    def processes(obj, pks):
        own, kind = article(obj)
        return [own, *(tag(kind, pk) for pk in pks)]

    return {
        "steps": steps,
        "processes": processes,
        "documents": lambda obj, pks: [article(obj)[0]],
        "cited_norms": lambda revision, pks: [tag("article-draft", revision.article_id)],
    }


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from knowledge import panels

        panels.register()
        panels.register_impact()

        from core import caching

        caching.track(*self.get_models(), m2m=cache_m2m_tags())
