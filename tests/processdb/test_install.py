"""The install paths: .env.example, docker compose, the container health check and the wheel.

Nothing here needs the Django test database: every check runs the real tools (sh, bash,
docker compose, gunicorn, pip) in subprocesses, in pytest's tmp_path.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = REPO / ".env.example"
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
KERN_DIST = Path("node_modules") / "@kern-ux" / "native" / "dist"
PYTHON = sys.executable
GUNICORN = Path(sys.executable).with_name("gunicorn")

# What reads the environment: os.environ.get/[]/getenv and the settings helpers.
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_bool|env_int|env_list|env_str|env_path)"""
    r"""\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']"""
    r"""|os\.environ\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]"""
)
# ${NAME}, ${NAME:-default}, ${NAME:?message} in the compose file and the Dockerfile.
SHELL_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)")
# Not scanned: the test suite and the benchmarks set their own environment, and local state.
NOT_APP_CODE = {"tests", "bench", ".venv", "node_modules", ".git", "build", "dist", "staticfiles", "media"}
# Read by the code but not settings of an install.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}
# A line of .env.example: NAME='value', the value literal for sh, bash and docker compose alike.
ENV_LINE = re.compile(r"^([A-Z][A-Z0-9_]*)='([^']*)'$")
SECRETS = ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD")


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
        text, count = re.subn(rf"^{name}=''$", lambda _: f"{name}='{value}'", text, flags=re.MULTILINE)
        assert count == 1, f"{name}='' must be in .env.example exactly once"
    return text


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


# --- the container health check ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def healthcheck(environment: dict[str, str], *arguments: str) -> tuple[int, float, str]:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "-m", "processdb.healthcheck", *arguments],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.returncode, time.monotonic() - started, result.stdout + result.stderr


def get_status(port: int, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture
def production_server(tmp_path):
    """gunicorn with the production settings on a free port; yields (environment, process)."""
    environment = production_environment(tmp_path)
    migrate = subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    port = free_port()
    environment["PORT"] = str(port)
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(GUNICORN), "processdb.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=REPO,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{(tmp_path / 'gunicorn.log').read_text()}")
                time.sleep(0.1)
        yield environment, server
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()


def test_healthcheck_passes_on_a_healthy_app_with_the_production_settings(production_server):
    environment, server = production_server
    port = int(environment["PORT"])

    # What the old healthcheck sent: refused for its host, then redirected to HTTPS.
    assert get_status(port, {}) == 400
    assert get_status(port, {"Host": "prozesse.example.org"}) == 301

    status, _, output = healthcheck(environment)
    assert status == 0, output

    server.terminate()
    server.wait(timeout=10)
    status, seconds, output = healthcheck(environment)
    assert status == 1, output
    assert seconds < 5, f"the health check took {seconds:.1f} s against a stopped server"


def test_healthcheck_gives_up_after_its_timeout(tmp_path):
    """A server that accepts the connection and never answers is not healthy either."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        environment = {**production_environment(tmp_path), "PORT": str(silent.getsockname()[1])}
        status, seconds, output = healthcheck(environment, "--timeout", "0.5")
    assert status == 1, output
    assert seconds < 5


@pytest.mark.parametrize(
    "allowed_hosts, host",
    [
        ("prozesse.example.org,localhost", "prozesse.example.org"),
        (" , prozesse.example.org ", "prozesse.example.org"),
        (".example.org", "example.org"),
        ("*", "localhost"),
        ("", "127.0.0.1"),
    ],
)
def test_healthcheck_sends_a_host_that_allowed_hosts_accepts(allowed_hosts, host):
    from processdb.healthcheck import host_header

    assert host_header(allowed_hosts) == host


# --- the wheel ----------------------------------------------------------------------------------


def repository_files() -> list[Path]:
    """The files of a checkout: tracked or new, without what .gitignore leaves out."""
    result = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    )
    names = {name for name in result.stdout.decode().split("\0") if name}
    return sorted(Path(name) for name in names if (REPO / name).is_file())


def package_folders() -> list[str]:
    return sorted(
        path.parent.name
        for path in REPO.glob("*/__init__.py")
        if path.parent.name not in NOT_APP_CODE
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel pip builds from a copy of the checkout (so the checkout gets no build/ folder)."""
    import setuptools

    if int(setuptools.__version__.split(".")[0]) < 77:
        # A venv of Python 3.11 starts with setuptools 65; the offline build uses the venv's.
        pytest.skip(
            f"setuptools {setuptools.__version__} in the venv, the wheel build needs >= 77 "
            "(pyproject's [build-system]): pip install 'setuptools>=77'"
        )
    if not (REPO / KERN_DIST).is_dir():
        pytest.skip(f"{KERN_DIST} is missing: run `npm ci` (make install) before building the wheel")
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    for relative in repository_files():
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, source / relative)
    shutil.copytree(REPO / KERN_DIST, source / KERN_DIST)
    top_level_before = sorted(path.name for path in REPO.iterdir())

    result = subprocess.run(
        # No network: the venv's setuptools builds, nothing is fetched.
        [PYTHON, "-m", "pip", "wheel", ".", "-v", "--no-deps", "--no-build-isolation", "--no-index", "-w", base / "dist"],
        cwd=source,
        env={**os.environ, "TMPDIR": str(base), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in REPO.iterdir()) == top_level_before
    (built,) = (base / "dist").glob("prozessdatenbank-*.whl")
    return built, result.stdout + result.stderr


def test_wheel_builds_without_setuptools_warnings(wheel):
    _, output = wheel
    for warning in ("SetuptoolsDeprecationWarning", "BuildBackendWarning", "absent from the `packages`"):
        assert warning not in output, output


def test_wheel_carries_templates_static_files_translations_and_kern(wheel):
    path, _ = wheel
    names = set(zipfile.ZipFile(path).namelist())

    for expected in (
        "processdb/site/templates/base.html",
        "processdb/site/static/css/app.css",
        "processdb/site/locale/de/LC_MESSAGES/django.mo",
        "processdb/site/kern/kern.min.css",
        "processdb/site/kern/fonts/fira-sans.css",
        "processes/demo_data.md",
        "knowledge/demo_data.md",
        "processdb/healthcheck.py",
    ):
        assert expected in names, f"{expected} is not in the wheel"

    site_folders = {"templates": "templates", "static": "static", "locale": "locale"}
    for relative in repository_files():
        top = relative.parts[0]
        if top in site_folders:
            assert f"processdb/site/{relative.as_posix()}" in names, f"{relative} is not in the wheel"
        elif top in package_folders() and "__pycache__" not in relative.parts:
            assert relative.as_posix() in names, f"{relative} is not in the wheel"
    for kern_file in (REPO / KERN_DIST).rglob("*"):
        if kern_file.is_file():
            assert f"processdb/site/kern/{kern_file.relative_to(REPO / KERN_DIST).as_posix()}" in names


def test_wheel_holds_the_apps_and_nothing_else(wheel):
    path, _ = wheel
    archive = zipfile.ZipFile(path)
    top_level = {name.split("/")[0] for name in archive.namelist()}
    dist_info = {name for name in top_level if name.endswith(".dist-info")}
    assert top_level - dist_info == set(package_folders())
    assert "tests" not in top_level and "bench" not in top_level
    (metadata,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
    assert "License-Expression: EUPL-1.2" in archive.read(metadata).decode()


RUN_FROM_WHEEL = """
import json
import django
from django.conf import settings

django.setup()
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.utils import translation

import processdb

found = {"package": processdb.__file__, "site_aware": hasattr(settings, "SITE_DIR")}
if found["site_aware"]:
    translation.activate("de")
    found["template"] = get_template("base.html").origin.name
    found["static"] = [finders.find("css/app.css"), finders.find("kern/kern.min.css")]
    found["translated"] = translation.gettext("Steps")
print(json.dumps(found))
"""


def test_the_installed_wheel_finds_its_templates_static_files_and_translations(wheel, tmp_path):
    """Unpacked as pip installs it, away from the checkout, the app finds everything it serves."""
    path, _ = wheel
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(path).extractall(installed)
    elsewhere = tmp_path / "run"
    elsewhere.mkdir()
    environment = {
        **production_environment(tmp_path),
        # Before the venv's own site-packages, where the checkout is installed in editable mode.
        "PYTHONPATH": str(installed),
    }

    result = subprocess.run(
        [PYTHON, "-c", RUN_FROM_WHEEL], cwd=elsewhere, env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["package"].startswith(str(installed)), found
    if not found["site_aware"]:
        pytest.skip("processdb/settings.py does not look in processdb/site/ yet (SITE_DIR), see setup.py")
    assert found["template"].startswith(str(installed)), found
    assert all(static and static.startswith(str(installed)) for static in found["static"]), found
    assert found["translated"] == "Schritte", found
