"""Read pages of the process database. Changes happen in the admin."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import caching, ownership, panels, review_flags
from core.params import redirect_back
from core.review_dates import mark_reviewed_from_post
from processes import bpmn, bpmn_import, diagram, handbook, selectors, services, tree
from processes.forms import BpmnImportForm
from processes.impact import PROCESS, STEP
from processes.models import Category, Process, ProcessVersion, StepKind
from processes.permissions import EDIT_PROCESSES, RELEASE_PROCESSES, VIEW_PROCESSES, can_see_unpublished
from processes.versioning import step_value


class CompareForm(forms.Form):
    von = forms.IntegerField(min_value=1, max_value=10**9)
    zu = forms.IntegerField(min_value=1, max_value=10**9)


class ReaderMixin(PermissionRequiredMixin):
    """Read pages need the reading permission (held by every staff group)."""

    permission_required = VIEW_PROCESSES


class ProcessMapView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    """The process map. Each area (a group, or a band's own processes) is cached on its own, so that
    after a change only the areas it touched are read and rendered again."""

    fragment_template = "processes/process_map.html"

    def _draft_tags(self) -> list[str]:
        return [f"{caching.MAP}-draft"] if can_see_unpublished(self.request.user) else []

    def _departments(self, bands) -> tuple[dict, list, str | None]:
        """The bands' departments, the departments to filter by (if several), the one chosen (?abteilung=).

        A department that shows its content to its members only is left out for everyone else."""
        owners = ownership.band_owners([band.category.pk for band in bands])
        hidden = set(caching.reader(self.request)["unreadable"])
        hidden_bands = {pk for pk, (slug, _) in owners.items() if slug in hidden}
        if hidden_bands:
            bands[:] = [band for band in bands if band.category.pk not in hidden_bands]
            owners = {pk: owner for pk, owner in owners.items() if pk not in hidden_bands}
        departments = sorted(set(owners.values()), key=lambda department: department[1])
        chosen = ownership.chosen_department(self.request, departments)
        return owners, departments if len(departments) > 1 else [], chosen

    def fragment_parts(self) -> tuple:
        # One page per department filter; an unknown value is the whole map (no page per typo).
        return (*super().fragment_parts(), ownership.department_param(self.request))

    def shared_context(self) -> dict:
        request, user = self.request, self.request.user
        bands = selectors.process_map_frame()
        owners, departments, chosen = self._departments(bands)
        for band in bands:
            band.department = owners.get(band.category.pk)
        if chosen:
            bands = [band for band in bands if band.department and band.department[0] == chosen]
        areas = {(area.category.pk,): area for band in bands for area in [band.tiles, *band.groups]}
        cached = caching.cached_parts(request, "map-area", list(areas))
        stale = {parts: area for parts, area in areas.items() if parts not in cached}
        editors = can_see_unpublished(user)
        wanted = set().union(*(area.category_ids for area in stale.values())) if stale else set()
        archived = selectors.fill_map(
            bands, selectors.map_processes(user=user, category_ids=wanted, archived=editors) if stale or editors else []
        )
        rendered = {}
        for band in bands:
            for area in [band.tiles, *band.groups]:
                parts = (area.category.pk,)
                if parts in cached:
                    area.html = mark_safe(cached[parts]["html"])  # noqa: S308 - rendered by the template below
                    continue
                context = {"area": area, "tiles": area is band.tiles, "band_has_groups": bool(band.groups)}
                html = render_to_string("processes/includes/_map_area.html", context)
                area.html = mark_safe(html)  # noqa: S308 - a template's output
                rendered[parts] = ({"html": html}, [*self._area_tags(area), *self._draft_tags()])
        caching.store_parts(request, "map-area", rendered)
        return dict(
            bands=bands, archived=archived, areas=list(areas.values()), departments=departments, chosen=chosen,
            can_import=user.has_perm("processes.add_process"),
        )

    @staticmethod
    def _area_tags(area) -> list[str]:
        return [caching.tag(caching.MAP_AREA, pk) for pk in area.category_ids]

    def fragment_tags(self, shared: dict) -> list[str]:
        areas = [tag for area in shared["areas"] for tag in self._area_tags(area)]
        return [caching.MAP, *areas, *self._draft_tags()]


class ProcessDetailView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    fragment_template = "processes/process_detail.html"

    def fragment_parts(self) -> tuple:
        # The printed page names the day and the address it was printed from. Editors are offered
        # the edit button of their own department's processes only.
        editor = can_see_unpublished(self.request.user)
        return (
            self.kwargs["slug"],
            self.request.get_host(),
            timezone.localdate(),
            *([caching.member_key(self.request)] if editor else []),
        )

    def shared_context(self) -> dict:
        process = selectors.process_for_page(slug=self.kwargs["slug"], user=self.request.user)
        steps = list(process.steps.all())
        memo: dict = {}
        process_panels = panels.render_panels("process", [process], self.request.user, self.request, memo)[process.pk]
        step_panels = panels.render_panels("step", steps, self.request.user, self.request, memo)
        reviews = review_flags.open_reviews_by_kind({PROCESS: [process.pk], STEP: [step.pk for step in steps]})
        editor = can_see_unpublished(self.request.user)
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
            can_edit=editor,
            # An editor of another department reads the process; its edit button is not offered.
            owned_elsewhere=ownership.refusal(self.request.user, process) if editor else None,
            page_url=self.request.build_absolute_uri(self.request.path),
            diagram=diagram.of_steps(steps, title=_("Flow of „%(title)s“") % {"title": process.title}),
        )

    def fragment_tags(self, shared: dict) -> list[str]:
        # Its steps, articles, documents, review banners and owner name this tag when they change
        # (roles, areas, laws and people: everything). Editors also see its pending draft.
        pk = shared["process"].pk
        return [caching.tag("process", pk), *([caching.tag("process-draft", pk)] if shared["can_edit"] else [])]


class BpmnImportView(PermissionRequiredMixin, View):
    """/prozesse/import/: a BPMN file from another tool becomes a new draft process, with a report."""

    permission_required = "processes.add_process"
    template_name = "processes/bpmn_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": BpmnImportForm()})

    def post(self, request):
        form = BpmnImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                bpmn_import.refuse_too_large(upload.size)
                category = form.cleaned_data["category"]
                result = bpmn_import.import_process(data=upload.read(), category=category, author=request.user)
            except bpmn_import.ImportRefused as refusal:
                form.add_error("file", str(refusal))
            except PermissionDenied:
                form.add_error("category", _("This area of the map belongs to another department."))
            else:
                return render(request, "processes/bpmn_import_done.html", {"result": result})
        return render(request, self.template_name, {"form": form}, status=400)


class HandbookView(ReaderMixin, View):
    """/prozesse/handbuch/: choose an area; ?bereich=<id> (or „alle“) downloads its handbook as PDF."""

    template_name = "processes/handbook_form.html"

    def get(self, request):
        areas = list(Category.objects.order_by("tree_id", "lft"))
        chosen = request.GET.get("bereich")
        if chosen is None:
            return render(request, self.template_name, {"areas": areas})
        area = None
        if chosen != "alle":
            area = next((item for item in areas if str(item.pk) == chosen), None)
            if area is None:
                return render(request, self.template_name, {"areas": areas, "error": _("Please choose an area.")}, status=400)
        try:
            pdf = handbook.render_pdf(area=area, user=request.user, base_url=request.build_absolute_uri("/"))
        except handbook.TooLarge as error:
            message = _("%(count)d processes are more than one handbook holds (at most %(max)d): please choose an area.") % {
                "count": error.args[0], "max": handbook.MAX_PROCESSES}
            return render(request, self.template_name, {"areas": areas, "error": message}, status=400)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = area.slug if area is not None else "alle"
        response["Content-Disposition"] = f'attachment; filename="prozesshandbuch-{name}.pdf"'
        return response


class ProcessBpmnView(ReaderMixin, View):
    """/prozesse/<slug>/bpmn/: the released process as a BPMN 2.0 file for modelling tools (processes.bpmn)."""

    def get(self, request, slug):
        process = selectors.process_for_bpmn(slug=slug, user=request.user)
        response = HttpResponse(bpmn.export(process, list(process.steps.all())), content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{process.slug}.bpmn"'
        return response


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

    def fragment_tags(self, shared: dict) -> list[str]:
        overview = shared["overview"]
        shown = {item.process.pk for item in overview.processes} | {process.pk for process in overview.owned_processes}
        drafts = [f"{caching.MAP}-draft"] if can_see_unpublished(self.request.user) else []
        return [caching.tag("role", overview.role.pk), caching.TITLES, *drafts, *(caching.tag("process", pk) for pk in shown)]


class ProcessReviewedView(PermissionRequiredMixin, View):
    """POST: the process description was checked; record who and when, set the next review."""

    permission_required = EDIT_PROCESSES
    http_method_names = ["post"]

    def post(self, request, slug):
        process = get_object_or_404(Process.objects.visible_to(request.user), slug=slug)
        ownership.check(request.user, process)  # another department's process: 403
        mark_reviewed_from_post(request, process)
        return redirect_back(request, process.get_absolute_url())


# --- versions -------------------------------------------------------------------------------


class VersionListView(ReaderMixin, TemplateView):
    template_name = "processes/version_list.html"

    def get_context_data(self, **kwargs):
        process = selectors.process_for_versions(slug=self.kwargs["slug"], user=self.request.user)
        versions = list(selectors.versions(process=process, user=self.request.user))
        return super().get_context_data(
            process=process,
            versions=versions,
            can_edit=can_see_unpublished(self.request.user),
            default_from=versions[1].number if len(versions) > 1 else None,
            default_to=versions[0].number if versions else None,
            **kwargs,
        )


class VersionDetailView(ReaderMixin, TemplateView):
    """One version as it reads; the pending draft with its comparison to the released version and the release button."""

    template_name = "processes/version_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        process = selectors.process_for_versions(slug=self.kwargs["slug"], user=user)
        version = selectors.version_of(process=process, number=self.kwargs["number"], user=user)
        is_pending = version.number == process.latest_version and not hasattr(version, "release")
        for step in version.snapshot["steps"]:  # for showing only: the label of a kind other than a task
            kind = step_value(step, "kind")
            step["kind_label"] = StepKind(kind).label if kind != StepKind.TASK else ""
        comparison = None
        if is_pending and process.released_version:
            comparison = selectors.version_comparison(
                process=process, old_number=process.released_version, new_number=version.number
            )
        return super().get_context_data(
            process=process,
            version=version,
            snapshot=version.snapshot,
            is_pending=is_pending,
            comparison=comparison,
            release_problem=services.release_problem(version, user) if is_pending else None,
            diagram=diagram.of_snapshot(version.snapshot, title=_("Flow of „%(title)s“") % {"title": process.title}),
            can_edit=can_see_unpublished(user),
            # notifications: how many comments on the draft are open, and the way to them.
            draft_panels=panels.render_panels("process_draft", [version], user, self.request)[version.pk] if is_pending else [],
            **kwargs,
        )


class CompareView(ReaderMixin, TemplateView):
    template_name = "processes/version_compare.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        process = selectors.process_for_versions(slug=self.kwargs["slug"], user=user)
        form = CompareForm(self.request.GET)
        if not form.is_valid():
            raise Http404
        first, second = sorted([form.cleaned_data["von"], form.cleaned_data["zu"]])
        old = selectors.version_of(process=process, number=first, user=user)
        new = selectors.version_of(process=process, number=second, user=user)
        return super().get_context_data(
            process=process,
            old=old,
            new=new,
            comparison=selectors.version_comparison(process=process, old_number=old.number, new_number=new.number),
            **kwargs,
        )


class VersionActionView(PermissionRequiredMixin, View):
    permission_required = EDIT_PROCESSES
    http_method_names = ["post"]

    def version(self):
        process = selectors.process_for_versions(slug=self.kwargs["slug"], user=self.request.user)
        return selectors.version_of(process=process, number=self.kwargs["number"], user=self.request.user)


class ReleaseVersionView(VersionActionView):
    permission_required = VIEW_PROCESSES  # the four-eyes rule and the release permission are checked by the service

    def post(self, request, slug, number):
        version = self.version()
        try:
            services.version_release(version=version, releaser=request.user)
        except services.ReleaseRefused as refusal:
            messages.error(request, str(refusal))
            if not request.user.has_perm(RELEASE_PROCESSES):
                raise PermissionDenied(str(refusal)) from refusal
            return redirect(version)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(version)
        messages.success(request, _("Version %(number)d is released; caseworkers see it now.") % {"number": version.number})
        return redirect("processes:process", slug=version.process.slug if version.process.slug else slug)


class RestoreVersionView(VersionActionView):
    def post(self, request, slug, number):
        process = selectors.process_for_versions(slug=slug, user=request.user)
        try:
            version = services.version_restore(process=process, number=number, author=request.user)
        except ProcessVersion.DoesNotExist as error:
            raise Http404 from error
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("processes:versions", slug=process.slug)
        messages.success(
            request,
            _("Version %(old)d was restored as new version %(new)d (a draft, to be released by another person).")
            % {"old": number, "new": version.number},
        )
        return redirect(version)
