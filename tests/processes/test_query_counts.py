"""Page query counts stay flat as the data grows (200 processes × 10 steps)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from law.models import Law, Norm
from processes import cards
from processes.models import Category, Process, Role, Step, StepReference


@pytest.fixture(scope="module")
def large_map_rows(django_db_setup, django_db_blocker):
    """200 processes with 10 steps each, every step citing two norms and involving two roles.

    Built once for the module in a transaction rolled back at its end; each test runs in a
    savepoint inside it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        law = Law.objects.create(key="aufenthg", abbreviation="AufenthG", title="Aufenthaltsgesetz", gii_slug="aufenthg_2004")
        norms = [Norm.objects.create(law=law, number=str(n)) for n in range(1, 41)]
        roles = [Role.objects.create(name=f"Rolle {n}", slug=f"rolle-{n}", code=f"R{n}") for n in range(8)]
        bands = [Category.objects.create(name=name, slug=name.lower()) for name in ("Führung", "Kern", "Unterstützung")]
        groups = [Category.objects.create(name=f"Gruppe {n}", slug=f"gruppe-{n}", parent=bands[1]) for n in range(10)]
        processes = Process.objects.bulk_create(
            Process(
                code=f"P-{n:03d}",
                title=f"Verfahren {n}",
                slug=f"verfahren-{n}",
                category=(groups[n % 10] if n % 4 else bands[n % 3]),
                purpose="Zweck",
                owner_role=roles[n % 8],
                status=Process.Status.PUBLISHED,
            )
            for n in range(200)
        )
        steps = Step.objects.bulk_create(
            Step(process=process, position=p, title=f"Schritt {p}", responsible_role=roles[p % 8], description_html="<p>Text</p>")
            for process in processes
            for p in range(1, 11)
        )
        Through = Step.participating_roles.through
        Through.objects.bulk_create(
            Through(step_id=step.pk, role_id=roles[(i + k) % 8].pk) for i, step in enumerate(steps) for k in (1, 2)
        )
        StepReference.objects.bulk_create(
            StepReference(step=step, norm=norms[(i + k) % 40], subsection=str(k + 1))
            for i, step in enumerate(steps)
            for k in (0, 1)
        )
        cards.render_missing()  # what migrate does for rows written without signals
        yield [process.pk for process in processes]
        transaction.set_rollback(True)


@pytest.fixture
def large_map(db, large_map_rows):
    return list(Process.objects.filter(pk__in=large_map_rows).order_by("pk"))


@pytest.mark.parametrize(
    ("url", "max_queries"),
    [
        (reverse("processes:map"), 8),
        # Every page asks once per user and content version which departments the user belongs to
        # and may not read (core.caching.reader: the header names the user's department).
        ("/prozesse/verfahren-7/", 10),  # roles, references, norms and laws come with the cards
        ("/rollen/rolle-3/", 12),
        ("/rollen/rolle-3/?seite=3", 12),
        ("/recht/aufenthg/5/", 12),
        ("/recht/aufenthg/5/?seite=2", 12),
        ("/recht/aufenthg/", 11),
        (reverse("processes:roles"), 8),
        (reverse("home"), 12),  # with the departments of its filter (kept in the cache afterwards)
    ],
)
def test_page_query_count_is_fixed(reader_client, large_map, django_assert_max_num_queries, url, max_queries):
    with django_assert_max_num_queries(max_queries):
        response = reader_client.get(url)
    assert response.status_code == 200


def test_process_page_query_count_does_not_depend_on_the_number_of_steps(reader_client, large_map):
    small = Process.objects.get(slug="verfahren-7")
    Step.objects.filter(process=small, position__gt=2).delete()
    reader_client.get("/rollen/")  # the session's first request renews it
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        reader_client.get("/prozesse/verfahren-7/")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        reader_client.get("/prozesse/verfahren-8/")
    assert len(few.captured_queries) == len(many.captured_queries)


@pytest.mark.parametrize(
    "url", ["/prozesse/verfahren-7/", reverse("processes:map"), "/rollen/rolle-3/", "/recht/aufenthg/5/", "/pruefung/"]
)
def test_a_shared_page_comes_from_the_cache_the_second_time(reader_client, large_map, url):
    """One query, the session with the content version: page, user and permissions come from the cache."""
    first = reader_client.get(url)
    with CaptureQueriesContext(connection) as again:
        second = reader_client.get(url)

    def without_token(response):  # the logout form's CSRF token is masked anew on every page
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)

    assert without_token(second) == without_token(first)
    assert len(again.captured_queries) == 1, [q["sql"][:80] for q in again.captured_queries]


def test_a_role_with_many_processes_is_shown_a_page_of_processes_at_a_time(reader_client, large_map):
    first = reader_client.get("/rollen/rolle-3/").content.decode()
    third = reader_client.get("/rollen/rolle-3/?seite=3").content.decode()
    assert "Seite 1 von 8" in first and "Seite 3 von 8" in third
    assert "in 200 Prozessen" in first  # the totals are for all pages
    assert first.count('<section class="panel section"') == 25
    assert "P-000 Verfahren 0" in first and "P-000 Verfahren 0" not in third
    assert reader_client.get("/rollen/rolle-3/?seite=x").status_code == 200


def test_a_norm_cited_by_many_steps_shows_them_a_page_at_a_time(reader_client, large_map):
    """Norm 5 is cited by 100 steps: 50 rows per page, the total and the range in the caption."""
    first = reader_client.get("/recht/aufenthg/5/").content.decode()
    second = reader_client.get("/recht/aufenthg/5/?seite=2").content.decode()
    for content in (first, second):
        assert "In 100 Schritten zitiert" in content
        assert content.count('<tr class="kern-table__row">') == 1 + 50  # the header row and 50 steps
    assert "(Schritte 1–50 angezeigt)" in first and "Seite 1 von 2" in first
    assert "(Schritte 51–100 angezeigt)" in second and "Seite 2 von 2" in second
    rows = lambda content: set(re.findall(r'href="(/prozesse/[^"]+#schritt-[^"]+)"', content))  # noqa: E731
    assert rows(first) and rows(second) and not rows(first) & rows(second)
    assert reader_client.get("/recht/aufenthg/5/?seite=999").content.decode().count("(Schritte 51–100 angezeigt)") == 1
