"""Real servers for the login tests: an OpenLDAP slapd and an OpenID Connect provider (no protocol mocks).

start_slapd() runs the system's slapd with its own slapd.conf, an mdb database filled from
directory.ldif and a TLS certificate of a test CA made here; start_oidc_provider() runs
provider.mjs (npm package oidc-provider) with the machine's Node.js. Each picks free loopback
ports, so several instances (one per pytest-xdist worker) run at once. Both return only when the
server answers and raise with the tail of the server's log when it does not. Servers still running
when Python exits are stopped (atexit), and die with their parent process on Linux.
"""

from __future__ import annotations

import atexit
import ctypes
import datetime
import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from base64 import urlsafe_b64encode
from dataclasses import dataclass, field
from pathlib import Path

import ldap
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HERE = Path(__file__).resolve().parent
LDIF_FILE = HERE / "directory.ldif"
PROVIDER_SCRIPT = HERE / "provider.mjs"
START_TIMEOUT = 10.0

LDAP_PASSWORD = "Geheim-123"  # every person of directory.ldif
OIDC_PASSWORD = "Stadt-123"  # every account of the OpenID provider

# The provider's accounts (written to accounts_file; the provider re-reads the file at every lookup).
# preferred_username is the login name; a claim missing here is missing in the tokens and userinfo.
OIDC_ACCOUNTS = {
    "anna.schmidt": {"sub": "u-1001", "name": "Anna Schmidt", "given_name": "Anna", "family_name": "Schmidt",
                     "email": "anna.schmidt@stadt.example", "groups": ["ABH-Sachbearbeitung"]},
    "ben.wolf": {"sub": "u-1002", "name": "Ben Wolf", "given_name": "Ben", "family_name": "Wolf",
                 "email": "ben.wolf@stadt.example", "groups": ["ABH-Teamleitung"]},
    "cora.frei": {"sub": "u-1003", "name": "Cora Frei", "given_name": "Cora", "family_name": "Frei",
                  "email": "cora.frei@stadt.example", "groups": ["Kantine"]},
    "dora.ohnemail": {"sub": "u-1004", "groups": ["ABH-Sachbearbeitung"]},  # no email, no name claims
    "teamleitung": {"sub": "u-1005", "name": "Tim Leitung", "given_name": "Tim", "family_name": "Leitung",
                    "email": "teamleitung@stadt.example", "groups": ["ABH-Sachbearbeitung"]},
}

_running: list[_Server] = []


def free_ports(count: int) -> list[int]:
    """Different loopback ports that are free now (the server binds them a moment later)."""
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the starting thread dies (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _log_tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class _Server:
    """A server process owned by Popen: output to log_file, stop() terminates and waits."""

    log_file: Path
    _argv: list[str]
    _process: subprocess.Popen | None

    def _ready(self) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        """(Re)start the server with the same ports and data; return when it answers."""
        if self._process is not None and self._process.poll() is None:
            return
        with open(self.log_file, "ab") as log:
            # Killed along with the test process, unless started from a thread that may end before it.
            main_thread = threading.current_thread() is threading.main_thread()
            self._process = subprocess.Popen(self._argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                             preexec_fn=_die_with_parent if main_thread else None)
        if not any(server is self for server in _running):
            _running.append(self)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if self._ready():
                    return
                problem = "exited at start" if self._process.poll() is not None else None
                if problem is None and time.monotonic() > deadline:
                    problem = f"did not answer within {START_TIMEOUT} s"
            except Exception as error:  # it answers, but wrongly
                problem = f"answers wrongly: {error!r}"
            if problem:
                self.stop()
                raise RuntimeError(f"{self._argv[0]} {problem}; its log {self.log_file}:\n{_log_tail(self.log_file)}")
            time.sleep(0.01)

    def stop(self) -> None:
        """Terminate the server and wait until it is gone (a stopped server refuses connections)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@atexit.register
def _stop_all() -> None:
    for server in _running:
        server.stop()


# --- TLS material -------------------------------------------------------------------------------


def _certificate(common_name, key, issuer=None, issuer_key=None, *, extensions=()) -> x509.Certificate:
    """A certificate of key, self-signed (a CA) without issuer, else signed by issuer_key."""
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Stadt Example Test"),
                         x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    issuer_key = issuer_key or key
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer.subject if issuer else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False))
    usage = {name: False for name in ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
                                      "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")}
    usage.update({"key_cert_sign": True, "crl_sign": True} if issuer is None else {"digital_signature": True})
    for extension in (x509.KeyUsage(**usage), *extensions):
        builder = builder.add_extension(extension, critical=isinstance(extension, x509.KeyUsage))
    return builder.sign(issuer_key, hashes.SHA256())


def make_tls_files(workdir: Path) -> tuple[Path, Path, Path, Path]:
    """A test CA, a server certificate of it (SAN IP:127.0.0.1, DNS:localhost) and an unrelated CA (EC P-256).

    Returns (ca_file, cert_file, key_file, wrong_ca_file), all PEM in workdir.
    """
    ca_key, server_key, wrong_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    ca_cert = _certificate("Test-CA der Stadt", ca_key)
    san = x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    server_cert = _certificate("localhost", server_key, ca_cert, ca_key,
                               extensions=[san, x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH])])
    pem = serialization.Encoding.PEM
    files = {"ca.pem": ca_cert.public_bytes(pem), "server.pem": server_cert.public_bytes(pem),
             "wrong-ca.pem": _certificate("Fremde Test-CA", wrong_key).public_bytes(pem),
             "server.key": server_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())}
    for filename, content in files.items():
        (workdir / filename).write_bytes(content)
    (workdir / "server.key").chmod(0o600)
    return workdir / "ca.pem", workdir / "server.pem", workdir / "server.key", workdir / "wrong-ca.pem"


# --- OpenLDAP -----------------------------------------------------------------------------------

SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
TLSCACertificateFile {ca_file}
TLSCertificateFile {cert_file}
TLSCertificateKeyFile {key_file}
access to dn.base="" by * read
access to dn.base="cn=Subschema" by * read

database mdb
maxsize 16777216
suffix "{base_dn}"
rootdn "{admin_dn}"
rootpw {admin_password}
directory {workdir}/data
index objectClass,uid,member eq
overlay ppolicy
ppolicy_default "cn=default,ou=policies,{base_dn}"
access to attrs=userPassword by anonymous auth by self write by * none
access to * by dn.exact="{bind_dn}" read by self read by * none
"""


@dataclass
class Slapd(_Server):
    uri: str  # ldap://127.0.0.1:<port>, StartTLS available on it
    ldaps_uri: str  # ldaps://127.0.0.1:<port>
    ca_file: Path  # the test CA that signed the server certificate (SAN IP:127.0.0.1, DNS:localhost)
    wrong_ca_file: Path  # another CA, for the "certificate check refuses" tests
    base_dn: str = "dc=stadt,dc=example"
    bind_dn: str = "cn=processdb,ou=service,dc=stadt,dc=example"
    bind_password: str = "dienst-geheim"
    admin_dn: str = "cn=admin,dc=stadt,dc=example"
    admin_password: str = "admin-geheim"
    log_file: Path = field(default=Path("slapd.log"), repr=False)
    _argv: list[str] = field(default_factory=list, repr=False)
    _process: subprocess.Popen | None = field(default=None, repr=False)

    def user_dn(self, uid: str) -> str:
        return f"uid={uid},ou=people,{self.base_dn}"

    def group_dn(self, cn: str) -> str:
        return f"cn={cn},ou=groups,{self.base_dn}"

    def modify(self, ldif: str) -> None:
        """Apply change records (changetype: add/modify/delete/modrdn) as the admin; raise on any error."""
        result = subprocess.run(
            ["ldapmodify", "-x", "-H", self.uri, "-D", self.admin_dn, "-w", self.admin_password],
            input=ldif, capture_output=True, text=True, env={**os.environ, "LDAPNOINIT": "1"}, timeout=30,
        )
        if result.returncode != 0:
            raise RuntimeError(f"ldapmodify failed ({result.returncode}): {result.stderr.strip()}\n{result.stdout}")

    def _ready(self) -> bool:
        connection = ldap.initialize(self.uri)
        connection.set_option(ldap.OPT_NETWORK_TIMEOUT, 1.0)
        connection.set_option(ldap.OPT_TIMEOUT, 1.0)
        try:
            connection.simple_bind_s(self.bind_dn, self.bind_password)
            return True
        except (ldap.SERVER_DOWN, ldap.TIMEOUT):  # not listening yet, or someone else's socket
            return False
        finally:
            connection.unbind_s()


def start_slapd(workdir: Path) -> Slapd:
    """Create the directory in workdir (config, TLS files, mdb database) and start slapd on free ports."""
    slapd_bin = shutil.which("slapd") or "/usr/sbin/slapd"
    slapadd_bin = shutil.which("slapadd") or "/usr/sbin/slapadd"
    workdir = Path(workdir).resolve()
    (workdir / "data").mkdir(parents=True, exist_ok=True)
    ca_file, cert_file, key_file, wrong_ca_file = make_tls_files(workdir)
    config = workdir / "slapd.conf"
    server = Slapd(uri="", ldaps_uri="", ca_file=ca_file, wrong_ca_file=wrong_ca_file, log_file=workdir / "slapd.log")
    config.write_text(SLAPD_CONF.format(
        workdir=workdir, ca_file=ca_file, cert_file=cert_file,
        key_file=key_file, base_dn=server.base_dn, admin_dn=server.admin_dn, admin_password=server.admin_password,
        bind_dn=server.bind_dn))
    loaded = subprocess.run([slapadd_bin, "-q", "-f", str(config), "-l", str(LDIF_FILE)], capture_output=True, text=True)
    if loaded.returncode != 0:
        raise RuntimeError(f"slapadd failed ({loaded.returncode}):\n{loaded.stderr}{loaded.stdout}")
    for attempt in range(3):  # another process may take a free port before slapd binds it
        port, tls_port = free_ports(2)
        server.uri, server.ldaps_uri = f"ldap://127.0.0.1:{port}", f"ldaps://127.0.0.1:{tls_port}"
        server._argv = [slapd_bin, "-d", "none", "-f", str(config), "-h", f"{server.uri}/ {server.ldaps_uri}/"]
        try:
            server.start()
            return server
        except RuntimeError:
            if attempt == 2 or "already in use" not in _log_tail(server.log_file, 5):
                raise
    raise RuntimeError("no free ports for slapd")


# --- OpenID Connect provider --------------------------------------------------------------------


def make_private_jwk(kid: str = "test-signing-key") -> dict:
    """A new RSA private key as a JWK (RS256, use sig) – the provider signs ID tokens with it."""
    numbers = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_numbers()
    values = {"n": numbers.public_numbers.n, "e": numbers.public_numbers.e, "d": numbers.d, "p": numbers.p,
              "q": numbers.q, "dp": numbers.dmp1, "dq": numbers.dmq1, "qi": numbers.iqmp}
    return {"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig", **{
        name: urlsafe_b64encode(value.to_bytes((value.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()
        for name, value in values.items()}}


def _write_json(path: Path, data) -> None:
    """Replace the file atomically: the provider never reads half a file."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


@dataclass
class OidcProvider(_Server):
    issuer: str  # http://127.0.0.1:<port>
    private_jwk: dict = field(repr=False)  # the RSA private key (JWK with kid, alg RS256) of the ID tokens
    accounts_file: Path  # JSON {username: {sub, password, claims…, disabled?}}, re-read at every lookup
    client_id: str = "processdb"
    client_secret: str = "processdb-geheim"
    other_client_id: str = "andere-anwendung"
    other_client_secret: str = "andere-geheim"
    config_file: Path = field(default=Path("provider.json"), repr=False)
    log_file: Path = field(default=Path("provider.log"), repr=False)
    _argv: list[str] = field(default_factory=list, repr=False)
    _process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def ready_file(self) -> Path:
        return self.config_file.with_suffix(".ready")

    def discovery(self) -> dict:
        with urllib.request.urlopen(f"{self.issuer}/.well-known/openid-configuration", timeout=5) as response:
            return json.load(response)

    def endpoints(self) -> dict:
        """authorization_endpoint, token_endpoint, userinfo_endpoint, jwks_uri, end_session_endpoint."""
        document = self.discovery()
        keys = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri", "end_session_endpoint")
        return {key: document[key] for key in keys}

    def accounts(self) -> dict:
        return json.loads(self.accounts_file.read_text(encoding="utf-8"))

    def reset_accounts(self) -> None:
        """Write the accounts of OIDC_ACCOUNTS again: undoes every set_account (for session-scoped fixtures)."""
        _write_json(self.accounts_file, {name: {"password": OIDC_PASSWORD, "preferred_username": name, **claims}
                                         for name, claims in OIDC_ACCOUNTS.items()})

    def set_account(self, username: str, **changes) -> None:
        """Change (or create) an account: claims such as groups=[...], password=..., disabled=True.

        A value None removes the claim. The provider sees the change at the next lookup, no restart.
        """
        accounts = self.accounts()
        account = accounts.setdefault(username, {"sub": f"u-{username}", "password": OIDC_PASSWORD,
                                                 "preferred_username": username})
        for key, value in changes.items():
            if value is None:
                account.pop(key, None)
            else:
                account[key] = value
        _write_json(self.accounts_file, accounts)

    def start(self) -> None:
        self.ready_file.unlink(missing_ok=True)  # node writes it anew once it listens
        super().start()

    def _ready(self) -> bool:
        try:
            reported = json.loads(self.ready_file.read_text())["issuer"]
        except (OSError, ValueError, KeyError):
            return False
        if not self.issuer:  # the first start on port 0: restarts keep the port node got, and the issuer
            self.issuer = reported
            config = json.loads(self.config_file.read_text())
            _write_json(self.config_file, {**config, "port": int(reported.rsplit(":", 1)[1]), "issuer": reported})
        return self.discovery()["issuer"] == self.issuer


def start_oidc_provider(workdir: Path, redirect_uris: list[str], post_logout_redirect_uris: list[str]) -> OidcProvider:
    """Start provider.mjs with two confidential clients (same redirect URIs) and the accounts of OIDC_ACCOUNTS."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Node.js (node) is not installed")
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    accounts_file = workdir / "accounts.json"
    server = OidcProvider(issuer="", private_jwk=make_private_jwk(), accounts_file=accounts_file,
                          config_file=workdir / "provider.json", log_file=workdir / "provider.log")
    server.reset_accounts()
    clients = [{"client_id": client_id, "client_secret": secret, "redirect_uris": list(redirect_uris),
                "post_logout_redirect_uris": list(post_logout_redirect_uris)}
               for client_id, secret in ((server.client_id, server.client_secret),
                                         (server.other_client_id, server.other_client_secret))]
    _write_json(server.config_file, {
        "port": 0, "issuer": None, "clients": clients, "jwks": {"keys": [server.private_jwk]},
        "accounts_file": str(accounts_file), "ready_file": str(server.ready_file),
        "cookie_keys": ["test-cookie-key-1", "test-cookie-key-2"],
    })
    server._argv = [node, str(PROVIDER_SCRIPT), str(server.config_file)]
    server.start()
    return server
