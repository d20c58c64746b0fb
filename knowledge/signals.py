"""Signals of the knowledge base, for apps above it (search index, onboarding)."""

from django.dispatch import Signal

# Sent with article_id when what readers see of an article changes: a release, archiving, restoring.
article_visibility_changed = Signal()
