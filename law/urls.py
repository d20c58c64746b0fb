from django.urls import path, register_converter

from law import views


class NormNumberConverter:
    """A paragraph or article number as cited: 81, 18g, 16a (upper case is accepted and lowered by the view)."""

    regex = "[0-9]{1,4}[a-zA-Z]?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(NormNumberConverter, "norm")

app_name = "law"

urlpatterns = [
    path("", views.LawListView.as_view(), name="laws"),
    path("<slug:law>/", views.LawDetailView.as_view(), name="law"),
    path("<slug:law>/<norm:number>/", views.NormDetailView.as_view(), name="norm"),
]
