"""Addresses reversed once (core.addresses): the same as Django's, for every URLconf, prefix and language."""

from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, set_script_prefix
from django.urls import reverse as django_reverse

from core import addresses
from processes.models import Role


def _view(request, slug):
    return HttpResponse(slug)


# An installation that mounts the processes elsewhere (override_settings(ROOT_URLCONF=__name__)).
urlpatterns = [path("anderswo/", include(([path("rollen/<slug:slug>/", _view, name="role")], "processes")))]


def test_the_same_address_as_django():
    assert addresses.reverse("processes:process", slug="blaue-karte") == django_reverse(
        "processes:process", kwargs={"slug": "blaue-karte"}
    )
    assert addresses.reverse("processes:process", slug="blaue-karte") == "/prozesse/blaue-karte/"
    assert addresses.reverse("processes:process", slug="duldung") == "/prozesse/duldung/"


def test_an_other_urlconf_is_not_answered_from_the_kept_addresses():
    role = Role(slug="teamleitung", name="Teamleitung", code="TL")
    normal = role.get_absolute_url()
    with override_settings(ROOT_URLCONF=__name__):
        assert role.get_absolute_url() == "/anderswo/rollen/teamleitung/"
    assert role.get_absolute_url() == normal


def test_a_script_prefix_is_part_of_the_address():
    plain = addresses.reverse("processes:process", slug="duldung")
    set_script_prefix("/auslaenderbehoerde/")
    try:
        assert addresses.reverse("processes:process", slug="duldung") == "/auslaenderbehoerde" + plain
    finally:
        set_script_prefix("/")
    assert addresses.reverse("processes:process", slug="duldung") == plain
