"""Project-wide pages: start page, login, health check, search."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from processdb.forms import LoginForm
from processes.models import Process
from processes.permissions import can_read


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class HomeView(TemplateView):
    template_name = "processdb/home.html"

    def get_context_data(self, **kwargs):
        from knowledge.models import Article
        from onboarding.selectors import my_assignments
        from processdb.review import due_items

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["onboarding"] = my_assignments(user=user)
        if can_read(user):
            context["recent_processes"] = Process.objects.visible_to(user).order_by("-updated_at")[:5]
            context["recent_articles"] = (
                Article.objects.published().select_related("published_revision__release").order_by("-published_revision__release__released_at")[:5]
            )
            context["my_due"] = due_items(user=user, mine=True)
        return context


class SearchView(TemplateView):
    template_name = "processdb/search.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(search_query=self.request.GET.get("q", "")[:200], **kwargs)


@method_decorator(login_not_required, name="dispatch")
class AccessibilityView(TemplateView):
    """The accessibility statement BITV 2.0 requires; public like the login page."""

    template_name = "processdb/accessibility.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contact_email=settings.PROCESSDB_ACCESSIBILITY_CONTACT,
            enforcement_url=settings.PROCESSDB_ACCESSIBILITY_ENFORCEMENT_URL,
            **kwargs,
        )


class ReviewQueueView(TemplateView):
    """/pruefung/: what is due for review, for everyone or only the user's own."""

    template_name = "processdb/review_queue.html"

    def get_context_data(self, **kwargs):
        from datetime import timedelta

        from django.utils import timezone

        from processdb.review import due_items
        from processes.permissions import can_see_unpublished

        mine = self.request.GET.get("filter") == "meine"
        items = due_items(user=self.request.user, mine=mine) if can_read(self.request.user) else []
        return super().get_context_data(
            mine=mine,
            overdue=[item for item in items if item.state == "overdue"],
            due=[item for item in items if item.state != "overdue"],
            can_mark=can_see_unpublished(self.request.user),
            next_review=timezone.localdate() + timedelta(days=365),
            **kwargs,
        )


class SectionPlaceholderView(TemplateView):
    """A navigation section whose pages are not built yet."""

    template_name = "processdb/placeholder.html"
    section_title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(section_title=self.section_title, **kwargs)


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
