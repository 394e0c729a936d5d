"""Uploaded files, stored once by their content's sha-256 under ``DATA/files/ab/abcdef…``, and the
rules an upload passes before it is stored: its type read from its bytes as well as its name, its
size, and for a .zip every member's name, size and count bounded (a zip bomb or a member named
``../../etc/passwd`` is refused, never unpacked)."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_UPLOAD = 50 * 1024 * 1024  # bytes of one uploaded file
MAX_MEMBERS = 500  # files in one .zip
MAX_MEMBER = 50 * 1024 * 1024  # bytes of one member once unpacked
MAX_UNPACKED = 200 * 1024 * 1024  # bytes of all members of one .zip once unpacked
MAX_RATIO = 200  # a member that unpacks to more than this many times its packed size is a bomb
MANUSCRIPT_SUFFIXES = frozenset({".docx", ".pdf", ".txt", ".md"})
# A manuscript's own files in a project .zip: LaTeX with its .bib and styles, or Markdown with its .bib
PROJECT_SUFFIXES = frozenset({".tex", ".bib", ".bst", ".cls", ".sty", ".bbl", ".md", ".markdown", ".txt", ".csl"})
PROSE_SUFFIXES = (".md", ".markdown", ".txt")
KINDS = ", ".join(sorted(MANUSCRIPT_SUFFIXES)) + ", or .zip (a .tex with its .bib, or a whole issue)"


class UploadError(ValueError):
    """An upload refused, with the reason the editor reads; ``wrong_type``: not a kind of file the
    desk reads (HTTP 415), rather than one of the right kind refused (400)."""

    def __init__(self, message: str, *, wrong_type: bool = False) -> None:
        super().__init__(message)
        self.wrong_type = wrong_type


@dataclass(frozen=True, slots=True)
class Upload:
    """One manuscript an upload brings: its name, its kind (".docx", ..., ".tex" for a LaTeX zip)
    and its bytes (for ".tex", the zip itself)."""

    filename: str
    kind: str
    data: bytes


def _looks_like(suffix: str, data: bytes) -> bool:
    """Whether the bytes are what the name says: Word and zip files are zips, PDFs say %PDF, text is
    text (no NUL byte in its first 64 KB)."""
    if suffix in (".docx", ".zip"):
        return data.startswith(b"PK\x03\x04")
    if suffix == ".pdf":
        return data[:1024].lstrip().startswith(b"%PDF-")
    return b"\x00" not in data[:65536]


def _safe_member(name: str) -> PurePosixPath | None:
    """A member's path inside the zip, or None for a hidden one or a folder; raises UploadError for
    one that would land outside the zip (absolute, with .., a drive letter): such a zip is refused."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or any(p in ("..", "") or ":" in p for p in path.parts):
        if name.endswith("/") and not path.is_absolute() and ".." not in path.parts:
            return None
        raise UploadError(f"the .zip names a file outside itself ({name[:100]!r}); refused")
    if name.endswith("/") or any(p.startswith(".") or p == "__MACOSX" for p in path.parts):
        return None
    return path


def _members(data: bytes) -> list[tuple[PurePosixPath, bytes]]:
    """The zip's regular files, each read with its size bounded (the header's size is the author's
    claim: the read is bounded again)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadError(f"not a readable .zip ({exc})") from exc
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UploadError(f"the .zip has {len(infos)} files; at most {MAX_MEMBERS} are taken")
    out: list[tuple[PurePosixPath, bytes]] = []
    total = 0
    for info in infos:
        if info.is_dir() or (info.external_attr >> 16) & 0o170000 == 0o120000:  # folders and symbolic links
            continue
        path = _safe_member(info.filename)
        if path is None:
            continue
        if info.file_size > MAX_MEMBER or info.file_size > max(info.compress_size, 1) * MAX_RATIO:
            raise UploadError(f"{info.filename}: unpacks to {info.file_size} bytes; refused as a zip bomb")
        total += info.file_size
        if total > MAX_UNPACKED:
            raise UploadError(f"the .zip unpacks to more than {MAX_UNPACKED // 2**20} MB")
        try:
            with archive.open(info) as member:
                body = member.read(MAX_MEMBER + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
            raise UploadError(f"{info.filename}: cannot be unpacked ({exc})") from exc
        if len(body) > MAX_MEMBER:
            raise UploadError(f"{info.filename}: unpacks to more than {MAX_MEMBER // 2**20} MB")
        out.append((path, body))
    return out


def uploads_from(filename: str, data: bytes) -> list[Upload]:
    """The manuscripts one uploaded file brings; raises UploadError with the reason when it brings none."""
    name = PurePosixPath(filename.replace("\\", "/")).name or "manuscript"
    suffix = PurePosixPath(name).suffix.lower()
    if len(data) > MAX_UPLOAD:
        raise UploadError(f"{name}: {len(data) // 2**20} MB; at most {MAX_UPLOAD // 2**20} MB a file")
    if not data:
        raise UploadError(f"{name}: the file is empty")
    if suffix not in MANUSCRIPT_SUFFIXES and suffix != ".zip":
        raise UploadError(f"{name}: not a manuscript citeguard reads (it reads {KINDS})", wrong_type=True)
    if not _looks_like(suffix, data):
        raise UploadError(f"{name}: the file's contents are not a {suffix} file", wrong_type=True)
    if suffix != ".zip":
        return [Upload(name, suffix, data)]
    members = _members(data)
    suffixes = {p.suffix.lower() for p, _ in members}
    if ".tex" in suffixes or (".bib" in suffixes and suffixes & set(PROSE_SUFFIXES)):
        return [Upload(name, ".zip", data)]  # one manuscript with its .bib: LaTeX, or Markdown
    found = [Upload(p.name, p.suffix.lower(), body) for p, body in members
             if p.suffix.lower() in MANUSCRIPT_SUFFIXES and _looks_like(p.suffix.lower(), body)]
    if not found:
        raise UploadError(f"{name}: the .zip holds no manuscript ({KINDS})")
    return found


def unpack_project(data: bytes, folder: Path) -> Path:
    """A project zip's manuscript files unpacked into ``folder``; returns the main file: the .tex with
    \\documentclass (else the only or first .tex), or for Markdown the largest .md (or .txt)."""
    texs: list[Path] = []
    prose: list[tuple[int, Path]] = []
    for path, body in _members(data):
        if path.suffix.lower() not in PROJECT_SUFFIXES:
            continue
        target = folder.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        if path.suffix.lower() == ".tex":
            texs.append(target)
        elif path.suffix.lower() in PROSE_SUFFIXES and path.name.lower().split(".")[0] not in ("readme", "license"):
            prose.append((len(body), target))
    if texs:
        mains = [t for t in texs if b"\\documentclass" in t.read_bytes()[:65536]]
        return sorted(mains or texs, key=lambda p: (len(p.parts), str(p)))[0]
    if prose:
        return max(prose, key=lambda x: (x[0], str(x[1])))[1]
    raise UploadError("the .zip holds no .tex or .md manuscript")


class FileStore:
    """Content-addressed files: the same manuscript uploaded twice is stored once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, digest: str) -> Path:
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            raise ValueError(f"not a sha-256: {digest!r}")
        return self.root / digest[:2] / digest

    def put(self, data: bytes) -> str:
        """Store ``data``; returns its sha-256. Written to a temporary file and renamed, so that a
        server killed mid-write leaves no half file under the final name."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists():
            return digest
        target.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".up-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, digest: str) -> bytes:
        return self.path(digest).read_bytes()

    def put_text(self, text: str) -> str:
        return self.put(text.encode("utf-8"))

    def get_text(self, digest: str) -> str:
        return self.get(digest).decode("utf-8")
