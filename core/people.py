"""How a person is named on pages, in forms and exports: full name, else the user name."""


def display_name(user, empty: str = "") -> str:
    if user is None or user == "":
        return empty
    return user.get_full_name() or user.get_username()
