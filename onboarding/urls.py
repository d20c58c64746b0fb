from django.urls import path

from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.MyOnboardingView.as_view(), name="index"),
    path("punkt/<id:assignment>/<id:item>/", views.ItemView.as_view(), name="item"),
    path("punkt/<id:assignment>/<id:item>/bestaetigen/", views.ItemActionView.as_view(action="confirm"), name="confirm"),
    path("punkt/<id:assignment>/<id:item>/zuruecknehmen/", views.ItemActionView.as_view(action="undo"), name="undo"),
    path("team/", views.TeamView.as_view(), name="team"),
    path("team/export.csv", views.TeamExportView.as_view(), name="team_export"),
    path("zuweisung/<id:pk>/", views.AssignmentDetailView.as_view(), name="assignment"),
    path("pfade/", views.PathListView.as_view(), name="paths"),
    path("pfade/entwerfen/", views.DraftPathView.as_view(), name="draft_path"),
    path("pfade/<id:pk>/", views.PathDetailView.as_view(), name="path"),
    path("pfade/<id:pk>/zuweisen/", views.AssignView.as_view(), name="assign"),
]
