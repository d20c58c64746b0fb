"""The article editor's step picker: linked steps as ticked boxes, more steps by search.

There are hundreds of steps. The old multi-select listed them all, and one click without Ctrl
dropped every link; the picker lists only the linked steps, so unticking removes exactly one.
"""

import json

import pytest
from django.urls import reverse

from knowledge.models import Article
from processes.models import Step
from tests.factories import ProcessFactory, RoleFactory, StepFactory


@pytest.fixture
def many_steps(db):
    """300 steps in 15 processes; the last process is about the residence card."""
    role = RoleFactory()
    steps = []
    for n in range(15):
        process = ProcessFactory(title="Aufenthaltskarte ausstellen" if n == 14 else f"Verfahren {n:02d}", slug=f"verfahren-{n}")
        titles = ["Karte bestellen" if k == 3 and n == 14 else f"Schritt {k}" for k in range(1, 21)]
        steps += [
            StepFactory.build(process=process, position=k, title=title, responsible_role=role)
            for k, title in enumerate(titles, start=1)
        ]
    return Step.objects.bulk_create(steps)


@pytest.fixture
def article(make_article, many_steps):
    return make_article(title="Karten", body="Text.", steps=[many_steps[0], many_steps[21]], slug="karten")


def edit_data(client, article, **changes):
    form = client.get(reverse("knowledge:edit", args=[article.slug])).context["form"]
    data = {
        "title": article.title,
        "body": "Text.",
        "change_note": "Verknüpfung",
        "base_number": str(form.initial["base_number"]),
        "base_edit": str(form.initial["base_edit"]),
        "base_state": form.initial["base_state"],
        "steps": [str(pk) for pk in form.initial["steps"]],
        "owner": str(form.initial["owner"] or ""),
        "action": "save",
    }
    data.update(changes)
    return data


def test_the_editor_shows_only_the_linked_steps_ticked_never_all_of_them(editor_client, article, many_steps):
    page = editor_client.get(reverse("knowledge:edit", args=[article.slug])).content.decode()
    assert page.count('name="steps"') == 2
    assert f'name="steps" value="{many_steps[0].pk}" id="schritt-{many_steps[0].pk}" checked>' in page
    assert "Verfahren 01 – 2. Schritt 2" in page  # the label names process and step
    assert "<select" not in page.split('id="steps-hint"')[1].split("</fieldset>")[0]
    assert '<label class="kern-label" for="step-query">Weitere Schritte suchen</label>' in page


def test_unticking_one_step_removes_only_that_link(editor_client, article, many_steps):
    response = editor_client.post(reverse("knowledge:edit", args=[article.slug]), edit_data(
        editor_client, article, steps=[str(many_steps[21].pk)]
    ))
    assert response.status_code == 302
    assert list(Article.objects.get(pk=article.pk).steps.all()) == [many_steps[21]]


def test_searching_without_javascript_keeps_everything_typed_and_saves_nothing(editor_client, article, many_steps):
    data = edit_data(editor_client, article, body="Mein neuer Text", change_note="", action="find_steps", step_query="Karte")
    response = editor_client.post(reverse("knowledge:edit", args=[article.slug]), data)
    page = response.content.decode()
    assert response.status_code == 200
    card = many_steps[14 * 20 + 2]
    assert f'name="steps" value="{card.pk}" id="gefunden-{card.pk}">' in page  # found, not yet ticked
    assert "1 Schritt gefunden" in page
    assert "Mein neuer Text</textarea>" in page and 'value="Karte"' in page
    assert page.count(" checked>") == 2  # the linked steps stay ticked
    assert "Es wurde nichts gespeichert" not in page and 'aria-invalid="true"' not in page  # a search is no failed save
    assert Article.objects.get(pk=article.pk).revisions.count() == 1

    # Ticking the found step and saving links it, next to the two linked before.
    data.update(steps=[*data["steps"], str(card.pk)], action="save", change_note="Karte verknüpft")
    assert editor_client.post(reverse("knowledge:edit", args=[article.slug]), data).status_code == 302
    assert set(Article.objects.get(pk=article.pk).steps.all()) == {many_steps[0], many_steps[21], card}


def test_a_search_that_finds_many_steps_shows_the_first_and_says_so(editor_client, article):
    data = edit_data(editor_client, article, action="find_steps", step_query="schritt")
    page = editor_client.post(reverse("knowledge:edit", args=[article.slug]), data).content.decode()
    assert page.count('id="gefunden-') == 20
    assert "20 Schritte gefunden" in page and "Es werden nur die ersten angezeigt" in page


def test_an_empty_search_asks_for_a_word(editor_client, article):
    data = edit_data(editor_client, article, action="find_steps", step_query="  ")
    page = editor_client.post(reverse("knowledge:edit", args=[article.slug]), data).content.decode()
    assert "Bitte geben Sie einen Suchbegriff ein." in page


def test_the_create_page_searches_steps_too(editor_client, many_steps):
    response = editor_client.post(
        reverse("knowledge:create"), {"title": "Neu", "body": "x", "action": "find_steps", "step_query": "Karte bestellen"}
    )
    assert response.status_code == 200
    assert "1 Schritt gefunden" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("forged", ["abc", "0", "-1", "99999999999999999999999", "1.5", ""])
def test_forged_step_ids_are_refused_with_a_message(editor_client, article, forged):
    data = edit_data(editor_client, article, steps=[forged])
    response = editor_client.post(reverse("knowledge:edit", args=[article.slug]), data)
    assert response.status_code == 400
    assert "Es wurde nichts gespeichert" in response.content.decode()
    assert Article.objects.get(pk=article.pk).steps.count() == 2


def test_a_missing_step_id_is_refused(editor_client, article):
    data = edit_data(editor_client, article, steps=["987654"])
    response = editor_client.post(reverse("knowledge:edit", args=[article.slug]), data)
    assert response.status_code == 400 and Article.objects.get(pk=article.pk).steps.count() == 2


def test_the_search_endpoint_answers_editors_in_json(editor_client, many_steps):
    url = reverse("knowledge:step_search")
    data = json.loads(editor_client.get(url, {"q": "karte bestellen"}).content)
    card = many_steps[14 * 20 + 2]
    label = f"{card.process.code} Aufenthaltskarte ausstellen – 3. Karte bestellen"
    assert data == {"results": [{"id": card.pk, "label": label}], "more": False}
    assert json.loads(editor_client.get(url, {"q": "schritt"}).content)["more"] is True
    assert json.loads(editor_client.get(url, {"q": "karte bestellen", "ohne": [card.pk, "x"]}).content)["results"] == []
    for odd in ("", "%", "_", "'\"<>", "x" * 10_000, "\x00"):
        assert editor_client.get(url, {"q": odd}).status_code == 200


def test_the_search_endpoint_is_for_editors_only(client, reader_client, editor, many_steps):
    url = reverse("knowledge:step_search") + "?q=Karte"
    assert reader_client.get(url).status_code == 403
    assert reader_client.post(url).status_code == 403
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(editor)
    assert client.post(url).status_code == 405


def test_the_editor_keeps_its_query_count_with_300_steps(editor_client, article, django_assert_max_num_queries):
    editor_client.get("/wissen/")  # the session's first request renews it
    with django_assert_max_num_queries(12):
        editor_client.get(reverse("knowledge:edit", args=[article.slug]))
