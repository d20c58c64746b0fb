"""Project-wide pages: start page, login, health check, search."""

import datetime

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from processdb.forms import LoginForm
from processes.models import Process
from core.params import int_or_none
from processes.permissions import VIEW_PROCESSES, can_read


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class HomeView(TemplateView):
    template_name = "processdb/home.html"

    def get_context_data(self, **kwargs):
        from knowledge.selectors import recently_released
        from onboarding.selectors import my_assignments
        from lawchanges.review import due_items

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["onboarding"] = my_assignments(user=user)
        if can_read(user):
            context["recent_processes"] = Process.objects.visible_to(user).order_by("-updated_at")[:5]
            context["recent_articles"] = recently_released(limit=5)
            context["my_due"] = due_items(user=user, mine=True)
        return context


class SearchView(PermissionRequiredMixin, TemplateView):
    """/suche/?q=: results grouped by kind, filters by kind, area and role; citations resolved to norms."""

    template_name = "processdb/search.html"
    permission_required = VIEW_PROCESSES
    page_size = 20

    def get_context_data(self, **kwargs):
        from processdb.search import query as search_query
        from processes.models import Category, Role
        from processes.selectors import norm_citation_preview

        params = self.request.GET
        kind = search_query.kind_from_slug(params.get("art"))
        category_id = int_or_none(params.get("bereich"))
        role_id = int_or_none(params.get("rolle"))
        page = max(1, min(int_or_none(params.get("seite")) or 1, 50))
        results = search_query.search(
            params.get("q", ""),
            user=self.request.user,
            kind=kind,
            category_id=category_id,
            role_id=role_id,
            per_kind=self.page_size if kind else 10,
            offset=(page - 1) * self.page_size if kind else 0,
        )
        norm_hits = [norm_citation_preview(norm=norm, user=self.request.user) for norm in results.norms[:3]]
        filters = params.copy()
        for key in ("art", "seite"):
            filters.pop(key, None)
        group = results.groups[0] if kind and results.groups else None
        return super().get_context_data(
            results=results,
            search_query=results.query.text,
            norm_hits=norm_hits,
            message=search_query.message_for(results),
            kinds=[(slug, search_query.Kind(value).label) for slug, value in search_query.URL_KINDS.items()],
            selected={"art": params.get("art", ""), "bereich": category_id, "rolle": role_id},
            categories=Category.objects.order_by("tree_id", "lft"),
            roles=Role.objects.order_by("is_external", "name"),
            filter_query=filters.urlencode(),
            suggestions=search_query.SUGGESTIONS,
            page=page,
            has_next=bool(group and group.total > page * self.page_size),
            **kwargs,
        )



@method_decorator(login_not_required, name="dispatch")
class AccessibilityView(TemplateView):
    """The accessibility statement BITV 2.0 requires (§ 7 BITV 2.0, model of Implementing
    Decision (EU) 2018/1523); public like the login page."""

    template_name = "processdb/accessibility.html"
    # When the statement was prepared or last reviewed: change it with its text, after a review.
    prepared_on = datetime.date(2026, 11, 21)
    # The conciliation body of § 16 BGG, named when no enforcement body of the state is configured.
    conciliation_url = "https://www.schlichtungsstelle-bgg.de/"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contact_email=settings.PROCESSDB_ACCESSIBILITY_CONTACT,
            enforcement_url=settings.PROCESSDB_ACCESSIBILITY_ENFORCEMENT_URL,
            conciliation_url=self.conciliation_url,
            prepared_on=self.prepared_on,
            **kwargs,
        )


@require_safe
@never_cache
@login_not_required
def healthz(request):
    """200 while the database answers, 503 otherwise. For load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
