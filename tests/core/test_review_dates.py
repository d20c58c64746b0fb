"""Marking a process, document or article as reviewed: one implementation (core.review_dates)."""

from datetime import timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import caching
from core.forms import apply_validation_error
from core.review_dates import mark_reviewed
from documents.models import Document
from knowledge import services as knowledge_services
from knowledge.models import Article
from processes.models import Process
from tests.factories import ProcessFactory

REFUSAL = "Die nächste Prüfung muss in der Zukunft liegen."


@pytest.fixture
def process(db, editor):
    return ProcessFactory(title="Aufenthaltstitel verlängern", slug="verlaengern", owner=editor)


@pytest.fixture
def document(db, editor):
    return Document.objects.create(title="Merkblatt Verlängerung", slug="merkblatt-verlaengerung", kind=Document.Kind.LEAFLET)


@pytest.fixture
def article(db, editor, second_editor):
    article = knowledge_services.article_create(author=editor, title="Verlängerung", body="Text", note="1")
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    return article


@pytest.fixture
def reviewables(process, document, article):
    return {"process": process, "document": document, "article": article}


def _review_fields(obj):
    return type(obj).objects.filter(pk=obj.pk).values_list("review_date", "reviewed_at", "reviewed_by").get()


@pytest.mark.parametrize("kind", ["process", "document", "article"])
@pytest.mark.parametrize("days", [0, -1, -400])
def test_a_next_review_not_in_the_future_is_refused_in_german_and_nothing_changes(reviewables, editor, kind, days):
    obj = reviewables[kind]
    before, version = _review_fields(obj), caching.current_version()
    with pytest.raises(ValidationError) as refusal:
        mark_reviewed(obj, user=editor, next_review=timezone.localdate() + timedelta(days=days))
    assert refusal.value.message_dict == {"next_review": [REFUSAL]}
    assert _review_fields(obj) == before == (None, None, None)
    assert caching.current_version() == version


@pytest.mark.parametrize("kind", ["process", "document", "article"])
def test_the_service_records_who_when_and_the_next_date_and_raises_the_content_version(reviewables, editor, kind):
    obj = reviewables[kind]
    next_date = timezone.localdate() + timedelta(days=1)
    version, started = caching.current_version(), timezone.now()
    mark_reviewed(obj, user=editor, next_review=next_date)
    review_date, reviewed_at, reviewed_by = _review_fields(obj)
    assert (review_date, reviewed_by) == (next_date, editor.pk)
    assert started <= reviewed_at <= timezone.now()
    assert caching.current_version() > version


URLS = {"process": "/prozesse/{}/geprueft/", "document": "/dokumente/{}/geprueft/", "article": "/wissen/{}/geprueft/"}
PAGES = {"process": "/prozesse/{}/", "document": "/dokumente/{}/", "article": "/wissen/{}/"}


@pytest.mark.parametrize("kind", ["process", "document", "article"])
def test_the_reviewed_button_records_who_and_when_on_each_kind(reviewables, editor, editor_client, kind):
    obj = reviewables[kind]
    next_date = timezone.localdate() + timedelta(days=365)
    response = editor_client.post(URLS[kind].format(obj.slug), {"next_review": next_date.isoformat()}, follow=True)
    assert response.redirect_chain[-1][0] == PAGES[kind].format(obj.slug)
    assert f"Als geprüft markiert. Nächste Prüfung: {next_date:%d.%m.%Y}." in response.content.decode()
    obj = type(obj).objects.get(pk=obj.pk)
    assert (obj.review_date, obj.reviewed_by) == (next_date, editor)
    assert obj.reviewed_at is not None


@pytest.mark.parametrize("kind", ["process", "document", "article"])
@pytest.mark.parametrize("value", [0, -1])
def test_the_reviewed_button_refuses_today_or_the_past_in_german(reviewables, editor_client, kind, value):
    obj = reviewables[kind]
    day = timezone.localdate() + timedelta(days=value)
    response = editor_client.post(URLS[kind].format(obj.slug), {"next_review": day.isoformat()}, follow=True)
    assert REFUSAL in response.content.decode()
    assert _review_fields(obj) == (None, None, None)


@pytest.mark.parametrize("kind", ["process", "document", "article"])
def test_the_reviewed_button_refuses_what_is_not_a_date(reviewables, editor_client, kind):
    obj = reviewables[kind]
    response = editor_client.post(URLS[kind].format(obj.slug), {"next_review": "bald"}, follow=True)
    assert "Bitte geben Sie ein gültiges Datum für die nächste Prüfung ein." in response.content.decode()
    assert _review_fields(obj) == (None, None, None)


def test_the_three_models_share_the_review_fields_with_their_own_options():
    for model in (Process, Document, Article):
        fields = {name: model._meta.get_field(name) for name in ("review_date", "reviewed_at", "reviewed_by")}
        assert fields["reviewed_by"].remote_field.on_delete.__name__ == "SET_NULL"
        assert fields["reviewed_by"].remote_field.related_name.endswith("+")
    assert Process._meta.get_field("review_date").db_index
    assert not Document._meta.get_field("review_date").db_index
    # Who reviewed and when is recorded by marking reviewed, never typed into a form.
    for model in (Process, Document, Article):
        assert not model._meta.get_field("reviewed_at").editable and not model._meta.get_field("reviewed_by").editable


class _Form(forms.Form):
    title = forms.CharField()
    file = forms.CharField(required=False)


@pytest.mark.parametrize(
    ("error", "field", "expected"),
    [
        (ValidationError({"title": "Vergeben.", "other": "Anderes."}), None, {"title": ["Vergeben."], "__all__": ["Anderes."]}),
        (ValidationError("Zu groß."), "file", {"file": ["Zu groß."]}),
        (ValidationError(["Eins.", "Zwei."]), None, {"__all__": ["Eins.", "Zwei."]}),
    ],
)
def test_apply_validation_error_puts_messages_on_the_fields_the_form_has(error, field, expected):
    form = _Form({"title": "x"})
    assert form.is_valid()
    apply_validation_error(form, error, field=field)
    assert form.errors == expected
