"""The law pages under /recht/: the laws, a law's cited norms, a norm and everything that cites it.

What cites a law or a norm lives in the apps above (processes, knowledge, law changes); they
add it to these pages as panels (core.panels), so this app imports none of them.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import TemplateView

from core import caching, panels
from law import selectors

VIEW_NORMS = "law.view_norm"


class ReaderMixin(PermissionRequiredMixin):
    """Read pages need the reading permission (held by every staff group)."""

    permission_required = VIEW_NORMS


class LawListView(ReaderMixin, TemplateView):
    template_name = "law/law_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(laws=selectors.laws_with_counts(), **kwargs)


class LawDetailView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    fragment_template = "law/law_detail.html"

    def shared_context(self) -> dict:
        user, request = self.request.user, self.request
        law, whole_law = selectors.law_for_page(key=self.kwargs["law"])
        # Panels show the law as a whole only where something cites it so ("only_cited").
        whole_law_panels = (
            panels.render_panels("norm", [whole_law], user, request, memo={"only_cited": True})[whole_law.pk] if whole_law else []
        )
        return dict(
            law=law,
            whole_law=whole_law,
            law_panels=panels.render_panels("law", [law], user, request)[law.pk],
            whole_law_panels=whole_law_panels,
        )

    def fragment_tags(self, shared: dict) -> list[str]:
        # What cites the law's norms: any release of a process or article may change it.
        whole_law = shared["whole_law"]
        tags = [caching.tag("law", shared["law"].pk), caching.TITLES, caching.CITATIONS]
        return [*tags, caching.tag("norm", whole_law.pk)] if whole_law else tags


class NormDetailView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    fragment_template = "law/norm_detail.html"
    paged = True

    def shared_context(self) -> dict:
        user, request = self.request.user, self.request
        norm = selectors.norm_for_page(law_key=self.kwargs["law"], number=self.kwargs["number"])
        return dict(
            norm=norm,
            norm_history_panels=panels.render_panels("norm_history", [norm], user, request)[norm.pk],
            norm_panels=panels.render_panels("norm", [norm], user, request, memo={"page_number": self.page_number()})[norm.pk],
        )

    def fragment_tags(self, shared: dict) -> list[str]:
        # Citations of the norm name it when they come and go; titles of what cites it are TITLES.
        norm = shared["norm"]
        return [caching.tag("norm", norm.pk), caching.tag("law", norm.law_id), caching.TITLES]
