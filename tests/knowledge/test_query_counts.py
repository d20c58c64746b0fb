"""Knowledge pages keep a fixed query count: history with 100 revisions, list with 500 articles."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Article, Release, Revision
from processdb import groups
from tests.factories import LawFactory, NormFactory, ProcessFactory, StepFactory, UserFactory


@pytest.fixture(scope="module")
def many_rows(django_db_setup, django_db_blocker):
    """500 released articles; the first one with 100 revisions, 10 steps and 20 cited norms.

    Built once for the module in a transaction that is rolled back at its end; every test runs
    in a savepoint inside it, so what a test adds is gone before the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        groups.ensure_groups()
        editor = UserFactory(username="redakteur", groups=[groups.EDITORS], is_staff=True)
        second_editor = UserFactory(username="redakteurin2", groups=[groups.EDITORS], is_staff=True)
        law = LawFactory()
        norms = [NormFactory(law=law, number=str(n)) for n in range(1, 21)]
        process = ProcessFactory(slug="prozess")
        steps = [StepFactory(process=process, position=n) for n in range(1, 11)]
        articles = Article.objects.bulk_create(
            Article(slug=f"artikel-{n}", title=f"Artikel {n:03d}", owner=editor, review_date=timezone.localdate())
            for n in range(500)
        )
        revisions = Revision.objects.bulk_create(
            Revision(article=a, number=1, title=a.title, body="Text", body_html="<p>Text</p>", change_note="1", author=editor)
            for a in articles
        )
        first = articles[0]
        revisions[0:1] += Revision.objects.bulk_create(
            Revision(
                article=first,
                number=n,
                title=first.title,
                body=f"Text {n}",
                body_html=f"<p>Text {n}</p>",
                change_note=str(n),
                author=editor,
            )
            for n in range(2, 101)
        )
        Release.objects.bulk_create(Release(revision=r, released_by=second_editor) for r in Revision.objects.all())
        newest = {revision.article_id: revision for revision in Revision.objects.order_by("number")}
        for article in articles:
            article.published_revision = newest[article.pk]
            article.latest_number = article.published_revision.number
        Article.objects.bulk_update(articles, ["published_revision", "latest_number"])
        first.steps.set(steps)
        first.processes.set([process])
        first.published_revision.cited_norms.set(norms)
        yield first.pk
        transaction.set_rollback(True)


@pytest.fixture
def many(db, many_rows):
    return Article.objects.get(pk=many_rows)


@pytest.mark.parametrize(
    ("url", "max_queries"),
    [
        ("/wissen/artikel-0/", 12),
        ("/wissen/artikel-0/versionen/", 8),
        ("/wissen/artikel-0/versionen/50/", 8),
        ("/wissen/artikel-0/vergleich/?von=1&zu=100", 9),
        (reverse("knowledge:index"), 10),
        (reverse("knowledge:index") + "?pruefung=due&seite=3", 10),
        ("/prozesse/prozess/", 16),
        ("/recht/aufenthg/5/", 14),
        ("/pruefung/", 12),  # with the departments of its filter (issue 20) and of the user (core.caching.reader)
    ],
)
@pytest.mark.parametrize("user_client", ["reader_client", "editor_client"])
def test_knowledge_pages_have_a_fixed_query_count(request, many, django_assert_max_num_queries, url, max_queries, user_client):
    client = request.getfixturevalue(user_client)
    with django_assert_max_num_queries(max_queries):
        response = client.get(url)
    assert response.status_code == 200


def test_history_lists_all_100_revisions(reader_client, many):
    content = reader_client.get("/wissen/artikel-0/versionen/").content.decode()
    assert content.count('name="von"') == 100


def test_the_editor_lists_linked_steps_without_a_query_per_step(many, editor_client, django_assert_max_num_queries):
    """The first article links 10 steps: the editor shows them with their process and preselects them."""
    process = ProcessFactory(slug="zweiter-prozess")
    many.steps.add(*(StepFactory(process=process, position=n) for n in range(1, 21)))
    editor_client.get("/wissen/")  # the session's first request renews it
    with django_assert_max_num_queries(12):
        response = editor_client.get("/wissen/artikel-0/bearbeiten/")
    content = response.content.decode()
    assert response.context["form"].initial["steps"] == [step.pk for step in many.steps.order_by("process__code", "position")]
    # The linked steps are ticked boxes, with their process; no other step is listed.
    assert content.count('name="steps"') == 30 and content.count(" checked>") == 30
    assert content.count(f"{process.code} {process.title} – ") == 20


def test_the_list_filtered_by_process_keeps_its_query_count(many, reader_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = reader_client.get(reverse("knowledge:index") + f"?prozess={many.processes.get().pk}")
    assert [article.slug for article in response.context["page"].object_list] == ["artikel-0"]
