"""Read pages of the process database. Changes happen in the admin."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import TemplateView

from processes import selectors, tree
from processes.permissions import VIEW_PROCESSES, can_see_unpublished


class ReaderMixin(PermissionRequiredMixin):
    """Read pages need the reading permission (held by every staff group)."""

    permission_required = VIEW_PROCESSES


class ProcessMapView(ReaderMixin, TemplateView):
    template_name = "processes/process_map.html"

    def get_context_data(self, **kwargs):
        bands, archived = selectors.process_map(user=self.request.user)
        return super().get_context_data(bands=bands, archived=archived, **kwargs)


class ProcessDetailView(ReaderMixin, TemplateView):
    template_name = "processes/process_detail.html"

    def get_context_data(self, **kwargs):
        process = selectors.process_for_page(slug=self.kwargs["slug"], user=self.request.user)
        return super().get_context_data(
            process=process,
            steps=list(process.steps.all()),
            category_path=tree.ancestors(process.category, include_self=True),
            can_edit=can_see_unpublished(self.request.user),
            **kwargs,
        )


class RoleListView(ReaderMixin, TemplateView):
    template_name = "processes/role_list.html"

    def get_context_data(self, **kwargs):
        roles = list(selectors.roles_with_counts())
        return super().get_context_data(
            internal_roles=[role for role in roles if not role.is_external],
            external_roles=[role for role in roles if role.is_external],
            **kwargs,
        )


class RoleDetailView(ReaderMixin, TemplateView):
    template_name = "processes/role_detail.html"

    def get_context_data(self, **kwargs):
        overview = selectors.role_overview(slug=self.kwargs["slug"], user=self.request.user)
        return super().get_context_data(overview=overview, role=overview.role, **kwargs)


class LawListView(ReaderMixin, TemplateView):
    template_name = "processes/law_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(laws=selectors.laws_with_counts(), **kwargs)


class LawDetailView(ReaderMixin, TemplateView):
    template_name = "processes/law_detail.html"

    def get_context_data(self, **kwargs):
        law, whole_law, norms = selectors.law_citations(law_key=self.kwargs["law"], user=self.request.user)
        context = super().get_context_data(**kwargs)
        context.update(law=law, whole_law=whole_law, norms=norms)
        return context


class NormDetailView(ReaderMixin, TemplateView):
    template_name = "processes/norm_detail.html"

    def get_context_data(self, **kwargs):
        citations = selectors.norm_citations(
            law_key=self.kwargs["law"], number=self.kwargs["number"], user=self.request.user
        )
        context = super().get_context_data(**kwargs)
        context.update(citations=citations, norm=citations.norm)
        return context

