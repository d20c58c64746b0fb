from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def cache_m2m_tags() -> dict:
    """Roles taking part in a step, norms cited in texts: their pages and the process's page."""
    from core.caching import tag

    def step_or_process(owner) -> str:
        return tag("process", getattr(owner, "process_id", None) or owner.pk)

    return {
        "participating_roles": lambda step, pks: [step_or_process(step), *(tag("role", pk) for pk in pks)],
        "text_citations": lambda owner, pks: [step_or_process(owner), *(tag("norm", pk) for pk in pks)],
    }


class ProcessesConfig(AppConfig):
    name = "processes"
    verbose_name = _("Processes")

    def ready(self):
        from core import caching
        from processes import cards, impact, panels

        impact.register_own_sources()
        panels.register()
        caching.track(*self.get_models(), m2m=cache_m2m_tags())
        cards.connect(self)
