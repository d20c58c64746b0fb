"""What the install tests share: the repository's install files, .env.example parsed and filled in,
and the production environment of a subprocess.

The tests: test_install_env.py (.env.example, docker compose, the Dockerfile),
test_install_healthcheck.py (the container health check) and test_install_wheel.py (the wheel).
Nothing there needs the Django test database: every check runs the real tools (sh, bash,
docker compose, gunicorn, pip) in subprocesses, in pytest's tmp_path.
"""

import os
import re
import secrets
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = REPO / ".env.example"
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
PYTHON = sys.executable

# Not scanned: the test suite and the benchmarks set their own environment, and local state.
NOT_APP_CODE = {"tests", "bench", ".venv", "node_modules", ".git", "build", "dist", "staticfiles", "media"}
# A line of .env.example: NAME='value', the value literal for sh, bash and docker compose alike.
ENV_LINE = re.compile(r"^([A-Z][A-Z0-9_]*)='([^']*)'$")
SECRETS = ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD")


def parse_env_example(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = ENV_LINE.match(line)
        assert match, f".env.example line {number} is not NAME='value': {line!r}"
        name, value = match.groups()
        assert not value.endswith("\\"), f".env.example line {number}: docker compose reads \\' as a quote"
        assert name not in values, f".env.example lists {name} twice"
        values[name] = value
    return values


def with_secrets(text: str, values: dict[str, str]) -> str:
    """The example with only the secrets filled in, as an administrator would."""
    for name, value in values.items():
        text, count = re.subn(rf"^{name}=''$", lambda _, line=f"{name}='{value}'": line, text, flags=re.MULTILINE)
        assert count == 1, f"{name}='' must be in .env.example exactly once"
    return text


def production_environment(tmp_path: Path) -> dict[str, str]:
    """The production settings: DEBUG unset, HTTPS on, a real host name, SQLite in tmp_path."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "processdb.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "prozesse.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://prozesse.example.org",
        "DJANGO_HTTPS": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
