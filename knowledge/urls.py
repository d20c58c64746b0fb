from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="index"),
    path("neu/", views.ArticleCreateView.as_view(), name="create"),
    path("schritte/suche/", views.StepSearchView.as_view(), name="step_search"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("<slug:slug>/bearbeiten/", views.ArticleEditView.as_view(), name="edit"),
    path("<slug:slug>/versionen/", views.HistoryView.as_view(), name="history"),
    path("<slug:slug>/versionen/<id:number>/", views.RevisionView.as_view(), name="revision"),
    path("<slug:slug>/versionen/<id:number>/wiederherstellen/", views.RestoreRevisionView.as_view(), name="restore"),
    path("<slug:slug>/vergleich/", views.CompareView.as_view(), name="compare"),
    path("<slug:slug>/freigeben/", views.ReleaseView.as_view(), name="release"),
    path("<slug:slug>/archivieren/", views.ArchiveView.as_view(), name="archive"),
    path("<slug:slug>/reaktivieren/", views.UnarchiveView.as_view(), name="unarchive"),
    path("<slug:slug>/geprueft/", views.MarkReviewedView.as_view(), name="reviewed"),
]
