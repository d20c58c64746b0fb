"""Who may give and who may handle feedback (through groups: processdb.groups)."""

GIVE_FEEDBACK = "notifications.add_feedback"
HANDLE_FEEDBACK = "notifications.change_feedback"


def can_give(user) -> bool:
    return user.has_perm(GIVE_FEEDBACK)


def can_handle(user) -> bool:
    return user.has_perm(HANDLE_FEEDBACK)
