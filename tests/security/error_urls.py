"""The product's URLs plus views that fail on purpose, for the error page tests."""

from django.db import OperationalError
from django.urls import path

from processdb import urls


def broken(request):
    raise RuntimeError("interner Zustand: geheim-4711")


def database_gone(request):
    raise OperationalError("could not connect to server: geheim-4711")


urlpatterns = [
    path("test/kaputt/", broken),
    path("test/datenbank/", database_gone),
    *urls.urlpatterns,
]
handler403 = urls.handler403
handler404 = urls.handler404
handler500 = urls.handler500
