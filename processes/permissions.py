"""Permission names used by the processes app; granted through the groups in processdb.groups."""

VIEW_PROCESSES = "processes.view_process"
EDIT_PROCESSES = "processes.change_process"


def can_read(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_PROCESSES)


def can_see_unpublished(user) -> bool:
    """Draft and archived processes are shown to those who may edit processes."""
    return user.is_authenticated and user.has_perm(EDIT_PROCESSES)
