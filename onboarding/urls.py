from django.urls import path
from django.utils.translation import gettext_lazy as _

from processdb.views import SectionPlaceholderView

app_name = "onboarding"

urlpatterns = [
    path("", SectionPlaceholderView.as_view(section_title=_("Onboarding")), name="index"),
]
