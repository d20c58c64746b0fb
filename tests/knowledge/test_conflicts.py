"""No lost update for any field of an article: text, links, responsible person, review date.

Every saved change raises the article's edit number; a form opened before it is refused with the
conflict page, which shows what the other person changed and keeps what this editor entered.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knowledge import services
from knowledge.models import Article
from tests.factories import ProcessFactory, StepFactory


@pytest.fixture
def steps(db):
    process = ProcessFactory(title="Aufenthaltserlaubnis verlängern", slug="verlaengern")
    return [StepFactory(process=process, position=n, title=title) for n, title in enumerate(
        ["Antrag prüfen", "Gebühr erheben", "Karte bestellen", "Karte aushändigen"], start=1
    )]


@pytest.fixture
def article(make_article, steps):
    body = "## Ablauf\n\nDer Antrag wird geprüft."
    return make_article(title="Verlängerung", body=body, steps=[steps[0]], slug="verlaengerung")


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def as_post(form) -> dict:
    """The values a browser would send for the form as it is shown."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == "":
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        elif value is True:
            data[name] = "on"
        else:
            data[name] = str(value)
    return data


def open_editor(client, article) -> dict:
    response = client.get(reverse("knowledge:edit", args=[article.slug]))
    assert response.status_code == 200
    return {**as_post(response.context["form"]), "change_note": "Änderung", "action": "save"}


def save(client, article, data):
    return client.post(reverse("knowledge:edit", args=[article.slug]), data)


def linked_steps(article) -> set[str]:
    return set(Article.objects.get(pk=article.pk).steps.values_list("title", flat=True))


def test_two_editors_changing_only_links_the_second_gets_the_conflict_page_and_nothing_is_lost(
    article, steps, editor, second_editor
):
    first, second = login(editor), login(second_editor)
    first_form, second_form = open_editor(first, article), open_editor(second, article)

    first_form["steps"] = [str(steps[0].pk), str(steps[1].pk)]  # adds "Gebühr erheben"
    assert save(first, article, {**first_form, "change_note": "Gebühr verknüpft"}).status_code == 302
    assert linked_steps(article) == {"Antrag prüfen", "Gebühr erheben"}

    second_form["steps"] = [str(steps[2].pk)]  # removes "Antrag prüfen", adds "Karte bestellen"
    response = save(second, article, {**second_form, "change_note": "Karte verknüpft"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Bearbeitungskonflikt" in page
    assert "Es wurde nichts überschrieben" in page
    assert "Schritte: hinzugefügt „" in page and "2. Gebühr erheben“" in page  # what the first editor did
    assert linked_steps(article) == {"Antrag prüfen", "Gebühr erheben"}  # nothing of the first is lost

    # The form comes back with the second editor's change applied to the current links.
    resolved = response.context["form"]
    assert {int(pk) for pk in resolved["steps"].value()} == {steps[1].pk, steps[2].pk}
    for step in (steps[1], steps[2]):
        assert f'name="steps" value="{step.pk}" id="schritt-{step.pk}" checked>' in page
    assert save(second, article, {**as_post(resolved), "action": "save"}).status_code == 302
    assert linked_steps(article) == {"Gebühr erheben", "Karte bestellen"}


def test_the_conflict_page_names_what_the_other_editor_changed(article, steps, editor, second_editor):
    first, second = login(editor), login(second_editor)
    first_form, second_form = open_editor(first, article), open_editor(second, article)
    first_form["steps"] = [str(steps[0].pk), str(steps[3].pk)]
    first_form["review_date"] = "2031-03-01"
    assert save(first, article, first_form).status_code == 302
    response = save(second, article, {**second_form, "change_note": "x"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Was inzwischen geändert wurde" in page
    assert "Text: unverändert" in page
    assert "Schritte: hinzugefügt „" in page and "4. Karte aushändigen“" in page
    assert "Nächste Prüfung: von " in page and " auf 01.03.2031" in page
    assert "Verknüpfungen, die Zuständigkeit oder das Prüfdatum" in page  # who changed what, in the alert


def test_a_review_date_set_meanwhile_is_not_reverted_by_a_text_save_from_an_older_form(
    article, editor, second_editor
):
    first, second = login(editor), login(second_editor)
    first_form, second_form = open_editor(first, article), open_editor(second, article)
    first_form["review_date"] = "2030-06-30"
    assert save(first, article, {**first_form, "change_note": "Prüfdatum"}).status_code == 302

    second_form["body"] = "## Ablauf\n\nDer Antrag wird sorgfältig geprüft."
    response = save(second, article, {**second_form, "change_note": "genauer"})
    assert response.status_code == 409
    article.refresh_from_db()
    assert article.review_date == datetime.date(2030, 6, 30)
    assert article.revisions.count() == 1
    # Everything typed is kept: the text, and the date of the other editor in the form.
    page = response.content.decode()
    assert "Der Antrag wird sorgfältig geprüft.</textarea>" in page
    assert 'value="2030-06-30"' in page
    assert save(second, article, {**as_post(response.context["form"]), "action": "save"}).status_code == 302
    article.refresh_from_db()
    assert article.review_date == datetime.date(2030, 6, 30)
    assert article.revisions.get(number=2).body == "## Ablauf\n\nDer Antrag wird sorgfältig geprüft."


def test_marking_as_reviewed_while_someone_edits_is_not_reverted(article, editor, second_editor):
    editing = login(editor)
    form = open_editor(editing, article)
    next_review = timezone.localdate() + datetime.timedelta(days=200)
    response = login(second_editor).post(reverse("knowledge:reviewed", args=[article.slug]), {"next_review": next_review})
    assert response.status_code == 302
    response = save(editing, article, {**form, "body": "Neuer Text.", "change_note": "neu"})
    assert response.status_code == 409
    article.refresh_from_db()
    assert article.review_date == next_review and article.revisions.count() == 1


def test_your_own_choice_of_responsible_and_date_wins_and_is_kept_on_the_conflict_page(
    article, steps, editor, second_editor
):
    first, second = login(editor), login(second_editor)
    first_form, second_form = open_editor(first, article), open_editor(second, article)
    first_form["steps"] = [str(steps[0].pk), str(steps[1].pk)]
    assert save(first, article, first_form).status_code == 302
    second_form.update(owner=str(second_editor.pk), review_date="2032-01-15", steps=[str(steps[0].pk), str(steps[3].pk)])
    response = save(second, article, {**second_form, "body": "Mein Text.", "change_note": "meins"})
    assert response.status_code == 409
    resolved = response.context["form"]
    assert str(resolved["owner"].value()) == str(second_editor.pk)
    assert resolved["review_date"].value() == "2032-01-15"
    assert {int(pk) for pk in resolved["steps"].value()} == {steps[0].pk, steps[1].pk, steps[3].pk}
    assert "Mein Text.</textarea>" in response.content.decode()


def test_a_save_that_changes_nothing_does_not_make_others_conflict(article, editor, second_editor):
    first, second = login(editor), login(second_editor)
    first_form, second_form = open_editor(first, article), open_editor(second, article)
    assert save(first, article, {**first_form, "change_note": "nichts"}).status_code == 302
    article.refresh_from_db()
    assert article.edit_number == 0
    assert save(second, article, {**second_form, "body": "Neu.", "change_note": "neu"}).status_code == 302


@pytest.mark.parametrize(
    "forged",
    [
        {"base_edit": "99999"},
        {"base_edit": "-1"},
        {"base_edit": "abc"},
        {"base_edit": ""},
        {"base_edit": "9" * 40},
        {"base_number": "99999"},
        {"base_number": "-1"},
        {"base_number": "abc"},
    ],
)
def test_a_forged_or_broken_base_changes_nothing_and_explains(editor_client, article, steps, forged):
    data = {**open_editor(editor_client, article), "body": "Überschrieben?", "change_note": "x", "steps": [str(steps[3].pk)]}
    data.update(forged)
    response = save(editor_client, article, data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Bearbeitungskonflikt" in page
    assert "Es wurde nichts gespeichert" in page
    assert article.revisions.count() == 1 and linked_steps(article) == {"Antrag prüfen"}
    # Nothing is dropped: the current link and the chosen one are both offered.
    assert {int(pk) for pk in response.context["form"]["steps"].value()} == {steps[0].pk, steps[3].pk}


@pytest.mark.parametrize(
    "state",
    [
        "{kaputt",
        '{"steps": [1e99], "processes": "x", "documents": null, "owner": -3, "review_date": "gestern"}',
        '{"steps": [true, "1"], "processes": [], "documents": [], "owner": null}',
        "[" * 100_000 + "]" * 100_000,
        '{"steps": [' + ",".join(["1"] * 6_000) + '], "processes": [], "documents": [], "owner": null, "review_date": null}',
    ],
)
def test_a_broken_opened_state_on_a_real_conflict_drops_no_link(editor_client, article, steps, editor, state):
    data = {**open_editor(editor_client, article), "body": "Mein Text", "change_note": "x", "steps": [str(steps[3].pk)]}
    services.article_revise(
        article=article, author=editor, base_number=1, base_edit=0, title=article.title,
        body=article.published_revision.body, note="Link", steps=[steps[0], steps[1]],
    )
    response = save(editor_client, article, {**data, "base_state": state})
    assert response.status_code == 409
    assert "lässt sich aus diesem Formular nicht erkennen" in response.content.decode()
    assert {int(pk) for pk in response.context["form"]["steps"].value()} == {steps[0].pk, steps[1].pk, steps[3].pk}
    assert linked_steps(article) == {"Antrag prüfen", "Gebühr erheben"}


def test_a_missing_base_is_a_conflict_not_an_overwrite(editor_client, article):
    data = open_editor(editor_client, article)
    for name in ("base_number", "base_edit", "base_state"):
        data.pop(name)
    response = save(editor_client, article, {**data, "body": "Ohne Stand", "change_note": "x"})
    assert response.status_code == 409 and article.revisions.count() == 1


def test_every_change_raises_the_edit_number_once(article, steps, editor):
    article.refresh_from_db()
    assert article.edit_number == 0
    services.article_revise(article=article, author=editor, base_number=1, base_edit=0, title=article.title,
                            body=article.published_revision.body, note="Links", steps=[steps[1]])
    article.refresh_from_db()
    assert (article.edit_number, article.edited_by) == (1, editor)
    with pytest.raises(services.EditConflict):
        services.article_revise(article=article, author=editor, base_number=1, base_edit=0, title="T", body="neu", note="x")
    services.article_revise(article=article, author=editor, base_number=1, base_edit=1, title="T", body="neu", note="x")
    services.revision_restore(article=article, number=1, author=editor)
    article.refresh_from_db()
    assert (article.latest_number, article.edit_number) == (3, 3)
