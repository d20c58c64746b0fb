"""The four-eyes rule shared by everything that is released by a second person.

One setting governs it for every kind of content: KNOWLEDGE_ALLOW_SELF_RELEASE (named after the
knowledge base, where the rule came first). The apps phrase their own refusal messages.
"""

from django.conf import settings


def is_own_release_refused(*, author_id: int | None, releaser) -> bool:
    """True if the releaser wrote (or uploaded) the content and may therefore not release it."""
    return author_id is not None and author_id == releaser.pk and not settings.KNOWLEDGE_ALLOW_SELF_RELEASE
