"""Keep the search index current as content changes (unless a bulk load suspended it)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from core.batching import run_once
from documents.models import Document
from knowledge.signals import article_visibility_changed
from law.models import Norm
from processes.models import Process, Step
from processes.signals import process_rows_changed
from search import index


def _reindex_process(process_id: int) -> None:
    # Once per process and service call: reordering 40 steps re-indexes the process once, not 40 times.
    run_once(("search.process", process_id), lambda: index.index_process(process_id))


def _process_saved(sender, instance, raw=False, **kwargs):
    if not raw and not index.is_suspended():
        _reindex_process(instance.pk)


def _process_deleted(sender, instance, **kwargs):
    if not index.is_suspended():
        index.remove_process(instance.pk, [])


def _step_saved(sender, instance, raw=False, **kwargs):
    if not raw and not index.is_suspended():
        _reindex_process(instance.process_id)


def _step_deleted(sender, instance, **kwargs):
    if not index.is_suspended():
        index.save([], remove=[(index.Kind.STEP, instance.pk)])
        _reindex_process(instance.process_id)


def _step_roles_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and not index.is_suspended() and isinstance(instance, Step):
        _reindex_process(instance.process_id)


def _process_rows_changed(sender, process_id, **kwargs):
    if not index.is_suspended():
        _reindex_process(process_id)


def _norm_saved(sender, instance, raw=False, **kwargs):
    if not raw and not index.is_suspended() and instance.number:
        index.index_norm(instance.pk)


def _document_changed(sender, instance, raw=False, **kwargs):
    if not raw and not index.is_suspended():
        index.index_document(instance.pk)


def _article_changed(sender, article_id, **kwargs):
    if not index.is_suspended():
        index.index_article(article_id)


def connect():
    post_save.connect(_process_saved, sender=Process, dispatch_uid="search.process_saved")
    post_delete.connect(_process_deleted, sender=Process, dispatch_uid="search.process_deleted")
    post_save.connect(_step_saved, sender=Step, dispatch_uid="search.step_saved")
    post_delete.connect(_step_deleted, sender=Step, dispatch_uid="search.step_deleted")
    m2m_changed.connect(_step_roles_changed, sender=Step.participating_roles.through, dispatch_uid="search.step_roles")
    process_rows_changed.connect(_process_rows_changed, dispatch_uid="search.process_rows_changed")
    post_save.connect(_norm_saved, sender=Norm, dispatch_uid="search.norm_saved")
    article_visibility_changed.connect(_article_changed, dispatch_uid="search.article_changed")
    post_save.connect(_document_changed, sender=Document, dispatch_uid="search.document_saved")
    post_delete.connect(_document_changed, sender=Document, dispatch_uid="search.document_deleted")
