"""Sources: the PDFs a `kpi run SOURCE...` reads, from folders, globs and manifest files.

A SOURCE is one of:

- a folder: every `*.pdf` under it, at any depth;
- a glob (`archive/**/*.pdf`): the PDF files it matches;
- a file named `*.pdf`: that file, whatever it holds (a bad file becomes an error row);
- any other file: a manifest, UTF-8 text listing one PDF a line, relative to the
  manifest's folder; blank lines and lines starting with `#` are skipped.

A document is known by its absolute path as reached. Linked folders are never
entered (a link to a folder above would list its documents again, and two such
links would never end), and a file reached by two paths (a link to it, a SOURCE
given twice under different names) is one document, known by the first path in
order. Each SOURCE also has a scope: the
paths it would list if they existed. A stored document inside the scope of a
run that does not find it has disappeared, and the store marks it so; one
outside every scope belongs to another corpus and is left alone.
"""

import fnmatch
import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Literal

PDF_SUFFIX = ".pdf"
_GLOB_CHARACTERS = frozenset("*?[")

ScopeKind = Literal["folder", "glob", "file", "manifest"]


class SourceError(ValueError):
    """A SOURCE that cannot be used: it does not exist, or a manifest cannot be read."""


@dataclass(frozen=True)
class Scope:
    """What one SOURCE covers: a folder's tree, a glob's matches, or a list of paths."""

    kind: ScopeKind
    pattern: str
    listed: frozenset[str] = frozenset()

    def covers(self, key: str) -> bool:
        """Whether a document with this key would be listed by the SOURCE if it existed."""
        if self.kind == "folder":
            return is_pdf_name(key) and PurePath(key).is_relative_to(self.pattern)
        if self.kind == "glob":
            return is_pdf_name(key) and glob_matches(self.pattern, key)
        return key in self.listed


@dataclass(frozen=True)
class SourceSet:
    """The PDFs of a run, in path order, each once; manifest entries not found; the scopes."""

    paths: tuple[Path, ...]
    not_found: tuple[Path, ...]
    scopes: tuple[Scope, ...]
    warnings: tuple[str, ...] = ()

    def covers(self, key: str) -> bool:
        return any(scope.covers(key) for scope in self.scopes)


def is_pdf_name(path: str | PurePath) -> bool:
    return PurePath(path).suffix.lower() == PDF_SUFFIX


def is_glob(argument: str) -> bool:
    return any(character in _GLOB_CHARACTERS for character in argument)


def glob_matches(pattern: str, path: str) -> bool:
    """Whether a path matches an absolute glob, part by part as `glob.glob` would.

    `*` does not cross a `/`; a `**` part may stand for any number of folders; a
    wildcard matches a hidden name (`.x`) only when it starts with a dot itself.
    """
    return _parts_match(PurePath(path).parts, PurePath(pattern).parts)


def _parts_match(parts: Sequence[str], wanted: Sequence[str]) -> bool:
    if not wanted:
        return not parts
    if wanted[0] == "**":
        visible = next((i for i, part in enumerate(parts) if part.startswith(".")), len(parts))
        return any(_parts_match(parts[skip:], wanted[1:]) for skip in range(visible + 1))
    return (
        bool(parts) and _part_matches(parts[0], wanted[0]) and _parts_match(parts[1:], wanted[1:])
    )


def _part_matches(name: str, wanted: str) -> bool:
    if name.startswith(".") and is_glob(wanted) and not wanted.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, wanted)


def document_key(path: Path) -> str:
    """The store's key for a document: its absolute path, links not followed."""
    return os.path.abspath(path)


def folder_pdfs(folder: Path, depth: int | None = None) -> list[Path]:
    """Every PDF under a folder (at most `depth` folders down), linked folders not entered
    (a link loop would never end)."""
    found = []
    for root, folders, files in os.walk(folder):
        folders.sort()
        if depth is not None and len(Path(root).relative_to(folder).parts) >= depth:
            folders.clear()
        found += [Path(root, name) for name in sorted(files) if is_pdf_name(name)]
    return found


def read_manifest(manifest: Path) -> list[Path]:
    """The PDF paths a manifest lists, relative to its folder (an absolute path is taken
    as it is); a line that names no PDF makes the file no manifest, and nothing is read."""
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{manifest}: not a PDF name (*.pdf) and not a UTF-8 manifest ({error.reason})"
        ) from error
    except OSError as error:
        raise SourceError(f"{manifest}: cannot read the manifest ({error.strerror})") from error
    paths: list[Path] = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if not is_pdf_name(entry):  # a text file that is no manifest, or a manifest gone wrong
            raise SourceError(
                f"{manifest}: line {number} is not a PDF path ({entry[:60]!r}); a manifest "
                "lists PDF files (*.pdf), one a line, absolute or relative to its folder"
            )
        paths.append(manifest.parent / entry)
    return paths


@dataclass
class _Resolution:
    paths: list[Path]
    not_found: list[Path]
    scope: Scope
    warning: str | None = None


def _resolve_glob(pattern: str) -> _Resolution:
    """The PDFs a glob matches, found by walking from its last folder with no wildcard."""
    absolute = document_key(Path(pattern).expanduser())
    parts = PurePath(absolute).parts
    fixed = next(number for number, part in enumerate(parts) if is_glob(part))
    depth = None if "**" in parts[fixed:] else len(parts) - fixed - 1
    found = folder_pdfs(Path(*parts[:fixed]), depth)
    paths = [path for path in found if glob_matches(absolute, str(path))]
    warning = None if paths else f"{pattern}: the glob matches no PDF file"
    return _Resolution(paths, [], Scope("glob", absolute), warning)


def _resolve_manifest(manifest: Path) -> _Resolution:
    listed = [Path(document_key(entry)) for entry in read_manifest(manifest)]
    for entry in listed:
        if entry.is_dir():
            raise SourceError(f"{manifest}: lists a folder, not a PDF: {entry}")
    present = [entry for entry in listed if entry.is_file()]
    missing = [entry for entry in listed if not entry.is_file()]
    keys = frozenset(str(entry) for entry in listed)
    return _Resolution(present, missing, Scope("manifest", str(manifest), keys))


def _resolve_source(argument: str) -> _Resolution:
    """One SOURCE's PDFs, missing manifest entries and scope; SourceError when it is unusable."""
    if is_glob(argument):
        return _resolve_glob(argument)
    path = Path(document_key(Path(argument).expanduser()))
    if path.is_dir():
        return _Resolution(folder_pdfs(path), [], Scope("folder", str(path)))
    if not path.is_file():
        raise SourceError(f"{argument}: no such file or folder")
    if is_pdf_name(path):
        return _Resolution([path], [], Scope("file", str(path), frozenset({str(path)})))
    return _resolve_manifest(path)


def _unique(paths: Iterable[Path]) -> tuple[Path, ...]:
    return tuple(sorted(set(paths)))


def _one_path_a_file(paths: Iterable[Path]) -> tuple[Path, ...]:
    """The paths in order, each once, less those that reach a file an earlier path reaches."""
    first: dict[str, Path] = {}
    for path in _unique(paths):
        first.setdefault(os.path.realpath(path), path)
    return tuple(first.values())


def resolve_sources(arguments: Sequence[str]) -> SourceSet:
    """Every SOURCE resolved: the run's PDFs, each once, in path order."""
    resolutions = [_resolve_source(argument) for argument in arguments]
    paths = _one_path_a_file(path for resolution in resolutions for path in resolution.paths)
    not_found = _unique(path for resolution in resolutions for path in resolution.not_found)
    return SourceSet(
        paths=paths,
        not_found=not_found,
        scopes=tuple(resolution.scope for resolution in resolutions),
        warnings=tuple(r.warning for r in resolutions if r.warning is not None),
    )


@dataclass(frozen=True)
class SourceDocument:
    """A PDF as found by this run: its key, doc_id (the file stem), content hash and size.

    `content_hash` is the SHA-256 of the file's bytes when the run listed it; with
    the pipeline version and the settings fingerprint it decides whether a stored
    result still holds. The store keeps the hash the worker took of what it read.
    """

    key: str
    doc_id: str
    content_hash: str
    size_bytes: int


@dataclass(frozen=True)
class FileContent:
    """A file's bytes as read once: their SHA-256 and size, with the file's device, inode
    and modification time, which replacing or rewriting the file changes."""

    sha256: str
    size_bytes: int
    version: tuple[int, int, int]


def read_content(path: Path) -> FileContent | None:
    """Hash a regular file's bytes; None for one that cannot be read (gone, a dangling link,
    no permission) or is no regular file: a FIFO or a device, which is never read, as a read
    could block for ever."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None
        try:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
        except OSError:
            return None
        return FileContent(digest, file.tell(), (status.st_dev, status.st_ino, status.st_mtime_ns))


def read_source(path: Path) -> SourceDocument:
    """Hash one PDF's bytes as listed.

    A file that cannot be read gets no hash: it is never current, so it goes to a
    worker, whose ingest turns it into an `unreadable` error row.
    """
    content = read_content(path)
    digest, size = (content.sha256, content.size_bytes) if content else ("", 0)
    return SourceDocument(document_key(path), path.stem, digest, size)
