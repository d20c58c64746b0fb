"""Pages under /einarbeitung/: the new hire's checklist, items, the team view, reading paths."""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.forms import apply_validation_error
from core.people import display_name
from knowledge.diff import compare, compare_rendered_revisions
from onboarding import selectors, services
from onboarding.models import Assignment, PathItem, ReadingPath
from onboarding.permissions import ASSIGN_PATHS, DRAFT_PATHS, VIEW_TEAM
from processes.models import Role


class MyOnboardingView(TemplateView):
    """/einarbeitung/: the logged-in person's assignments with progress, sections and items."""

    template_name = "onboarding/my_onboarding.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            progresses=selectors.my_assignments(user=user),
            can_see_team=_can_see_team(user),
            can_manage_paths=user.has_perm(DRAFT_PATHS),
            **kwargs,
        )


def _can_see_team(user) -> bool:
    return user.has_perm(VIEW_TEAM) or Assignment.objects.filter(mentor=user).exists()


class ItemView(TemplateView):
    """One item of the person's own checklist: the article, the process or the task, and what changed."""

    template_name = "onboarding/item.html"

    def get_context_data(self, **kwargs):
        assignment, item, confirmation = selectors.own_item(
            assignment_pk=self.kwargs["assignment"], item_pk=self.kwargs["item"], user=self.request.user
        )
        context = super().get_context_data(**kwargs)
        context.update(assignment=assignment, item=item, confirmation=confirmation)
        outdated = confirmation is not None and confirmation.is_outdated()
        context["outdated"] = outdated
        if item.kind == PathItem.Kind.ARTICLE:
            current = item.article.published_revision
            context["current_revision"] = current
            if outdated and current is not None:
                context["diff"] = compare_rendered_revisions(confirmation.revision, current)
                context["changes"] = item.article.revisions.filter(
                    number__gt=confirmation.revision.number, number__lte=current.number
                ).select_related("author").order_by("number")
        elif item.kind == PathItem.Kind.PROCESS:
            from processes.selectors import process_with_step_details, version_comparison

            process = process_with_step_details(slug=item.process.slug, user=self.request.user)
            context["process"] = process
            if outdated:
                # The released version read then, compared with the one released now, as readers read them.
                comparison = None
                if confirmation.process_release and process.released_version:
                    comparison = version_comparison(
                        process=process, old_number=confirmation.process_release, new_number=process.released_version
                    )
                if comparison is not None:
                    context["process_comparison"] = comparison
                else:  # confirmed before processes had versions: the steps as plain text
                    context["diff"] = compare(confirmation.process_snapshot, process.snapshot_text())
        return context


class ItemActionView(View):
    """POST-only: confirm or take back an item of one's own assignment."""

    http_method_names = ["post"]
    action = "confirm"

    def post(self, request, assignment, item):
        assignment_obj, item_obj, _confirmation = selectors.own_item(assignment_pk=assignment, item_pk=item, user=request.user)
        try:
            if self.action == "confirm":
                services.item_confirm(
                    assignment=assignment_obj, item=item_obj, user=request.user, note=request.POST.get("note", "")
                )
                messages.success(
                    request,
                    _("„%(item)s“ is done.") % {"item": item_obj.label}
                    if item_obj.kind == PathItem.Kind.TASK
                    else _("Confirmed: you have read and understood „%(item)s“.") % {"item": item_obj.label},
                )
            else:
                services.item_undo(assignment=assignment_obj, item=item_obj, user=request.user)
                messages.info(request, _("„%(item)s“ is open again.") % {"item": item_obj.label})
        except services.ConfirmationRefused as refusal:
            messages.error(request, str(refusal))
        target = request.POST.get("zurueck")
        if target == "liste":
            return redirect("onboarding:index")
        return redirect("onboarding:item", assignment=assignment, item=item)


class TeamMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not _can_see_team(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TeamView(TeamMixin, TemplateView):
    """Mentors and team leads: progress, overdue items and outdated confirmations of each person."""

    template_name = "onboarding/team.html"

    def get_context_data(self, **kwargs):
        progresses = selectors.team_overview(user=self.request.user)
        reviews = selectors.open_review_counts_for_paths({p.assignment.path_id for p in progresses})
        for progress in progresses:
            progress.open_review_count = reviews.get(progress.assignment.path_id, 0)
        return super().get_context_data(
            progresses=progresses,
            can_manage_paths=self.request.user.has_perm(DRAFT_PATHS),
            **kwargs,
        )


class AssignmentDetailView(TemplateView):
    """One person's progress, for the person, their mentor and the team lead who assigned it."""

    template_name = "onboarding/assignment_detail.html"

    def get_context_data(self, **kwargs):
        progress = selectors.assignment_for(pk=self.kwargs["pk"], user=self.request.user)
        reviews = selectors.open_reviews_for_paths([progress.assignment.path_id]).get(progress.assignment.path_id, [])
        return super().get_context_data(progress=progress, assignment=progress.assignment, open_reviews=reviews, **kwargs)


def _csv_cell(value) -> str:
    """Neutralise spreadsheet formulas in user-supplied text (CSV injection)."""
    text = str(value if value is not None else "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class TeamExportView(TeamMixin, View):
    def get(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="einarbeitung-{timezone.localdate():%Y-%m-%d}.csv"'
        response.write("\ufeff")  # Excel recognises UTF-8 by the BOM
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                _("Person"),
                _("Reading path"),
                _("Role"),
                _("Mentor"),
                _("Start"),
                _("Due"),
                _("Required done"),
                _("Required total"),
                _("Progress %"),
                _("Overdue items"),
                _("Outdated confirmations"),
            ]
        )
        for progress in selectors.team_overview(user=request.user):
            assignment = progress.assignment
            writer.writerow(
                [
                    _csv_cell(display_name(assignment.person)),
                    _csv_cell(assignment.path.title),
                    _csv_cell(assignment.path.role.name),
                    _csv_cell(display_name(assignment.mentor)),
                    assignment.start_date.strftime("%d.%m.%Y"),
                    assignment.due_date.strftime("%d.%m.%Y"),
                    progress.done_required,
                    progress.total_required,
                    progress.percent,
                    progress.overdue_count,
                    progress.outdated_count,
                ]
            )
        return response


class DraftPathForm(forms.Form):
    role = forms.ModelChoiceField(label=gettext_lazy("Role"), queryset=Role.objects.filter(is_external=False).order_by("name"))


class AssignForm(forms.Form):
    person = forms.ModelChoiceField(label=gettext_lazy("New colleague"), queryset=get_user_model().objects.none())
    mentor = forms.ModelChoiceField(label=gettext_lazy("Mentor"), queryset=get_user_model().objects.none(), required=False)
    start_date = forms.DateField(label=gettext_lazy("Start"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    due_date = forms.DateField(label=gettext_lazy("Due"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
        self.fields["person"].queryset = people
        self.fields["mentor"].queryset = people
        self.fields["person"].label_from_instance = self.fields["mentor"].label_from_instance = display_name


class PathListView(PermissionRequiredMixin, TemplateView):
    permission_required = DRAFT_PATHS
    template_name = "onboarding/path_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            paths=selectors.paths_with_counts(user=self.request.user).order_by("role__name", "title"),
            draft_form=kwargs.pop("draft_form", None) or DraftPathForm(),
            **kwargs,
        )


class DraftPathView(PermissionRequiredMixin, View):
    permission_required = DRAFT_PATHS
    http_method_names = ["post"]

    def post(self, request):
        form = DraftPathForm(request.POST)
        if not form.is_valid():
            view = PathListView()
            view.setup(request)
            return view.render_to_response(view.get_context_data(draft_form=form), status=400)
        try:
            path = services.path_draft_from_process_map(role=form.cleaned_data["role"], created_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("onboarding:paths")
        messages.success(request, _("The reading path was drafted from the process map. Check it, then assign it."))
        return redirect(path)


class PathDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = DRAFT_PATHS
    template_name = "onboarding/path_detail.html"

    def get_context_data(self, **kwargs):
        path = selectors.path_detail(pk=self.kwargs["pk"], user=self.request.user)
        form = kwargs.pop("assign_form", None) or AssignForm(
            initial={
                "start_date": timezone.localdate(),
                "due_date": timezone.localdate() + timezone.timedelta(days=56),
                "mentor": self.request.user.pk,
            }
        )
        return super().get_context_data(
            path=path,
            assign_form=form,
            assignments=path.assignments.select_related("person", "mentor").order_by("due_date"),
            total_minutes=sum(item.estimated_minutes or 0 for section in path.sections.all() for item in section.items.all()),
            **kwargs,
        )


class AssignView(PermissionRequiredMixin, View):
    permission_required = ASSIGN_PATHS
    http_method_names = ["post"]

    def post(self, request, pk):
        path = get_object_or_404(ReadingPath, pk=pk)  # the whole path is loaded only if the form is shown again
        form = AssignForm(request.POST)
        if form.is_valid():
            try:
                assignment = services.assignment_create(path=path, assigned_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("„%(path)s“ was assigned to %(person)s.") % {"path": path.title, "person": display_name(assignment.person)},
                )
                return redirect(path)
        view = PathDetailView()
        view.setup(request, pk=pk)
        return view.render_to_response(view.get_context_data(assign_form=form), status=400)
