"""Export → import into an empty database → export: the same pack, byte for byte."""

import io
import re
import zipfile

import pytest
from django.core.management import call_command

from knowledge.models import Article, Revision
from law.models import Law, Norm
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference
from tests.factories import UserFactory

COUNTED = [Law, Norm, Role, Category, Process, Step, ProcessReference, StepReference, Article, Revision]


def run(*args) -> str:
    out = io.StringIO()
    call_command("pack", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.mark.django_db(transaction=True)
def test_round_trip_of_the_demo_gives_the_same_pack_byte_for_byte(demo_content, tmp_path):
    first, second = tmp_path / "erstes.zip", tmp_path / "zweites.zip"
    assert "Paket „Prozessdatenbank“ geschrieben" in run("export", str(first))
    processes = set(Process.objects.values_list("slug", "status"))
    released = set(Article.objects.filter(published_revision__isnull=False).values_list("slug", flat=True))

    call_command("flush", interactive=False, verbosity=0)
    assert not Process.objects.exists() and not Article.objects.exists()
    UserFactory(username="freigabe", is_superuser=True)
    output = run("import", str(first), "--as", "freigabe")

    assert "Paket importiert" in output
    assert set(Process.objects.values_list("slug", "status")) == processes
    assert set(Article.objects.filter(published_revision__isnull=False).values_list("slug", flat=True)) == released
    run("export", str(second))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def _content_as_pages_show_it() -> dict:
    """What the process, article and norm pages show of the content, without people and dates."""
    from django.conf import settings

    from departments import packs

    pack = packs.load(settings.PACKS_DIR / "auslaenderbehoerde")
    slugs = {entry["slug"] for entry in pack.processes}
    return {
        "articles": dict(
            Article.objects.filter(slug__in=[entry["slug"] for entry in pack.articles]).values_list(
                "slug", "published_revision__body_html"
            )
        ),
        "processes": {
            process.slug: (process.title, process.notes_html, process.status, process.released_version)
            for process in Process.objects.filter(slug__in=slugs)
        },
        "steps": {
            (step.process.slug, step.position): (step.title, step.description_html, step.responsible_role.code)
            for step in Step.objects.filter(process__slug__in=slugs).select_related("process", "responsible_role")
        },
        "citations": sorted(
            StepReference.objects.filter(step__process__slug__in=slugs).values_list(
                "norm__law__key", "norm__number", "step__process__slug", "step__position"
            )
        ),
    }


def _main(html: str) -> str:
    """The page's main content; the norm's own id (in its „Beobachten“ link) differs between databases."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"art=norm&amp;id=\d+", "art=norm&amp;id=…", main)


@pytest.fixture(scope="module")
def imported_alone(django_db_setup, django_db_blocker):
    """packs/auslaenderbehoerde imported into an empty database: what its pages show. Built in a
    transaction that is rolled back (cheaper than emptying a database the demo filled)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client

    from core import caching

    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        caching.reset()
        assert not Process.objects.exists()
        admin = UserFactory(username="freigabe", is_superuser=True)
        run("import", str(settings.PACKS_DIR / "auslaenderbehoerde"), "--as", "freigabe")
        content = _content_as_pages_show_it()
        client = Client()
        client.force_login(admin)
        norm_page = _main(client.get("/recht/aufenthg/81/").content.decode())
        transaction.set_rollback(True)
    cache.clear()
    caching.reset()
    return content, norm_page


def test_the_foreigners_authoritys_pack_in_an_empty_database_gives_the_same_pages(imported_alone, demo_content, client):
    """packs/auslaenderbehoerde imported alone shows the processes, articles and norms as the demo does."""
    content, norm_page = imported_alone
    assert _content_as_pages_show_it() == content
    client.force_login(UserFactory(username="vorher", is_superuser=True))
    assert _main(client.get("/recht/aufenthg/81/").content.decode()) == norm_page
