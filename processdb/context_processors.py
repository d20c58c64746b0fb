from django.conf import settings
from django.db import DatabaseError

from core import caching


def site(request):
    """Names shown in the header and footer of every page: the organisation, and the department
    of the user (if they belong to exactly one) or of the installation."""
    try:
        department = caching.site_department(request)
    except DatabaseError:  # the error pages of an outage still render
        department = settings.PROCESSDB_DEPARTMENT
    return {
        "site_organisation": settings.PROCESSDB_ORGANISATION,
        "site_department": department,
        # The user's own department (else the installation's, from the settings).
        "site_department_is_own": department != settings.PROCESSDB_DEPARTMENT,
    }
