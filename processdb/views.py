"""Project-wide pages: start page, login, health check, search."""

import datetime

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core import caching, ownership
from processdb import oidc
from processdb.forms import LoginForm
from processes.models import Process
from processes.permissions import can_read


class LoginView(auth_views.LoginView):
    """The password form (local accounts, and the directory's when LDAP is configured) and, with an
    identity provider, the button "Mit dem Konto der Stadt anmelden"."""

    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        directory_passwords = bool(getattr(settings, "AUTH_LDAP_SERVER_URI", ""))
        return super().get_context_data(
            city_login=oidc.configured(),
            directory_passwords=directory_passwords,
            password_form=directory_passwords or settings.PROCESSDB_LOCAL_LOGIN != "off",
            local_login=settings.PROCESSDB_LOCAL_LOGIN,
            **kwargs,
        )


class LogoutView(auth_views.LogoutView):
    """Ends the session here and, for a login through the identity provider, there as well."""

    def post(self, request, *args, **kwargs):
        at_provider = oidc.logout_url(request)  # read before the session is flushed
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response


class HomeView(TemplateView):
    template_name = "processdb/home.html"

    def get_context_data(self, **kwargs):
        from knowledge.selectors import recently_released
        from lawchanges.review import due_items
        from onboarding.selectors import my_assignments

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["onboarding"] = my_assignments(user=user)
        if can_read(user):
            # "Recently changed" of all departments, or of the one chosen with ?abteilung=.
            departments = caching.departments(self.request)
            chosen = ownership.chosen_department(self.request, departments)
            processes = Process.objects.visible_to(user)
            if chosen:
                processes = processes.filter(pk__in=ownership.owned_ids(chosen, "process"))
            context["recent_processes"] = processes.order_by("-updated_at")[:5]
            context["recent_articles"] = recently_released(
                limit=5, among=ownership.owned_ids(chosen, "article") if chosen else None, user=user
            )
            context["my_due"] = due_items(user=user, mine=True)
            context["departments"] = departments if len(departments) > 1 else []
            context["chosen"] = chosen
        return context


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
