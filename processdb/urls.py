from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from processdb import views

admin.site.site_header = _("Process database – administration")
admin.site.site_title = _("Process database")
admin.site.index_title = _("Maintain processes and content")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("suche/", include("search.urls")),
    path("konto/anmelden/", views.LoginView.as_view(), name="login"),
    path("konto/abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("barrierefreiheit/", views.AccessibilityView.as_view(), name="accessibility"),
    path("wissen/", include("knowledge.urls")),
    path("einarbeitung/", include("onboarding.urls")),
    path("pruefung/", include("lawchanges.urls")),
    path("dokumente/", include("documents.urls")),
    path("recht/", include("law.urls")),
    path("admin/", admin.site.urls),
    path("", include("processes.urls")),
]

handler403 = "processdb.errors.permission_denied"
handler404 = "processdb.errors.page_not_found"
handler500 = "processdb.errors.server_error"
