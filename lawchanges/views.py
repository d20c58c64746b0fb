"""/pruefung/: the review queue (due reviews and open law-change items) and recording law changes."""

import re
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from core import caching, impact, ownership, panels
from core.params import int_or_none, safe_next_url
from law.citations import find_citations
from law.models import Law, Norm
from law.norms import NORM_NUMBER_RE, normalise_number
from lawchanges import services
from lawchanges.models import LawChange, ReviewItem
from lawchanges.review import due_items
from processes.models import Role
from processes.permissions import VIEW_PROCESSES, can_read, can_see_unpublished

RECORD_CHANGES = "lawchanges.add_lawchange"
CLOSE_ITEMS = "lawchanges.change_reviewitem"


def parse_norm_list(text: str, law: Law) -> tuple[list[tuple[Law, str]], list[str]]:
    """„81, 81a, § 18g, § 6 BeschV“ → [(AufenthG, "81"), …, (BeschV, "6")] and the parts not understood."""
    laws = {entry.abbreviation: entry for entry in Law.objects.all()}
    found, errors = [], []
    for part in re.split(r"[;,\n]+", text or ""):
        part = part.strip()
        if not part:
            continue
        citations = find_citations(part if part.lstrip().startswith(("§", "Art")) else f"§ {part}", laws)
        if citations:
            found.extend((laws[c.law], n) for c in citations for n in c.numbers)
            continue
        number = normalise_number(re.sub(r"^(§+|Art\.?|Artikel)", "", part).split("Abs")[0])
        if NORM_NUMBER_RE.match(number):
            found.append((law, number))
        else:
            errors.append(part)
    return list(dict.fromkeys(found)), errors


class LawChangeForm(forms.Form):
    law = forms.ModelChoiceField(label=gettext_lazy("Law"), queryset=Law.objects.order_by("abbreviation"))
    norms = forms.CharField(
        label=gettext_lazy("Affected paragraphs"),
        help_text=gettext_lazy(
            "Numbers of the law chosen, separated by commas, e.g. „81, 81a, 18g“; "
            "other laws with their abbreviation, e.g. „§ 6 BeschV“."
        ),
        max_length=500,
    )
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=300, help_text=gettext_lazy("E.g. „Fachkräfteeinwanderung – Stufe 2“.")
    )
    effective_date = forms.DateField(
        label=gettext_lazy("Takes effect"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    source = forms.CharField(
        label=gettext_lazy("Source"), required=False, max_length=200, help_text=gettext_lazy("E.g. BGBl. 2024 I Nr. 54.")
    )

    def clean(self):
        cleaned = super().clean()
        law = cleaned.get("law")
        if law and cleaned.get("norms"):
            pairs, errors = parse_norm_list(cleaned["norms"], law)
            if errors:
                self.add_error(
                    "norms",
                    _("Not understood: %(parts)s. Write paragraph numbers such as 81 or 18g.") % {"parts": ", ".join(errors)},
                )
            elif not pairs:
                self.add_error("norms", _("Please name at least one paragraph."))
            cleaned["norm_pairs"] = pairs
        return cleaned

    def existing_norms(self) -> list[Norm]:
        pairs = self.cleaned_data.get("norm_pairs", [])
        query = Q(pk__in=[])
        for law, number in pairs:
            query |= Q(law=law, number=number)
        return list(Norm.objects.filter(query).select_related("law"))

    def new_numbers(self, existing_norms: list[Norm]) -> list[str]:
        existing = {(n.law_id, n.number) for n in existing_norms}
        return [
            f"§ {number} {law.abbreviation}"
            for law, number in self.cleaned_data.get("norm_pairs", [])
            if (law.pk, number) not in existing
        ]


class ReviewQueueView(PermissionRequiredMixin, caching.SharedPageMixin, TemplateView):
    """Open law-change items by change, owner and role, and content due for its regular review.

    For readers the page is a shared fragment per filter and page; editors' pages carry forms
    and are rendered for each request.
    """

    fragment_template = "lawchanges/review_queue.html"
    permission_required = VIEW_PROCESSES
    page_size = 50

    def fragment_parts(self) -> tuple:
        params = self.request.GET
        mine = params.get("filter") == "meine"
        return (
            self.request.user.pk if mine else "all",
            int_or_none(params.get("aenderung")),
            int_or_none(params.get("rolle")),
            ownership.department_param(self.request),
            self.page_number(),
            timezone.localdate(),
        )

    def fragment_tags(self, shared: dict) -> list[str]:
        return [caching.REVIEW, caching.TITLES]

    def shared_context(self) -> dict:
        params = self.request.GET
        user = self.request.user
        mine = params.get("filter") == "meine"
        change_id = int_or_none(params.get("aenderung"))
        role_id = int_or_none(params.get("rolle"))
        items = ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).select_related("law_change", "owner", "role")
        if mine:
            items = items.filter(owner=user)
        if change_id:
            items = items.filter(law_change_id=change_id)
        if role_id:
            items = items.filter(role_id=role_id)
        departments = caching.departments(self.request)
        department = ownership.chosen_department(self.request, departments)
        # Nothing on the content of a department that shows it to its members only (core.ownership).
        concealed = ownership.unreadable_entries(user, [source.kind for source in impact.sources()])
        if concealed:
            items = items.exclude(concealed)
        if department:
            # The items on content of that department (processes, steps, articles, documents).
            owned = Q(pk__in=[])
            for kind in (source.kind for source in impact.sources()):
                ids = ownership.owned_ids(department, kind)
                if ids is not None:
                    owned |= Q(kind=kind, object_id__in=ids)
            items = items.filter(owned)
        items = items.order_by("-law_change__effective_date", "law_change_id", "kind", "title")
        page = Paginator(items, self.page_size).get_page(self.page_number())
        changes = list(
            LawChange.objects.annotate(
                total=Count("review_items"), open=Count("review_items", filter=Q(review_items__status=ReviewItem.Status.OPEN))
            ).order_by("-effective_date")
        )
        due = due_items(user=user, mine=mine) if can_read(user) else []
        filters = params.copy()
        filters.pop("seite", None)
        return dict(
            mine=mine,
            # Tabs of higher apps (notifications: the readers' feedback), for those who may follow them.
            extra_tabs=panels.links("review", user),
            page=page,
            review_items=page.object_list,
            changes=changes,
            open_changes=[c for c in changes if c.open],
            roles=Role.objects.order_by("is_external", "name"),
            selected={"aenderung": change_id, "rolle": role_id, "abteilung": department},
            departments=departments if len(departments) > 1 else [],
            filter_query=filters.urlencode(),
            overdue=[item for item in due if item.state == "overdue"],
            due=[item for item in due if item.state != "overdue"],
            can_mark=can_see_unpublished(user),
            can_close=user.has_perm(CLOSE_ITEMS),
            can_record=user.has_perm(RECORD_CHANGES),
            next_review=timezone.localdate() + timedelta(days=365),
        )


class LawChangeCreateView(PermissionRequiredMixin, View):
    """Enter a change, see its impact first, then record it (two POSTs; the first writes nothing)."""

    permission_required = RECORD_CHANGES
    template_name = "lawchanges/law_change_form.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {"form": LawChangeForm(initial={"law": Law.objects.filter(abbreviation="AufenthG").first()})},
        )

    def post(self, request):
        form = LawChangeForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        norms = form.existing_norms()
        if request.POST.get("action") != "record":
            return render(
                request,
                self.template_name,
                {"form": form, "analysis": impact.analyse(norms), "new_numbers": form.new_numbers(norms)},
            )
        data = form.cleaned_data
        norms = Norm.objects.for_citations({(law.abbreviation, number) for law, number in data["norm_pairs"]})
        try:
            change = services.law_change_record(
                law=data["law"],
                norms=norms,
                title=data["title"],
                effective_date=data["effective_date"],
                summary=data["summary"],
                source=data["source"],
                recorded_by=request.user,
            )
        except services.LawChangeRefused as refusal:
            form.add_error(None, str(refusal))
            return render(request, self.template_name, {"form": form}, status=400)
        messages.success(
            request,
            ngettext(
                "The change was recorded; %(count)d review item is open.",
                "The change was recorded; %(count)d review items are open.",
                open_items := change.review_items.count(),
            )
            % {"count": open_items},
        )
        return redirect(change)


class LawChangeDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = VIEW_PROCESSES
    template_name = "lawchanges/law_change_detail.html"

    def get_context_data(self, **kwargs):
        change = get_object_or_404(LawChange.objects.select_related("law", "recorded_by"), pk=self.kwargs["pk"])
        items = list(change.review_items.select_related("owner", "role", "closed_by").order_by("status", "kind", "title"))
        closed = sum(1 for item in items if not item.is_open)
        return super().get_context_data(
            change=change,
            norms=change.norms.select_related("law").order_by("law__abbreviation", "sort_key"),
            review_items=items,
            closed=closed,
            percent=round(100 * closed / len(items)) if items else 100,
            can_close=self.request.user.has_perm(CLOSE_ITEMS),
            **kwargs,
        )


class ReviewItemsCloseView(PermissionRequiredMixin, View):
    """POST: close one or several review items as „angepasst“ or „nicht betroffen“ (with a reason)."""

    permission_required = CLOSE_ITEMS
    http_method_names = ["post"]

    def post(self, request):
        ids = [pk for pk in (int_or_none(v) for v in request.POST.getlist("items")) if pk]
        target = safe_next_url(request, reverse("review:index"))
        if not ids:
            messages.error(request, _("Please select at least one review item."))
            return HttpResponseRedirect(target)
        try:
            closed = services.review_items_close(
                items=ReviewItem.objects.filter(pk__in=ids),
                user=request.user,
                status=request.POST.get("status", ""),
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, ngettext("%(count)d review item closed.", "%(count)d review items closed.", closed) % {"count": closed}
            )
        return HttpResponseRedirect(target)
