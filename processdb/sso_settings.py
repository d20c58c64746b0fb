"""The settings of the login with the city's account, read from the environment.

Pure functions of an environment mapping, so that `processdb.settings` (with `os.environ`) and the
tests (with the addresses of the servers they start) build the same settings the same way. Nothing
here touches the database or the app registry. README "Login with the city's account" lists every
variable with values for Keycloak, ADFS / Entra ID and Active Directory.
"""

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL_LOGIN_CHOICES = ("all", "superusers", "off")
# A mapping target of this form puts the user into a department (departments.Department.slug).
DEPARTMENT_PREFIX = "abteilung:"

OIDC_BACKEND = "processdb.oidc.CityAccountBackend"
LDAP_BACKEND = "processdb.ldap.DirectoryBackend"

_OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_ISSUER",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


def _text(env: Mapping, name: str, default: str = "") -> str:
    return (env.get(name) or default).strip()


def _int(env: Mapping, name: str, default: int) -> int:
    value = _text(env, name)
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def _bool(env: Mapping, name: str, default: bool) -> bool:
    value = _text(env, name).lower()
    return default if not value else value in {"1", "true", "yes", "on"}


def local_login(env: Mapping) -> str:
    """Who may log in with a local password: everyone, only superusers (break-glass), or nobody."""
    value = _text(env, "PROCESSDB_LOCAL_LOGIN", "all").lower()
    if value not in LOCAL_LOGIN_CHOICES:
        raise ImproperlyConfigured(f"PROCESSDB_LOCAL_LOGIN must be one of {', '.join(LOCAL_LOGIN_CHOICES)}, not {value!r}")
    return value


def group_map(text: str) -> dict[str, tuple[str, ...]]:
    """`ABH-Teamleitung=Teamleitung,abteilung:abh; ABH-Sachbearbeitung=Sachbearbeitung` → a mapping
    from the directory's group (compared case-insensitively, as Active Directory does) to this
    application's groups and departments. Entries are separated by `;` or line breaks."""
    mapping: dict[str, tuple[str, ...]] = {}
    for entry in text.replace("\n", ";").split(";"):
        if not entry.strip():
            continue
        external, separator, targets = entry.rpartition("=")
        external = external.strip()
        names = tuple(target.strip() for target in targets.split(",") if target.strip())
        if not separator or not external or not names:
            raise ImproperlyConfigured(
                f"PROCESSDB_DIRECTORY_GROUPS: {entry.strip()!r} is not of the form 'directory group=group[,abteilung:slug]'"
            )
        mapping[external.lower()] = mapping.get(external.lower(), ()) + names
    return mapping


def oidc(env: Mapping) -> dict:
    """Django settings for mozilla-django-oidc and processdb.oidc; empty when no client is configured."""
    client_id = _text(env, "OIDC_RP_CLIENT_ID")
    if not client_id:
        return {}
    missing = [name for name in _OIDC_REQUIRED if not _text(env, name)]
    if missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set, but these are missing: {', '.join(missing)}")
    return {
        "OIDC_RP_CLIENT_ID": client_id,
        **{name: _text(env, name) for name in _OIDC_REQUIRED},
        "OIDC_OP_LOGOUT_ENDPOINT": _text(env, "OIDC_OP_LOGOUT_ENDPOINT"),
        "OIDC_RP_SIGN_ALGO": _text(env, "OIDC_RP_SIGN_ALGO", "RS256"),
        "OIDC_RP_SCOPES": _text(env, "OIDC_RP_SCOPES", "openid email profile"),
        "OIDC_USERNAME_CLAIM": _text(env, "OIDC_USERNAME_CLAIM", "preferred_username"),
        "OIDC_GROUPS_CLAIM": _text(env, "OIDC_GROUPS_CLAIM", "groups"),
        # Authorization code flow with PKCE; state and nonce are checked (processdb.oidc).
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_STORE_ID_TOKEN": True,  # the hint for the logout at the provider
        "OIDC_TIMEOUT": _int(env, "OIDC_TIMEOUT_SECONDS", 10),
        "OIDC_VERIFY_SSL": _text(env, "OIDC_CA_FILE") or True,
        # How often a session is checked against the provider (a silent prompt=none request).
        "OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS": _int(env, "OIDC_SESSION_CHECK_MINUTES", 15) * 60,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_authentication_callback",
    }


def ldap(env: Mapping) -> dict:
    """Django settings for django-auth-ldap; empty when no directory is configured."""
    uri = _text(env, "LDAP_SERVER_URI")
    if not uri:
        return {}
    try:
        import ldap as python_ldap
        from django_auth_ldap import config
    except ImportError as exc:
        raise ImproperlyConfigured(
            "LDAP_SERVER_URI is set, but python-ldap / django-auth-ldap are not installed: "
            "pip install 'prozessdatenbank[ldap]' (builds against OpenLDAP's headers: libldap2-dev libsasl2-dev)"
        ) from exc

    missing = [name for name in ("LDAP_USER_BASE", "LDAP_GROUP_BASE") if not _text(env, name)]
    if missing:
        raise ImproperlyConfigured(f"LDAP_SERVER_URI is set, but these are missing: {', '.join(missing)}")
    group_types = {
        "groupofnames": config.GroupOfNamesType,
        "nested_groupofnames": config.NestedGroupOfNamesType,
        "ad": config.ActiveDirectoryGroupType,
        "nested_ad": config.NestedActiveDirectoryGroupType,
    }
    group_type = _text(env, "LDAP_GROUP_TYPE", "nested_groupofnames").lower()
    if group_type not in group_types:
        raise ImproperlyConfigured(f"LDAP_GROUP_TYPE must be one of {', '.join(group_types)}, not {group_type!r}")
    timeout = _int(env, "LDAP_TIMEOUT_SECONDS", 5)
    options = {
        python_ldap.OPT_REFERRALS: 0,  # Active Directory answers searches with referrals python-ldap cannot follow
        python_ldap.OPT_NETWORK_TIMEOUT: timeout,
        python_ldap.OPT_TIMEOUT: timeout,
        # Certificates are always checked: a directory whose certificate does not verify is not reachable.
        python_ldap.OPT_X_TLS_REQUIRE_CERT: python_ldap.OPT_X_TLS_DEMAND,
    }
    if _text(env, "LDAP_CA_FILE"):
        options[python_ldap.OPT_X_TLS_CACERTFILE] = _text(env, "LDAP_CA_FILE")
    options[python_ldap.OPT_X_TLS_NEWCTX] = 0  # last: applies the TLS options above
    default_group_filter = "(objectClass=group)" if group_type.endswith("ad") else "(objectClass=groupOfNames)"
    return {
        "AUTH_LDAP_SERVER_URI": uri,
        # StartTLS by default on ldap:// (plain LDAP only when switched off explicitly); ldaps:// is TLS itself.
        "AUTH_LDAP_START_TLS": _bool(env, "LDAP_START_TLS", uri.lower().startswith("ldap://")),
        "AUTH_LDAP_BIND_DN": _text(env, "LDAP_BIND_DN"),
        "AUTH_LDAP_BIND_PASSWORD": env.get("LDAP_BIND_PASSWORD") or "",
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        "AUTH_LDAP_USER_SEARCH": config.LDAPSearch(
            _text(env, "LDAP_USER_BASE"), python_ldap.SCOPE_SUBTREE, _text(env, "LDAP_USER_FILTER", "(uid=%(user)s)")
        ),
        "AUTH_LDAP_GROUP_SEARCH": config.LDAPSearch(
            _text(env, "LDAP_GROUP_BASE"), python_ldap.SCOPE_SUBTREE, _text(env, "LDAP_GROUP_FILTER", default_group_filter)
        ),
        "AUTH_LDAP_GROUP_TYPE": group_types[group_type](),
        # processdb.ldap creates and updates the user and its groups itself, in one transaction.
        "AUTH_LDAP_ALWAYS_UPDATE_USER": False,
        "AUTH_LDAP_FIND_GROUP_PERMS": False,
        "AUTH_LDAP_CACHE_TIMEOUT": 0,
        "PROCESSDB_LDAP_ATTRIBUTES": {
            "first_name": _text(env, "LDAP_ATTR_FIRST_NAME", "givenName"),
            "last_name": _text(env, "LDAP_ATTR_LAST_NAME", "sn"),
            "email": _text(env, "LDAP_ATTR_EMAIL", "mail"),
        },
        # How often a directory user's session is checked against the directory (disabled, groups).
        "PROCESSDB_LDAP_RECHECK_SECONDS": _int(env, "LDAP_RECHECK_MINUTES", 15) * 60,
    }


def form_action(env: Mapping) -> list[str]:
    """Origins a form may lead to besides our own: the provider's logout follows the logout form,
    and browsers apply the CSP's form-action to that redirect."""
    endpoint = _text(env, "OIDC_OP_LOGOUT_ENDPOINT") if _text(env, "OIDC_RP_CLIENT_ID") else ""
    if not endpoint:
        return []
    parts = urlsplit(endpoint)
    return [f"{parts.scheme}://{parts.netloc}"]


def backends(env: Mapping) -> list[str]:
    """The login backends after the local one, in the order they are tried."""
    return ([LDAP_BACKEND] if _text(env, "LDAP_SERVER_URI") else []) + ([OIDC_BACKEND] if _text(env, "OIDC_RP_CLIENT_ID") else [])
