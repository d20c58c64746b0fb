from django.contrib import admin
from django.urls import include, path

from processdb import oidc, views
from public import views as public_views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("suche/", include("search.urls")),
    path("info/", include("public.urls")),
    path("oeffentlich/", include(("public.editor_urls", "public_edit"))),
    path("sitemap.xml", public_views.sitemap, name="sitemap"),
    path("konto/anmelden/", views.LoginView.as_view(), name="login"),
    path("konto/abmelden/", views.LogoutView.as_view(), name="logout"),
    # Login with the city's account (OpenID Connect); 404 while no provider is configured.
    path("konto/stadt/", oidc.start, name="oidc_authentication_init"),
    path("konto/stadt/zurueck/", oidc.callback, name="oidc_authentication_callback"),
    path("barrierefreiheit/", views.AccessibilityView.as_view(), name="accessibility"),
    path("wissen/", include("knowledge.urls")),
    path("einarbeitung/", include("onboarding.urls")),
    # Feedback, its queue (/pruefung/hinweise/, before the review's own pages) and notifications.
    path("", include("notifications.urls")),
    path("pruefung/", include("lawchanges.urls")),
    path("dokumente/", include("documents.urls")),
    path("recht/", include("law.urls")),
    path("admin/", admin.site.urls),
    path("", include("processes.urls")),
]

handler403 = "processdb.errors.permission_denied"
handler404 = "processdb.errors.page_not_found"
handler500 = "processdb.errors.server_error"
