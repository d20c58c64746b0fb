from django.urls import path, register_converter

from public import languages, views

app_name = "public"


class LanguageConverter:
    """The code of a language other than German (German pages have no code in their address)."""

    regex = "|".join(language.code for language in languages.TRANSLATED)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LanguageConverter, "language")

# The same pages in every language: /info/… in German, /info/<language>/… in the others.
_PAGES = [
    ("", views.start, "start"),
    ("a-z/", views.a_to_z, "a_to_z"),
    ("suche/", views.search, "search"),
    ("wegweiser/", views.guide_page, "guide"),
    ("impressum/", views.legal_notice, "legal_notice"),
    ("<slug:slug>/", views.service, "service"),
    ("<slug:slug>/checkliste/", views.checklist, "checklist"),
]

urlpatterns = [
    path("feed.json", views.feed, name="feed"),
    path("formulare/<slug:slug>/", views.form_download, name="form"),
    path("<slug:slug>/xzufi.xml", views.service_xml, name="xzufi"),
    *(path(f"<language:language>/{route}", view, name=name) for route, view, name in _PAGES),
    *(path(route, view, name=name) for route, view, name in _PAGES),
]
