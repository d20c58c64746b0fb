"""Revisions are immutable; editing adds one, revert copies one, release follows the four-eyes rule."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from knowledge import services
from knowledge.models import Article, ImmutableError, Revision
from tests.factories import UserFactory


def test_a_revision_cannot_be_changed_or_deleted(make_article):
    revision = make_article().revisions.get()
    revision.body = "überschrieben"
    with pytest.raises(ImmutableError):
        revision.save()
    with pytest.raises(ImmutableError):
        revision.delete()
    with pytest.raises(ImmutableError):
        Revision.objects.filter(pk=revision.pk).update(body="überschrieben")
    with pytest.raises(ImmutableError):
        Revision.objects.filter(pk=revision.pk).delete()
    assert Revision.objects.get(pk=revision.pk).body == "Nach § 81 Abs. 4 AufenthG gilt der Titel fort."


def test_articles_are_archived_not_deleted(make_article):
    article = make_article()
    with pytest.raises(ImmutableError):
        article.delete()
    with pytest.raises(ImmutableError):
        Article.objects.all().delete()
    assert Article.objects.filter(pk=article.pk).exists()


def test_editing_adds_a_revision_and_leaves_the_old_one(make_article, editor):
    article = make_article()
    revision = services.article_revise(
        article=article, author=editor, base_number=1, title="Fiktionsbescheinigung", body="Neuer Text", note="Text ersetzt"
    )
    assert revision.number == 2
    assert article.revisions.get(number=1).body == "Nach § 81 Abs. 4 AufenthG gilt der Titel fort."
    article.refresh_from_db()
    assert article.latest_number == 2
    assert article.published_revision.number == 1  # readers still see the released one


def test_html_is_rendered_once_at_save_and_citations_recorded(make_article):
    revision = make_article().revisions.get()
    assert 'href="/recht/aufenthg/81/"' in revision.body_html or "§ 81 Abs. 4 AufenthG" in revision.body_html


def test_unchanged_text_creates_no_revision(make_article, editor):
    article = make_article()
    result = services.article_revise(
        article=article, author=editor, base_number=1, title=article.title, body=article.published_revision.body, note="nichts"
    )
    assert result is None
    assert article.revisions.count() == 1


def test_revert_creates_a_new_revision_copying_the_old_one(make_article, editor, second_editor):
    article = make_article(body="Alte Fassung")
    services.article_revise(article=article, author=editor, base_number=1, title="Neu", body="Neue Fassung", note="ersetzt")
    restored = services.revision_restore(article=article, number=1, author=second_editor)
    assert restored.number == 3
    assert restored.body == "Alte Fassung"
    assert restored.title == "Fiktionsbescheinigung"
    assert restored.restored_from == 1
    assert restored.author == second_editor
    assert article.revisions.get(number=2).body == "Neue Fassung"
    assert not hasattr(restored, "release")


def test_author_cannot_release_own_revision(make_article, editor):
    article = make_article(released=False)
    with pytest.raises(services.ReleaseRefused, match="Vier-Augen-Prinzip"):
        services.revision_release(revision=article.revisions.get(), releaser=editor)
    article.refresh_from_db()
    assert article.published_revision is None


def test_a_setting_allows_self_release(make_article, editor, settings):
    settings.KNOWLEDGE_ALLOW_SELF_RELEASE = True
    article = make_article(released=False)
    services.revision_release(revision=article.revisions.get(), releaser=editor)
    article.refresh_from_db()
    assert article.published_revision.number == 1


def test_readers_cannot_release(make_article, reader):
    article = make_article(released=False)
    with pytest.raises(services.ReleaseRefused, match="keine Berechtigung"):
        services.revision_release(revision=article.revisions.get(), releaser=reader)


def test_only_the_latest_revision_can_be_released_and_only_once(make_article, editor, second_editor):
    article = make_article()
    services.article_revise(article=article, author=editor, base_number=1, title="T", body="zwei", note="2")
    services.article_revise(article=article, author=editor, base_number=2, title="T", body="drei", note="3")
    with pytest.raises(services.ReleaseRefused, match="neueste Version"):
        services.revision_release(revision=article.revisions.get(number=2), releaser=second_editor)
    release = services.revision_release(revision=article.revisions.get(number=3), releaser=second_editor)
    assert release.released_by == second_editor
    with pytest.raises(services.ReleaseRefused, match="bereits freigegeben"):
        services.revision_release(revision=article.revisions.get(number=3), releaser=second_editor)
    article.refresh_from_db()
    assert (article.published_revision.number, article.title) == (3, "T")


def test_stale_base_is_a_conflict_and_writes_nothing(make_article, editor, second_editor):
    article = make_article()
    services.article_revise(article=article, author=second_editor, base_number=1, title="T", body="zuerst", note="a")
    with pytest.raises(services.EditConflict):
        services.article_revise(article=article, author=editor, base_number=1, title="T", body="später", note="b")
    assert list(article.revisions.values_list("number", "body")) == [
        (2, "zuerst"),
        (1, "Nach § 81 Abs. 4 AufenthG gilt der Titel fort."),
    ]


def test_oversized_text_is_refused_and_nothing_is_saved(make_article, editor):
    article = make_article()
    from core.markdown import MarkdownTooLarge

    with pytest.raises(MarkdownTooLarge):
        services.article_revise(article=article, author=editor, base_number=1, title="T", body="x" * 300_000, note="zu lang")
    assert article.revisions.count() == 1


def test_missing_change_note_is_refused(make_article, editor):
    with pytest.raises(ValidationError):
        services.article_revise(article=make_article(), author=editor, base_number=1, title="T", body="neu", note="  ")


def test_archived_articles_cannot_be_edited_and_can_be_restored(make_article, editor):
    article = make_article()
    services.article_archive(article=article, user=editor)
    article.refresh_from_db()
    assert article.is_archived
    with pytest.raises(ValidationError):
        services.article_revise(article=article, author=editor, base_number=1, title="T", body="neu", note="x")
    services.article_unarchive(article=article, user=editor)
    article.refresh_from_db()
    assert not article.is_archived


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_from_the_same_base_exactly_one_wins(monkeypatch):
    """Two transactions on PostgreSQL: the first holds the article lock while the second waits; the second then conflicts."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI runs it); SQLite serialises writers anyway")
    from processdb import groups

    first_author = UserFactory(username="erste", groups=[groups.EDITORS])
    second_author = UserFactory(username="zweite", groups=[groups.EDITORS])
    article = services.article_create(author=first_author, title="Rennen", body="Basis", note="1")

    inside_lock = threading.Event()
    release_lock = threading.Event()
    original = services._after_lock

    def pause_first(locked):
        if threading.current_thread().name == "first":
            inside_lock.set()
            release_lock.wait(timeout=10)
        original(locked)

    monkeypatch.setattr(services, "_after_lock", pause_first)
    outcomes = {}

    def save(name, author, body):
        from django.db import connection as thread_connection

        try:
            services.article_revise(article=article, author=author, base_number=1, title="Rennen", body=body, note=name)
            outcomes[name] = "saved"
        except services.EditConflict:
            outcomes[name] = "conflict"
        finally:
            thread_connection.close()

    first = threading.Thread(target=save, name="first", args=("first", first_author, "Fassung A"))
    second = threading.Thread(target=save, name="second", args=("second", second_author, "Fassung B"))
    first.start()
    assert inside_lock.wait(timeout=10)
    second.start()
    second.join(timeout=1)
    assert second.is_alive(), "the second save must wait for the first transaction's lock"
    release_lock.set()
    first.join(timeout=10)
    second.join(timeout=10)
    assert outcomes == {"first": "saved", "second": "conflict"}
    assert list(Revision.objects.filter(article=article).order_by("number").values_list("number", "body")) == [
        (1, "Basis"),
        (2, "Fassung A"),
    ]
