"""Signals of the processes app, for the apps above it (search)."""

from django.dispatch import Signal

# Steps of a process were written without a save of each (e.g. a new order): sent with process_id.
process_rows_changed = Signal()
