"""Writes of public texts: a new version (a draft), its release by a second person, offices.

Every write runs in one transaction, so a refused or failed save leaves nothing behind, and asks
the departments' rule (core.ownership) whether the user may change the process's content.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ownership
from core.signals import AuditAction, audit_event
from processes.models import Process
from public import languages, permissions
from public.models import TRANSLATED_FIELDS, PublicText, PublicTextRelease, PublicTextVersion, PublicTranslation

# The version fields a form or a pack sets (everything but the bookkeeping).
VERSION_FIELDS = [
    "topic", "title", "teaser", "short_text", "full_text", "requirements", "procedure", "notes", "further_info",
    "appeal", "documents", "fee_min", "fee_max", "fee_legal_basis", "fee_reductions", "fee_text", "fee_is_example",
    "processing_value", "processing_unit", "processing_text", "processing_is_example", "deadline_value",
    "deadline_unit", "deadline_text", "office", "contact", "leika", "online_service",
]


class VersionConflict(Exception):
    """Someone saved a newer version since the form was opened: nothing was saved."""

    def __init__(self, latest: PublicTextVersion):
        super().__init__("public text changed meanwhile")
        self.latest = latest


@dataclass
class Saved:
    text: PublicText
    version: PublicTextVersion


def _version(text: PublicText, number: int, values: dict, *, author, note: str) -> PublicTextVersion:
    version = PublicTextVersion(text=text, number=number, author=author, change_note=note[:300])
    for name in VERSION_FIELDS:
        setattr(version, name, values[name])
    version.full_clean(exclude=["text", "html"])
    version.save()
    return version


@transaction.atomic
def create_text(*, process: Process, slug: str, values: dict, author, note: str = "") -> Saved:
    """A new public service for ``process``: the text and its first version, a draft."""
    if not permissions.can_create(author):
        raise PermissionDenied(_("You do not have the permission to write public texts."))
    ownership.check(author, process)
    text = PublicText(process=process, slug=slug, title=values["title"], latest_number=1)
    text.full_clean(exclude=["process"])
    text.save()
    version = _version(text, 1, values, author=author, note=note or _("First version"))
    audit_event.send(sender=PublicText, action=AuditAction.DRAFT, actor=author, object_repr=f"{text.title} (1)")
    return Saved(text, version)


@transaction.atomic
def save_version(*, text: PublicText, base_number: int, values: dict, author, note: str) -> Saved:
    """A new draft version of ``text``, unless someone saved one after ``base_number`` (VersionConflict)."""
    if not permissions.can_edit(author):
        raise PermissionDenied(_("You do not have the permission to write public texts."))
    text = PublicText.objects.select_for_update().get(pk=text.pk)
    ownership.check(author, text.process)
    if text.latest_number != base_number:
        raise VersionConflict(text.versions.get(number=text.latest_number))
    number = text.latest_number + 1
    version = _version(text, number, values, author=author, note=note)
    text.latest_number = number
    fields = ["latest_number"]
    if text.published_version_id is None:
        text.title = version.title
        fields.append("title")
    text.save(update_fields=fields)
    audit_event.send(sender=PublicText, action=AuditAction.DRAFT, actor=author, object_repr=f"{text.title} ({number})")
    return Saved(text, version)


class ReleaseRefused(Exception):
    """The message says why, in German."""


@transaction.atomic
def release(*, version: PublicTextVersion, user, at=None) -> PublicTextRelease:
    """Release ``version`` (fachliche Freigabe): public pages show it from the commit on."""
    text = PublicText.objects.select_for_update().get(pk=version.text_id)
    ownership.check(user, text.process)
    if refusal := permissions.release_refusal(user, version):
        raise ReleaseRefused(refusal)
    if text.published_version_id and text.published_version.number >= version.number:
        raise ReleaseRefused(_("A newer version of this text is already released."))
    if PublicTextRelease.objects.filter(version=version).exists():
        raise ReleaseRefused(_("This version is already released."))
    done = PublicTextRelease.objects.create(version=version, released_by=user, released_at=at or timezone.now())
    text.published_version = version
    text.title = version.title
    text.save(update_fields=["published_version", "title"])
    audit_event.send(sender=PublicText, action=AuditAction.RELEASE, actor=user, object_repr=f"{text.title} ({version.number})")
    return done


class TranslationRefused(Exception):
    """The message says why, in German."""


class TranslationConflict(Exception):
    """Someone saved the translation since the form was opened: nothing was saved."""

    def __init__(self, current: PublicTranslation):
        super().__init__("translation changed meanwhile")
        self.current = current


@transaction.atomic
def save_translation(*, text: PublicText, language: str, values: dict, translator, base_edit: int | None) -> PublicTranslation:
    """Write the translation of ``text`` into ``language``, made from its released German version.

    ``base_edit`` is the edit number the form was opened at (None for a new translation); a
    translation saved by someone else since then is not overwritten (TranslationConflict).
    """
    if not permissions.can_edit(translator):
        raise PermissionDenied(_("You do not have the permission to write public texts."))
    text = PublicText.objects.select_for_update().select_related("process").get(pk=text.pk)
    ownership.check(translator, text.process)
    if languages.get(language) is None or language == languages.GERMAN:
        raise TranslationRefused(_("This language is not offered on the public pages."))
    if text.published_version_id is None:
        raise TranslationRefused(_("A text can be translated once its German version is released."))
    translation = PublicTranslation.objects.filter(text=text, language=language).first()
    if translation is not None and base_edit != translation.edit_number:
        raise TranslationConflict(translation)
    if translation is None:
        if base_edit not in (None, 0):
            raise TranslationRefused(_("This translation no longer exists."))
        translation = PublicTranslation(text=text, language=language)
    for name in (*TRANSLATED_FIELDS, "documents"):
        setattr(translation, name, values.get(name, "" if name != "documents" else []))
    translation.source_version_id = text.published_version_id
    translation.translator = translator
    translation.updated_at = timezone.now()
    translation.edit_number += 1
    translation.full_clean(exclude=["text", "source_version", "html", "translator"], validate_unique=False)
    translation.save()
    audit_event.send(
        sender=PublicTranslation, action=AuditAction.DRAFT, actor=translator, object_repr=f"{text.title} ({language})"
    )
    return translation
