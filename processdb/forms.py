from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


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
