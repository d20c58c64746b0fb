from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("", views.start, name="start"),
    path("a-z/", views.a_to_z, name="a_to_z"),
    path("suche/", views.search, name="search"),
    path("impressum/", views.legal_notice, name="legal_notice"),
    path("feed.json", views.feed, name="feed"),
    path("formulare/<slug:slug>/", views.form_download, name="form"),
    path("<slug:slug>/", views.service, name="service"),
    path("<slug:slug>/checkliste/", views.checklist, name="checklist"),
    path("<slug:slug>/xzufi.xml", views.service_xml, name="xzufi"),
]
