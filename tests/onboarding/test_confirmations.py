"""Read confirmations: which revision was read, outdated after significant changes, re-confirmation, rules."""

import pytest
from django.core.exceptions import PermissionDenied

from knowledge import services as knowledge_services
from onboarding import selectors, services
from onboarding.models import Confirmation
from processes import services as process_services


def state(assignment, item):
    progress = selectors.progress_for([assignment])[0]
    return next(entry.state for entry in progress.items if entry.item.pk == item.pk)


def test_confirmation_stores_time_and_the_exact_revision(assignment, items, hire, article):
    confirmation = services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    assert confirmation.revision == article.published_revision
    assert confirmation.confirmed_at is not None
    assert state(assignment, items["article"]) == "done"


def test_significant_release_makes_it_outdated_and_minor_does_not(assignment, items, hire, article, editor, second_editor):
    services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    knowledge_services.article_revise(
        article=article, author=editor, base_number=1, title=article.title, body="Tippfehler korrigiert.", note="Tippfehler"
    )
    knowledge_services.revision_release(revision=article.revisions.get(number=2), releaser=second_editor)
    assert state(assignment, items["article"]) == "done"
    knowledge_services.article_revise(
        article=article, author=editor, base_number=2, title=article.title, body="Neue Rechtslage.", note="Neu", significant=True
    )
    assert state(assignment, items["article"]) == "done"  # a draft changes nothing yet
    knowledge_services.revision_release(revision=article.revisions.get(number=3), releaser=second_editor)
    assert state(assignment, items["article"]) == "outdated"


def test_significance_of_an_unreleased_draft_travels_with_the_next_release(
    assignment, items, hire, article, editor, second_editor
):
    services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    knowledge_services.article_revise(
        article=article, author=editor, base_number=1, title=article.title, body="wesentlich", note="a", significant=True
    )
    knowledge_services.article_revise(
        article=article, author=editor, base_number=2, title=article.title, body="wesentlich, poliert", note="b"
    )
    knowledge_services.revision_release(revision=article.revisions.get(number=3), releaser=second_editor)
    assert state(assignment, items["article"]) == "outdated"


def test_reconfirming_records_the_current_revision(assignment, items, hire, article, editor, second_editor):
    services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    knowledge_services.article_revise(
        article=article, author=editor, base_number=1, title=article.title, body="neu", note="n", significant=True
    )
    knowledge_services.revision_release(revision=article.revisions.get(number=2), releaser=second_editor)
    confirmation = services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    assert confirmation.revision.number == 2
    assert state(assignment, items["article"]) == "done"
    assert Confirmation.objects.count() == 1


def test_confirming_twice_is_idempotent(assignment, items, hire):
    first = services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    second = services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    assert first.pk == second.pk and first.confirmed_at == second.confirmed_at
    assert Confirmation.objects.count() == 1


def test_processes_are_outdated_when_their_steps_change_significantly(assignment, items, hire):
    confirmation = services.item_confirm(assignment=assignment, item=items["process"], user=hire)
    assert confirmation.process_version == 1
    assert "1. Antrag prüfen" in confirmation.process_snapshot
    process = items["process"].process
    process_services.process_mark_significant_change(process=process, note="Neuer Schritt")
    assert state(assignment, items["process"]) == "outdated"
    services.item_confirm(assignment=assignment, item=items["process"], user=hire)
    assert state(assignment, items["process"]) == "done"


def test_nobody_confirms_for_someone_else(assignment, items, other_hire, mentor):
    for person in (other_hire, mentor):
        with pytest.raises(PermissionDenied):
            services.item_confirm(assignment=assignment, item=items["task"], user=person)
    assert not Confirmation.objects.exists()


def test_archived_articles_cannot_be_confirmed_and_say_why(assignment, items, hire, article, editor):
    knowledge_services.article_archive(article=article, user=editor)
    with pytest.raises(services.ConfirmationRefused, match="archiviert"):
        services.item_confirm(assignment=assignment, item=items["article"], user=hire)


def test_undo_by_the_owner(assignment, items, hire):
    services.item_confirm(assignment=assignment, item=items["task"], user=hire, note="Zwei Vormittage, sehr hilfreich")
    assert Confirmation.objects.get().note == "Zwei Vormittage, sehr hilfreich"
    services.item_undo(assignment=assignment, item=items["task"], user=hire)
    assert state(assignment, items["task"]) == "open"


def test_progress_counts_required_items_and_suggests_the_next(assignment, items, hire):
    progress = selectors.progress_for([assignment])[0]
    assert (progress.done_required, progress.total_required) == (0, 2)
    assert progress.next_item.item == items["task"]
    services.item_confirm(assignment=assignment, item=items["task"], user=hire)
    progress = selectors.progress_for([assignment])[0]
    assert progress.next_item.item == items["article"]
    assert (progress.done_required, progress.total_required, progress.percent) == (1, 2, 50)
