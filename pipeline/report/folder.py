"""The folder a site is written into: fresh each time, put in place of the old one when done.

A site written over an older one would keep the older one's pages and scores
where this one has none, and a reader could not tell them apart. So a site is
written into a new folder beside `--out` and renamed into place: a reader sees
the old site or the new one (for the moment between two renames, neither), never
a mixture, and a failure leaves the old one.
A folder that holds files but no site of this command's is someone's other
work: it is replaced only when asked (`force`).
"""

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline import __version__

# Written last into every site: a folder holding it is a site this command may replace.
MARKER = ".kpi-report"


class SiteFolderError(ValueError):
    """An output folder that holds other files than a site, given without `force`."""


def _holds_other_files(out: Path) -> bool:
    return out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file()


@contextmanager
def fresh_folder(out: Path, force: bool = False) -> Iterator[Path]:
    """A new, empty folder beside `out` to write a site into; on leaving, it replaces `out`.

    Raises SiteFolderError, before anything is written, for an `out` holding files
    that are not a site, unless `force`. On an exception the new folder is removed
    and `out` is left as it was.
    """
    if _holds_other_files(out) and not force:
        raise SiteFolderError(
            f"{out} holds files that are not a kpi report: give --force to replace it"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kpi-report-", dir=out.parent))
    try:
        yield staging
        (staging / MARKER).write_text(f"kpi {__version__}\n", encoding="utf-8")
        _replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _replace(new: Path, out: Path) -> None:
    """Rename `new` to `out`, the old `out` moved aside first and removed after."""
    if not out.exists() and not out.is_symlink():
        new.rename(out)
        return
    old = out.with_name(f".kpi-report-old-{secrets.token_hex(4)}")
    out.rename(old)
    try:
        new.rename(out)
    except OSError:
        old.rename(out)
        raise
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old)
    else:
        old.unlink()
