"""The install paths through .env.example and docker compose: every variable the code reads is
listed, sh and bash source the file intact, compose accepts it with only the secrets filled in.

Shared helpers: tests/processdb/install_support.py. Runs sh, bash and docker compose in
subprocesses, in pytest's tmp_path; no Django test database.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.processdb.install_support import (
    COMPOSE_FILE,
    DOCKERFILE,
    ENV_EXAMPLE,
    NOT_APP_CODE,
    PYTHON,
    REPO,
    parse_env_example,
    with_secrets,
)

# What reads the environment: os.environ.get/[]/getenv and the settings helpers.
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_bool|env_int|env_list|env_str|env_path)"""
    r"""\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']"""
    r"""|os\.environ\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]"""
)
# ${NAME}, ${NAME:-default}, ${NAME:?message} in the compose file and the Dockerfile.
SHELL_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)")
# Read by the code but not settings of an install.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def app_python_files():
    for path in sorted(REPO.rglob("*.py")):
        relative = path.relative_to(REPO)
        if relative.parts[0] in NOT_APP_CODE or relative.parts[0].endswith(".egg-info"):
            continue
        yield path


def variables_read_by_code() -> dict[str, set[str]]:
    """Every environment variable the app, its Dockerfile or its compose file reads, and where."""
    found: dict[str, set[str]] = {}
    for path in app_python_files():
        for match in ENV_READ.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1) or match.group(2), set()).add(str(path.relative_to(REPO)))
    for path in (DOCKERFILE, COMPOSE_FILE):
        for name in SHELL_VARIABLE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(path.name)
    for name in NOT_SETTINGS:
        found.pop(name, None)
    return found


def sourced_environment(shell: str, env_file: Path) -> dict[str, str]:
    """The environment after `set -a; . ./file; set +a` in the given shell."""
    script = 'set -a; . "./$1"; set +a; exec "$2" -c "import json, os; print(json.dumps(dict(os.environ)))"'
    result = subprocess.run(
        [shell, "-c", script, shell, env_file.name, PYTHON],
        cwd=env_file.parent,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, f"{shell} cannot source {env_file.name}:\n{result.stderr}"
    return json.loads(result.stdout)


# --- .env.example ------------------------------------------------------------------------------


def test_the_scan_finds_the_settings_it_must():
    """The scan below is only as good as its pattern: it must see the settings we know of."""
    found = variables_read_by_code()
    for name in ("DJANGO_SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "SESSION_IDLE_MINUTES", "PORT", "GUNICORN_WORKERS"):
        assert name in found, f"the scan missed {name}"


def test_env_example_lists_every_variable_the_code_reads():
    listed = parse_env_example(ENV_EXAMPLE.read_text(encoding="utf-8"))
    missing = {name: sorted(where) for name, where in variables_read_by_code().items() if name not in listed}
    assert not missing, f"read by the code but missing in .env.example (add a line with a comment): {missing}"


@pytest.mark.parametrize("shell", ["sh", "bash"])
def test_env_example_is_sourced_by_the_shell_with_every_value_intact(shell, tmp_path):
    if not shutil.which(shell):
        pytest.skip(f"{shell} is not installed")
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    expected = parse_env_example(text)
    env_file = tmp_path / "env"
    env_file.write_text(text, encoding="utf-8")

    environment = sourced_environment(shell, env_file)

    for name, value in expected.items():
        read = environment.get(name)
        assert read == value, f"{name}: {shell} read {read!r}, the file says {value!r}"
    assert "·" in environment["PROCESSDB_ORGANISATION"] and " " in environment["PROCESSDB_ORGANISATION"]


def test_secrets_of_any_characters_survive_the_shell(tmp_path):
    hostile = {
        "DJANGO_SECRET_KEY": 'k$HOME`id`;$(id) "q" \\n # x',
        "POSTGRES_PASSWORD": "p@ss/w#rd:1?x=%20&y ${HOME} \\ ü·",
    }
    env_file = tmp_path / "env"
    env_file.write_text(with_secrets(ENV_EXAMPLE.read_text(encoding="utf-8"), hostile), encoding="utf-8")

    environment = sourced_environment("sh", env_file)

    for name, value in hostile.items():
        assert environment[name] == value


# --- docker compose ----------------------------------------------------------------------------


def compose_command() -> list[str] | None:
    """`docker compose` (the plugin) if it works here, else the standalone `docker-compose`."""
    candidates = [["docker", "compose"], ["docker-compose"]]
    for command in candidates:
        if not shutil.which(command[0]):
            continue
        try:
            probe = subprocess.run([*command, "version"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return command
    return None


@pytest.fixture(scope="module")
def compose():
    command = compose_command()
    if command is None:
        pytest.skip(
            "neither the docker compose plugin nor docker-compose is installed: docker-compose.yml is "
            "not validated here (apt-get install docker-compose, or Docker's compose plugin)"
        )
    return command


def run_compose_config(compose, env_file: Path, *options: str) -> subprocess.CompletedProcess:
    # The environment of the run must not fill in what the file lacks.
    ours = set(parse_env_example(env_file.read_text(encoding="utf-8"))) | {"COMPOSE_FILE", "COMPOSE_PROJECT_NAME"}
    environment = {key: value for key, value in os.environ.items() if key not in ours}
    return subprocess.run(
        [*compose, "-f", str(COMPOSE_FILE), "--env-file", str(env_file), "config", *options],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def environment_of(compose, env_file: Path) -> tuple[subprocess.CompletedProcess, dict[str, dict[str, str]]]:
    """`config` and the environment it gives each service ($ unescaped from config's $$)."""
    if compose == ["docker", "compose"]:
        result = run_compose_config(compose, env_file, "--format", "json")
        if result.returncode != 0:
            return result, {}
        services = json.loads(result.stdout)["services"]
        return result, {
            name: {key: (value or "").replace("$$", "$") for key, value in (service.get("environment") or {}).items()}
            for name, service in services.items()
        }
    # The standalone docker-compose (v1) writes YAML only; its plain scalars are read line by line.
    result = run_compose_config(compose, env_file)
    if result.returncode != 0:
        return result, {}
    services: dict[str, dict[str, str]] = {}
    top = service = section = None
    for line in result.stdout.splitlines():
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            top = line.strip()
        elif indent == 2 and top == "services:":
            service = services.setdefault(line.strip().rstrip(":"), {})
        elif indent == 4:
            section = line.strip()
        elif indent == 6 and top == "services:" and section == "environment:":
            key, _, value = line.strip().partition(": ")
            if len(value) >= 2 and value[0] == value[-1] == "'":
                value = value[1:-1].replace("''", "'")
            service[key] = value.replace("$$", "$")
    return result, services


def test_compose_config_accepts_the_example_with_only_the_secrets_set(compose, tmp_path):
    # Characters that break a URL or a shell; ${...} is left out only because the old standalone
    # docker-compose (v1) expands it even in single quotes, where the compose plugin does not.
    password = "p@ss/w#rd:1?x=%20 $HOME \"q\" \\ ü"
    env_file = tmp_path / "env"
    filled_in = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "POSTGRES_PASSWORD": password}
    env_file.write_text(with_secrets(ENV_EXAMPLE.read_text(encoding="utf-8"), filled_in), encoding="utf-8")

    result, environment = environment_of(compose, env_file)

    assert result.returncode == 0, f"{' '.join(compose)} config failed:\n{result.stderr}"
    # The password reaches the database and the app unchanged, never inside a URL.
    assert environment["db"]["POSTGRES_PASSWORD"] == password
    assert environment["app"]["DATABASE_PASSWORD"] == password
    assert environment["app"]["DATABASE_URL"] == "postgres://prozessdb@db:5432/prozessdb"
    # Settings from .env reach the app as they are.
    assert environment["app"]["PROCESSDB_ORGANISATION"] == "Stadt Pforzheim · Amt für öffentliche Ordnung"
    assert environment["app"]["ALLOWED_HOSTS"] == "prozessdb.example.org"
    assert "processdb.healthcheck" in result.stdout


def test_compose_config_refuses_the_example_without_secrets(compose, tmp_path):
    env_file = tmp_path / "env"
    shutil.copyfile(ENV_EXAMPLE, env_file)

    result = run_compose_config(compose, env_file)

    assert result.returncode != 0
    assert "in .env" in result.stderr  # "set POSTGRES_PASSWORD in .env" or the same for the key


def test_compose_passes_every_setting_of_the_example_to_the_app():
    compose_text = COMPOSE_FILE.read_text(encoding="utf-8")
    # STATIC_ROOT belongs to the image (collectstatic runs at build time).
    names = set(parse_env_example(ENV_EXAMPLE.read_text(encoding="utf-8"))) - {"STATIC_ROOT"}
    missing = sorted(name for name in names if not re.search(rf"^\s+{name}:", compose_text, flags=re.MULTILINE))
    assert not missing, f"docker-compose.yml does not hand these to the app: {missing}"
    # No password inside a URL.
    assert not re.search(r"://[^/\s]*:\$\{", compose_text)


def test_the_image_is_built_on_a_supported_nodejs_lts():
    (version,) = re.findall(r"^FROM node:(\d+)", DOCKERFILE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    # Even major versions are the LTS lines; 24 is supported until 2028-04 (20 ended 2026-04).
    assert int(version) % 2 == 0 and int(version) >= 24
