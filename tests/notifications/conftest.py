"""A real SMTP server for the e-mail tests: aiosmtpd in a process of its own on a free loopback port,
storing what it accepts in a Maildir that the tests read.

It runs outside the project folder: its dependency `atpublic` is a top-level module `public`, the
name of this project's app for applicants, which would shadow it on the project's path.
"""

import mailbox
import socket
import subprocess
import sys
import time
from email import message_from_bytes, policy

import pytest


class SmtpServer:
    def __init__(self, folder):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.folder = folder
        self.maildir = folder / "maildir"
        self.process = None

    def start(self):
        command = [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}", "-c", "aiosmtpd.handlers.Mailbox"]
        log = open(self.folder / "smtp.log", "ab")  # noqa: SIM115 - kept open by the server process
        self.process = subprocess.Popen([*command, str(self.maildir)], cwd=self.folder, stdout=log, stderr=log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError(f"the SMTP server did not start: {(self.folder / 'smtp.log').read_text(errors='replace')[-2000:]}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None

    @property
    def messages(self) -> list:
        """[(envelope recipients, parsed message)] in the order they arrived."""
        if not self.maildir.exists():
            return []
        box = mailbox.Maildir(self.maildir, create=False)
        found = []
        for key in box.keys():
            raw = box.get_bytes(key)
            message = message_from_bytes(raw, policy=policy.default)
            found.append((message["X-MailFrom"], [r.strip() for r in str(message["X-RcptTo"]).split(",")], message, key))
        box.close()
        found.sort(key=lambda item: (self.maildir / "new" / item[3]).stat().st_mtime_ns)
        return [(rcpt, message) for _sender, rcpt, message, _key in found]

    def clear(self):
        if self.maildir.exists():
            box = mailbox.Maildir(self.maildir, create=False)
            box.clear()
            box.close()


@pytest.fixture(scope="session")
def smtp_process_server(tmp_path_factory):
    server = SmtpServer(tmp_path_factory.mktemp("smtp"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_process_server, settings):
    """The app sends through the real SMTP server (pytest-django's default is the in-memory backend)."""
    if not smtp_process_server.running:
        smtp_process_server.start()
    smtp_process_server.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_process_server.port
    settings.EMAIL_TIMEOUT = 3
    settings.PROCESSDB_SITE_URL = "https://prozesse.example.org"
    yield smtp_process_server
    if not smtp_process_server.running:
        smtp_process_server.start()
