"""Reading and writing the files of a content pack: a folder or a zip, bounded against hostile input.

A pack is untrusted: reading it is bounded (size, member count, compression ratio), never
follows a link and never resolves a path outside the pack. What is wrong is collected as
problems with their place (departments.packs reads the YAML and checks the content).
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

PACK_FILE = "pack.yaml"  # at the top of every pack

# Limits against hostile packs: a zip bomb, a pack of a million files.
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 100  # uncompressed : compressed, per member
RATIO_FROM_BYTES = 64 * 1024  # tiny files may compress better; they cannot blow anything up
_READ_CHUNK = 64 * 1024
# Fixed time of every zip member: the same content gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Problem:
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class PackRefused(Exception):
    """The pack cannot be imported; ``problems`` lists every reason with its place."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = list(problems)


# --- Reading the files of a pack -------------------------------------------------------------


def unsafe_path(name: str) -> str | None:
    """Why a member path may not be used (leaves the pack, absolute, odd), or None."""
    if not name or "\\" in name or "\x00" in name:
        return "ungültiger Pfad"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "absoluter Pfad verlässt das Paket"
    if any(part == ".." for part in name.split("/")):
        return "Pfad mit „..“ verlässt das Paket"
    return None


def _strip_common_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """A zip made of a folder holds ``<folder>/pack.yaml``: read it as if the folder were the root."""
    if PACK_FILE in files or not files:
        return files
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1 and all("/" in name for name in files):
        top = tops.pop()
        return {name[len(top) + 1 :]: content for name, content in files.items()}
    return files


def read_zip(path: Path) -> dict[str, bytes]:
    """The files of a zip pack by their path inside it. Raises PackRefused."""
    where = path.name
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise PackRefused([Problem(where, f"keine lesbare ZIP-Datei (beschädigt oder abgeschnitten: {error})")]) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise PackRefused([Problem(where, f"zu viele Dateien ({len(members)}, höchstens {MAX_MEMBERS})")])
        declared = sum(member.file_size for member in members)
        if declared > MAX_TOTAL_BYTES:
            raise PackRefused(
                [Problem(where, f"entpackt zu groß ({declared} Bytes, höchstens {MAX_TOTAL_BYTES}) – vermutlich eine ZIP-Bombe")]
            )
        total = 0
        for member in members:
            name = member.filename
            place = f"{where}: {name}"
            reason = unsafe_path(name)
            if reason is None and name in files:
                reason = "kommt im ZIP doppelt vor"
            if reason:
                problems.append(Problem(place, reason))
                continue
            if stat.S_ISLNK(member.external_attr >> 16):
                problems.append(Problem(place, "symbolische Verknüpfungen sind in Paketen nicht erlaubt"))
                continue
            if member.is_dir():
                continue
            if member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                problems.append(
                    Problem(place, f"Kompressionsrate über {MAX_RATIO}:1 – möglicherweise eine ZIP-Bombe")
                )
                continue
            try:
                content = _read_member(archive, member, budget=MAX_TOTAL_BYTES - total)
            except _TooLarge:
                problems.append(Problem(place, f"entpackt größer als angegeben oder über {MAX_TOTAL_BYTES} Bytes insgesamt"))
                break
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError, NotImplementedError) as error:
                problems.append(Problem(place, f"nicht lesbar (beschädigt oder abgeschnitten: {error})"))
                continue
            total += len(content)
            files[name] = content
    if problems:
        raise PackRefused(problems)
    return _strip_common_folder(files)


class _TooLarge(Exception):
    pass


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, budget: int) -> bytes:
    """Read a member without trusting its declared size: stop beyond it or beyond the budget."""
    limit = min(member.file_size, budget)
    buffer = io.BytesIO()
    with archive.open(member) as stream:
        while chunk := stream.read(_READ_CHUNK):
            buffer.write(chunk)
            if buffer.tell() > limit:
                raise _TooLarge
    return buffer.getvalue()


def read_folder(path: Path) -> dict[str, bytes]:
    """The files of a pack folder by their path inside it; links are refused, not followed."""
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    total = 0
    for folder, dirnames, filenames in os.walk(path, followlinks=False):
        folder_path = Path(folder)
        for name in sorted(dirnames + filenames):
            full = folder_path / name
            relative = full.relative_to(path).as_posix()
            if full.is_symlink():
                problems.append(Problem(relative, "symbolische Verknüpfungen sind in Paketen nicht erlaubt"))
                if name in dirnames:
                    dirnames.remove(name)
                continue
            if name in dirnames:
                continue
            if not full.is_file():
                problems.append(Problem(relative, "keine gewöhnliche Datei"))
                continue
            if len(files) >= MAX_MEMBERS:
                raise PackRefused([*problems, Problem(str(path), f"zu viele Dateien (höchstens {MAX_MEMBERS})")])
            size = full.stat().st_size
            total += size
            if total > MAX_TOTAL_BYTES:
                raise PackRefused([*problems, Problem(str(path), f"zu groß (höchstens {MAX_TOTAL_BYTES} Bytes)")])
            files[relative] = full.read_bytes()
    if problems:
        raise PackRefused(problems)
    return files


def read_files(path: Path) -> dict[str, bytes]:
    path = Path(path)
    if path.is_symlink():
        raise PackRefused([Problem(str(path), "symbolische Verknüpfungen sind nicht erlaubt")])
    if path.is_dir():
        return read_folder(path)
    if path.is_file():
        return read_zip(path)
    raise PackRefused([Problem(str(path), "weder Ordner noch Datei gefunden")])


def write(files: dict[str, bytes], target: Path) -> None:
    """Write the files as a zip (target ends in .zip) or into a new or empty folder."""
    target = Path(target)
    if target.suffix.lower() == ".zip":
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, wherever it is made
                info.external_attr = 0o644 << 16
                archive.writestr(info, files[name], compresslevel=9)
        return
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} existiert und ist kein leerer Ordner")
    for name in sorted(files):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
