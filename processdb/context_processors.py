from django.conf import settings


def site(request):
    """Names shown in the header and footer of every page."""
    return {
        "site_organisation": settings.PROCESSDB_ORGANISATION,
        "site_department": settings.PROCESSDB_DEPARTMENT,
    }
