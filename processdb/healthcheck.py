"""Container health check: is the app on this host answering /healthz with 200?

    python -m processdb.healthcheck [--timeout SECONDS]

Exits 0 when http://127.0.0.1:$PORT/healthz answers 200, 1 otherwise (refused, timed out,
any other status). Standard library only, and no Django: it runs beside the server, not in it.

A plain request is not enough against the production settings: Django answers 400 to a host
name that is not in ALLOWED_HOSTS, and with HTTPS on it redirects (301) every request that did
not come through the TLS proxy. So the request carries the first ALLOWED_HOSTS entry as its
Host and `X-Forwarded-Proto: https`, as the reverse proxy in front of the app would.
"""

import argparse
import http.client
import os
import sys

DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 5.0
PATH = "/healthz"


def host_header(allowed_hosts: str) -> str:
    """The Host the app accepts: the first ALLOWED_HOSTS entry (settings' default if unset)."""
    for entry in allowed_hosts.split(","):
        entry = entry.strip()
        if not entry:
            continue
        if entry == "*":
            return "localhost"
        # ".example.org" allows example.org and all its subdomains.
        return entry.lstrip(".")
    return "127.0.0.1"


def check(port: int, host: str, timeout: float) -> tuple[bool, str]:
    """(healthy, what happened) for one request to /healthz."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", PATH, headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException) as error:
        return False, f"no answer from 127.0.0.1:{port}{PATH}: {error}"
    finally:
        connection.close()
    if response.status != 200:
        return False, f"{PATH} answered {response.status} {response.reason} (Host: {host})"
    return True, f"{PATH} answered 200"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m processdb.healthcheck", description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait for the answer")
    args = parser.parse_args(argv)
    port_text = (os.environ.get("PORT") or "").strip() or str(DEFAULT_PORT)
    try:
        port = int(port_text)
    except ValueError:
        print(f"PORT is not a number: {port_text!r}", file=sys.stderr)
        return 1
    host = host_header(os.environ.get("ALLOWED_HOSTS") or "")
    healthy, message = check(port, host, args.timeout)
    print(message, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
