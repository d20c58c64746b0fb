from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="documents"),
    path("neu/", views.DocumentCreateView.as_view(), name="document_create"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="document"),
    path("<slug:slug>/hochladen/", views.VersionUploadView.as_view(), name="document_upload"),
    path("<slug:slug>/freigeben/", views.ReleaseView.as_view(), name="document_release"),
    path("<slug:slug>/geprueft/", views.DocumentReviewedView.as_view(), name="document_reviewed"),
    path("<slug:slug>/versionen/<id:number>/herunterladen/", views.DownloadView.as_view(), name="document_download"),
]
