from django.urls import path

from public import editor_views as views

urlpatterns = [
    path("", views.TextListView.as_view(), name="list"),
    path("neu/", views.TextCreateView.as_view(), name="create"),
    path("uebersetzungen/", views.TranslationOverviewView.as_view(), name="translations"),
    path("<slug:slug>/", views.TextDetailView.as_view(), name="text"),
    path("<slug:slug>/bearbeiten/", views.TextEditView.as_view(), name="edit"),
    path("<slug:slug>/freigeben/", views.ReleaseView.as_view(), name="release"),
    path("<slug:slug>/uebersetzungen/<slug:language>/", views.TranslationEditView.as_view(), name="translation"),
]
