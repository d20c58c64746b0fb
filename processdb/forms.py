from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from processdb import directory


class LoginForm(AuthenticationForm):
    """Django's login form with a clearer German message and without autofocus, so that the
    first Tab stop of the page is its skip link, as on every other page."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Login failed: the user name or the password is wrong. Both are case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)
        # AuthenticationForm sets max_length after the field is built, which adds no validator: an
        # over-long name reached the login throttling, whose column holds 255 characters.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length or 150))

    def get_invalid_login_error(self):
        # A directory login refused for a reason the user should know (not reachable, no group, …).
        refusal = directory.noted(self.request)
        if refusal is not None:
            return ValidationError(refusal.message, code=refusal.reason)
        return super().get_invalid_login_error()
