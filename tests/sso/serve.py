"""Start the test directory and the test OpenID provider by hand, to try the login with `make run`.

    .venv/bin/python -m tests.sso.serve /tmp/city.env      # keeps running; Ctrl+C stops both
    set -a; . /tmp/city.env; set +a; make run               # in a second shell

The file holds the settings (README "Login with the city's account") for http://127.0.0.1:8000
and http://localhost:8000. Accounts and passwords: tests/sso/servers.py (directory: l.berger,
t.keller, … with „Geheim-123“; provider: anna.schmidt, ben.wolf, … with „Stadt-123“).
"""

import shlex
import sys
import tempfile
import time
from pathlib import Path

from tests.sso.conftest import GROUP_MAP, ldap_env, oidc_env
from tests.sso.servers import start_oidc_provider, start_slapd


def main(target: str) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="processdb-city-"))
    bases = ["http://127.0.0.1:8000", "http://localhost:8000"]
    slapd = start_slapd(workdir / "slapd")
    provider = start_oidc_provider(
        workdir / "oidc",
        redirect_uris=[base + "/konto/stadt/zurueck/" for base in bases],
        post_logout_redirect_uris=[base + "/konto/anmelden/" for base in bases],
    )
    # The tests' mapping, with the demo's department of the foreigners' authority.
    groups = GROUP_MAP.replace("abteilung:ab\n", "abteilung:auslaenderbehoerde\n").strip().replace("\n", ";")
    env = {**ldap_env(slapd), **oidc_env(provider), "PROCESSDB_DIRECTORY_GROUPS": groups}
    Path(target).write_text("".join(f"{name}={shlex.quote(value)}\n" for name, value in env.items()), encoding="utf-8")
    print(f"directory {slapd.uri}, provider {provider.issuer}; settings in {target}. Ctrl+C stops both.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        provider.stop()
        slapd.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "city.env")
