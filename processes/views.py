"""Read pages of the process database. Changes happen in the admin."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from core import caching, panels, review_flags
from core.params import redirect_back
from core.review_dates import mark_reviewed_from_post
from processes import selectors, tree
from processes.impact import PROCESS, STEP
from processes.models import Process
from processes.permissions import EDIT_PROCESSES, VIEW_PROCESSES, can_see_unpublished


class ReaderMixin(PermissionRequiredMixin):
    """Read pages need the reading permission (held by every staff group)."""

    permission_required = VIEW_PROCESSES


class ProcessMapView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    fragment_template = "processes/process_map.html"

    def shared_context(self) -> dict:
        bands, archived = selectors.process_map(user=self.request.user)
        return dict(bands=bands, archived=archived)


class ProcessDetailView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    fragment_template = "processes/process_detail.html"

    def fragment_parts(self) -> tuple:
        # The printed page names the day and the address it was printed from.
        return (self.kwargs["slug"], self.request.get_host(), timezone.localdate())

    def shared_context(self) -> dict:
        process = selectors.process_for_page(slug=self.kwargs["slug"], user=self.request.user)
        steps = list(process.steps.all())
        memo: dict = {}
        process_panels = panels.render_panels("process", [process], self.request.user, self.request, memo)[process.pk]
        step_panels = panels.render_panels("step", steps, self.request.user, self.request, memo)
        reviews = review_flags.open_reviews_by_kind({PROCESS: [process.pk], STEP: [step.pk for step in steps]})
        for step in steps:
            step.panels = step_panels[step.pk]
            step.open_reviews = reviews.get((STEP, step.pk), [])
        return dict(
            process=process,
            steps=steps,
            process_panels=process_panels,
            open_reviews=reviews.get((PROCESS, process.pk), []),
            steps_with_reviews=[step for step in steps if step.open_reviews],
            category_path=tree.ancestors(process.category, include_self=True),
            can_edit=can_see_unpublished(self.request.user),
            page_url=self.request.build_absolute_uri(self.request.path),
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


class RoleDetailView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    fragment_template = "processes/role_detail.html"
    paged = True

    def shared_context(self) -> dict:
        overview = selectors.role_overview(slug=self.kwargs["slug"], user=self.request.user, page_number=self.page_number())
        return dict(overview=overview, role=overview.role, page=overview.page)


class ProcessReviewedView(PermissionRequiredMixin, View):
    """POST: the process description was checked; record who and when, set the next review."""

    permission_required = EDIT_PROCESSES
    http_method_names = ["post"]

    def post(self, request, slug):
        process = get_object_or_404(Process.objects.visible_to(request.user), slug=slug)
        mark_reviewed_from_post(request, process)
        return redirect_back(request, process.get_absolute_url())
