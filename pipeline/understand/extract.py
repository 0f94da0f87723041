"""One document in, one kpi-record/1 file out: layout, header mapping, records, merged.

The per-document function every runner calls (`kpi extract`, the batch). It
reads the document's tables, joins those continued over pages, maps their
headers, assembles records in each table shape and from prose statements,
merges an indicator printed twice (rule 9), and says what it could not read.
"""

import dataclasses
import datetime
import errno
import hashlib
import json
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.ingest import IngestError
from pipeline.layout import (
    ContinuationSettings,
    LayoutSettings,
    PageLayout,
    join_continued,
    layout_document,
    page_lines,
    upright,
)
from pipeline.model import (
    FORMAT,
    DocumentInfo,
    Fact,
    Issue,
    Record,
    RecordFile,
    dump_record_file,
    write_atomic,
)
from pipeline.text import MODELS, document_era, unprinted_era
from pipeline.understand.blocks import block_records
from pipeline.understand.forms import form_caption, form_heading, form_records, sheet_words
from pipeline.understand.headings import (
    Caption,
    Heading,
    caption_above,
    heading_above,
    municipality,
    title,
    titled_tables,
)
from pipeline.understand.keyed import KeyedName, keyed_names, keyed_records
from pipeline.understand.levels import add_stated_levels
from pipeline.understand.lists import list_records
from pipeline.understand.paired import paired_records
from pipeline.understand.progress import progress_records, progress_year
from pipeline.understand.reading import KpiTable, read_table
from pipeline.understand.rows import prose_records, row_records
from pipeline.understand.series import kind_row_records, year_records
from pipeline.understand.settings import DocumentContext, UnderstandSettings
from pipeline.understand.statements import statement_records
from pipeline.understand.values import totals_by_note


@dataclass(frozen=True)
class ExtractSettings:
    """Everything a document's records depend on besides the file and `models/`."""

    layout: LayoutSettings = field(default_factory=LayoutSettings)
    continuation: ContinuationSettings = field(default_factory=ContinuationSettings)
    understand: UnderstandSettings = field(default_factory=UnderstandSettings)

    def fingerprint(self) -> str:
        """A stable hash of the settings, the pipeline version, the vocabulary of `models/` and the
        Tesseract that OCR runs (its version and language data)."""
        digest = hashlib.sha256()
        digest.update(__version__.encode())
        digest.update(json.dumps(dataclasses.asdict(self), sort_keys=True, default=str).encode())
        digest.update(self.layout.ocr.engine.signature().encode())
        for path in sorted(MODELS.rglob("*")):
            if path.is_file() and path.suffix != ".md":  # what the pipeline reads, not notes
                digest.update(path.relative_to(MODELS).as_posix().encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()


@dataclass(frozen=True)
class Extraction:
    """A document's records, what went wrong on the way, and how many pages were read."""

    record_file: RecordFile
    warnings: tuple[Issue, ...]
    pages: int


def _fact_key(fact: Fact) -> tuple[Any, ...]:
    return (fact.kind, fact.fy, fact.cumulative, fact.estimated, fact.value, fact.text)


def _targeted(names: dict[str, KeyedName], found: list[Record]) -> dict[str, KeyedName]:
    """The keyed names, those the naming table gave a record marked as having their target."""
    recorded = {record.indicator for record in found}
    return {
        key: dataclasses.replace(name, targeted=name.name in recorded)
        for key, name in names.items()
    }


def merge_records(records: Iterable[Record]) -> list[Record]:
    """One record per indicator of a program, holding the facts of each printing once (rule 9).

    A printing that names no program is the same indicator as the one printing of it
    that does (a detail table beside the summary that names the program); where two
    programs hold the indicator, it stays a record of its own. The record's page is the
    first the indicator is printed on, in a table, a list or prose.
    """
    merged: dict[tuple[str, str], Record] = {}
    for record in _with_known_programs(list(records)):
        key = (record.program or "", record.indicator)
        if key not in merged:
            merged[key] = record
            record.facts = _once(record.facts, set())
            continue
        kept = merged[key]
        kept.facts = _dated_once(kept.facts + record.facts)
        kept.page = min(kept.page, record.page)
        kept.unit = kept.unit or record.unit
        kept.direction = kept.direction or record.direction
    return list(merged.values())


def _dated_once(facts: list[Fact]) -> list[Fact]:
    """Two printings' facts, each once: a figure one prints with no year (計画策定時 0.90)
    and the other with its year (基準値(平成26年度) 0.90) is one fact, of that year."""
    dated = {_undated_key(f) for f in facts if f.fy is not None}
    kept = [f for f in facts if f.fy is not None or _undated_key(f) not in dated]
    return _once(kept, set())


def _undated_key(fact: Fact) -> tuple[Any, ...]:
    """A fact's key without its year."""
    key = _fact_key(fact)
    return key[:1] + key[2:]


def _not_in_tables(read: list[Record], tables: list[Record]) -> list[Record]:
    """The records read from text lines but those restating a table's KPI, fact for fact
    (a summary list of the table's indicators under a heading of its own): the table's
    reading, with its heading, is that KPI's."""

    def stated(record: Record) -> tuple[str, frozenset[tuple[Any, ...]]]:
        return record.indicator, frozenset(_fact_key(fact) for fact in record.facts)

    known = {stated(record) for record in tables}
    return [record for record in read if stated(record) not in known]


def _once(facts: Iterable[Fact], seen: set[tuple[Any, ...]]) -> list[Fact]:
    """The facts not seen yet, each once; `seen` takes their keys."""
    kept = []
    for fact in facts:
        key = _fact_key(fact)
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept


def _with_known_programs(records: list[Record]) -> list[Record]:
    """Records without a program given the program of the one record that names it."""
    programs: dict[str, set[str]] = {}
    for record in records:
        if record.program:
            programs.setdefault(record.indicator, set()).add(record.program)
    for record in records:
        known = programs.get(record.indicator, set())
        if record.program is None and len(known) == 1:
            record.program = next(iter(known))
    return records


def _table_report(table: KpiTable, records: int) -> dict[str, Any]:
    """How a table was read: the layout's quality report, each column's field and
    confidence, the unmapped ones, and how many records it gave."""
    quality = table.first.quality
    return {
        "page": table.first.page,
        "bbox": list(table.first.bbox),
        "pages": table.run.pages,
        "strategy": table.first.strategy,
        "quality": {
            "accuracy": round(quality.accuracy, 3),
            "whitespace": round(quality.whitespace, 3),
            "score": round(quality.score, 3),
        },
        "records": records,
        "header_rows": table.header_rows,
        "columns": [
            {
                "header": column.header,
                "field": column.field.field,
                "confidence": column.field.confidence,
                "year": column.field.year.fy if column.field.year else None,
            }
            for column in table.columns
        ],
        "unmapped": table.unmapped(),
    }


def _nearer(heading: Heading | None, boxed: Heading | None) -> Heading | None:
    """The program heading printed nearer above the table: a line, or a form's box below it."""
    if heading is None or boxed is None:
        return heading or boxed
    later = (boxed.page, boxed.bbox[1]) > (heading.page, heading.bbox[1])
    return boxed if later else heading


def _without(page: PageLayout, tables: set[int]) -> PageLayout:
    return dataclasses.replace(page, tables=[t for t in page.tables if id(t) not in tables])


def extract_document(path: Path, settings: ExtractSettings | None = None) -> Extraction:
    """The kpi-record/1 file of one PDF. Raises IngestError for a file that cannot be read."""
    settings = settings or ExtractSettings()
    layout = layout_document(path, settings.layout)
    warnings = list(layout.warnings)
    records: list[Record] = []
    reports: list[dict[str, Any]] = []
    lines = page_lines(layout.pages)
    era = document_era(word.text for page in layout.pages for word in page.words)
    if era is None:  # words split `(26年度)` apart; cells and lines keep it whole
        printed = [cell.text for table in layout.tables for cell in table.cells]
        printed += [line.text for page in lines.values() for line in page]
        era = unprinted_era(printed, datetime.date.today().year)
    context = DocumentContext(settings.understand, era)
    by_number = {page.page.number: page for page in layout.pages}
    titled = title(lines) or (title(titled_tables(layout.pages[0])) if layout.pages else None)
    stated = progress_year(titled, era)  # a progress report's year, for years alone
    boxed: Heading | None = None  # the program a form of labels above names
    named: Caption | None = None  # the indicator a form of labels above names, no target
    sheet: Record | None = None  # the record of that indicator, for the sheet's later boxes
    keys: dict[str, KeyedName] = {}  # indicators a table names by key, for a grid below
    unread: set[int] = set()  # stream tables that gave no record
    for run in join_continued(layout.pages, settings.continuation):
        table = read_table(run, context)
        first = run.parts[0]
        seen = dataclasses.replace(first, bbox=upright(first, by_number[first.page]))
        heading = heading_above(seen, lines, settings.understand)
        if boxed is not None and first.page - boxed.page > settings.understand.heading_pages:
            boxed = None
        heading = _nearer(heading, boxed)
        caption = caption_above(seen, lines, settings.understand)
        if named is not None and named.page == first.page:
            caption = caption or named  # the indicator a form above names, for its grid
        found = row_records(table, heading) + year_records(table, heading)
        found += kind_row_records(table, heading, caption)
        if not found:
            found = progress_records(table, heading, caption, stated)
        if not found:
            found = keyed_records(table, keys, heading)
        if not found:
            found = paired_records(table, heading)
        keys = _targeted(keyed_names(table), found) or keys
        if not found:
            found = form_records(first, heading, context)
        if not found and sheet is not None and sheet.page == first.page:
            sheet.facts += sheet_words(first, context)  # a later box of the sheet
        elif not found:
            boxed = form_heading(first, context) or boxed
            named = form_caption(first, context) or named
        else:
            sheet = found[-1] if named is not None and caption is named else None
            named = None
        found += prose_records(table, heading)
        if not found and first.strategy == "stream":
            unread.update(id(part) for part in run.parts)
        reports.append(_table_report(table, len(found)))
        if found:
            unmapped = ", ".join(table.unmapped())
            if unmapped:
                message = f"headers mapped to no field: {unmapped}"
                page = table.first.page
                warnings.append(Issue("warning", "unmapped-headers", "understand", message, page))
        records += found
    # Stream found a table where a page's text is only aligned; read as nothing, it is text.
    reread = [page for page in layout.pages if any(id(t) in unread for t in page.tables)]
    text = {**lines, **page_lines([_without(page, unread) for page in reread])}
    in_text = list_records(text, context) + statement_records(text, context)
    in_text += block_records(text, context)
    records += _not_in_tables(in_text, records)
    if not records:
        message = f"no KPI record found in {len(layout.pages)} pages"
        warnings.append(Issue("warning", "no-records", "understand", message))
    merged = merge_records(records)
    add_stated_levels(text, merged, context)
    totals_by_note(merged, [line.text for page in text.values() for line in page])
    document = DocumentInfo(
        doc_id=path.stem,
        source=path.name,
        municipality=municipality(layout.pages, lines),
        title=titled,
    )
    record_file = RecordFile.model_validate(
        {
            "format": FORMAT,
            "document": document,
            "records": merged,
            "pipeline": {"version": __version__, "fingerprint": settings.fingerprint()},
            "tables": reports,
            "warnings": [issue.as_json() for issue in warnings],
        }
    )
    return Extraction(record_file, tuple(warnings), len(layout.pages))


def try_extract(path: Path, settings: ExtractSettings) -> Extraction | Issue:
    """`extract_document`, or the error that stopped it: an ingest code for a file that
    cannot be read, `extraction-failed` with its traceback for a fault while reading it."""
    try:
        return extract_document(path, settings)
    except IngestError as error:
        return Issue("error", error.code, "ingest", str(error))
    except Exception as error:  # a bug on one document must not stop the others
        message = f"{type(error).__name__}: {error}"
        detail = traceback.format_exc()
        return Issue("error", "extraction-failed", "extract", message, detail=detail)


@dataclass(frozen=True)
class Written:
    """What `extract_to` left in the output directory for one document."""

    path: Path
    records: int = 0
    facts: int = 0
    warnings: tuple[Issue, ...] = ()
    error: str | None = None


def extract_to(pdf: Path, out_dir: Path, settings: ExtractSettings) -> Written:
    """Extract one PDF into `out_dir/<doc_id>.json`, or `<doc_id>.error.json` saying why not.

    Each file is written whole or not at all; a stale result of the other kind is
    removed, so the directory never shows an old record file as this run's. A file
    that cannot be written (a name too long, a full disk) fails this document only,
    with `write-failed`.
    """
    result = out_dir / f"{pdf.stem}.json"
    error_file = out_dir / f"{pdf.stem}.error.json"
    extraction = try_extract(pdf, settings)
    if isinstance(extraction, Issue):
        return _failed(pdf, result, error_file, extraction.code, extraction.message)
    try:
        write_atomic(result, dump_record_file(extraction.record_file))
        _remove(error_file)
    except OSError as error:
        message = f"cannot write {result.name}: {error.strerror or error}"
        return _failed(pdf, result, error_file, "write-failed", message)
    records = extraction.record_file.records
    return Written(result, len(records), fact_count(records), extraction.warnings)


def _failed(pdf: Path, result: Path, error_file: Path, code: str, message: str) -> Written:
    """The error file of a document that failed; where it cannot be written, the message
    says so too, since the caller's report is then the only trace of the failure."""
    report = {"doc_id": pdf.stem, "source": pdf.name, "error": code, "message": message}
    try:
        _remove(result)
        write_atomic(error_file, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        unwritten = f"; no error file written: {error.strerror or error}"
        return Written(error_file, error=f"{code}: {message}{unwritten}")
    return Written(error_file, error=f"{code}: {message}")


def _remove(path: Path) -> None:
    """Remove a stale result; a name too long for the file system names no file to remove."""
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        if error.errno != errno.ENAMETOOLONG:
            raise


def fact_count(records: Sequence[Record]) -> int:
    return sum(len(record.facts) for record in records)
