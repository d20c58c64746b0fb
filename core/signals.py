"""Signals the apps send for the audit log (stored by processdb, which listens).

audit_event(sender, action, actor, object_repr, details="", request=None):
    action is one of processdb.audit.Action's values, e.g. "release" or "law_change".
Every app may send it; only processdb receives it, so the arrows still point down.
"""

from django.dispatch import Signal

audit_event = Signal()
