"""The review report: a static HTML site of a store's results, scored against gold.

`kpi report --store PATH --gold DIR --out DIR` writes:

- `index.html`: fact F1, precision and recall per document and over the set,
  per fact kind, and charts of each over the store's scored runs;
- `documents/<doc_id>.html`: each page of the document as an image with the
  tables and cells the layout stage finds and every fact outlined (matched,
  missed, extra), the records gold beside prediction, and every miss linked to
  its place on the page;
- `scores.json`: the scorecard, as `kpi score --json` writes it.

The scores are `kpi score`'s over the store's documents (`kpi run`'s
predictions) against the gold: the same functions, the same figures. Pages are
images and charts SVG files written beside the HTML, and the site carries its
own stylesheet and no script, so it opens from disk with no network.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from pipeline import __version__
from pipeline.batch import GoldSet, read_source
from pipeline.ingest import IngestError
from pipeline.model import RecordFile
from pipeline.report.charts import (
    Series,
    document_history,
    draw_history,
    kind_history,
    runs_of,
    set_history,
    worst_history,
)
from pipeline.report.data import DocumentResult, StoreView
from pipeline.report.document import Placer, page_entries, record_entries
from pipeline.report.folder import fresh_folder
from pipeline.report.pages import PageSheet, render_pages
from pipeline.score import (
    DocumentScore,
    Scorecard,
    ScoreSettings,
    document_json,
    dump_scorecard,
    review_document,
    score_set,
    scorecard_json,
)
from pipeline.text import known_units
from pipeline.understand import ExtractSettings

DOCUMENTS = "documents"


@dataclass(frozen=True)
class ReportSettings:
    """How the report is drawn; the scoring settings are `kpi score`'s defaults."""

    dpi: int = 96  # page images: enough to read a 7-point cell beside its outline
    layout: bool = True  # run the layout stage again to outline tables and cells
    worst: int = 10  # documents drawn in the summary's chart of documents over runs
    score: ScoreSettings = field(default_factory=ScoreSettings)

    def __post_init__(self) -> None:
        if not 36 <= self.dpi <= 300 or self.worst < 1:
            raise ValueError("dpi must lie in [36, 300] and worst be at least 1")


@dataclass(frozen=True)
class Report:
    """What was written: the summary page, a page per document, and what could not be shown."""

    index: Path
    documents: dict[str, Path]
    scorecard: Scorecard | None
    warnings: tuple[str, ...]


def score_store(view: StoreView, gold: GoldSet, settings: ScoreSettings) -> Scorecard:
    """`kpi score` of the store's predictions against the gold."""
    return score_set(gold.documents, view.predictions(), gold.twins, settings)


def file_name(doc_id: str) -> str:
    """A doc_id as one file name inside the site: a doc_id comes from a record file, which
    anyone may write (`../../x`), so no separator, no leading dot, nothing that climbs out."""
    name = _UNSAFE.sub("_", doc_id)
    return f"_{name}" if not name or name.startswith(".") else name


_UNSAFE = re.compile(r"[/\\\x00-\x1f]")


def document_href(doc_id: str) -> str:
    """A document page's address from the summary page (a doc_id is a file stem, any text)."""
    return f"{DOCUMENTS}/{quote(file_name(doc_id))}.html"


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("pipeline", "templates/report"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["figure"] = _figure
    environment.filters["quote"] = quote
    return environment


@dataclass
class SiteWriter:
    """Writes the site's files under `out`, from templates in `pipeline/templates/report`."""

    out: Path
    settings: ReportSettings
    environment: Environment = field(default_factory=_environment)

    def inside(self, name: str) -> Path:
        """The path of a file of the site; one that would lie outside `out` is refused."""
        target = self.out / name
        if not target.resolve().is_relative_to(self.out.resolve()):
            raise ValueError(f"{name}: would be written outside {self.out}")
        return target

    def write(self, name: str, template: str, **context: Any) -> Path:
        target = self.inside(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = self.environment.get_template(template).render(**context)
        target.write_text(text, encoding="utf-8")
        return target

    def chart(self, name: str, series: Series, title: str, least: int = 1) -> str | None:
        """Draw a chart of at least `least` runs; its path under `out`, or None."""
        if len(runs_of(series)) < least:
            return None
        draw_history(series, title, self.inside(name))
        return name

    def sheets(self, document: DocumentResult | None) -> tuple[list[PageSheet], list[str]]:
        """The document's pages drawn, or none and a note saying why."""
        if document is None:
            return [], ["Not in the store: no pages to show."]
        path = document.path
        if not path.is_file():
            return [], [f"{path} is not at hand: no pages to show."]
        if read_source(path).content_hash != document.content_hash:
            return [], [f"{path} has changed since it was read: run `kpi run` again."]
        layout = ExtractSettings().layout if self.settings.layout else None
        folder = self.inside(f"{DOCUMENTS}/{file_name(document.doc_id)}")
        try:
            return render_pages(path, folder, self.settings.dpi, layout), []
        except IngestError as error:
            return [], [f"The pages cannot be drawn: {error}"]


def _notes(document: DocumentResult | None, settings: ReportSettings) -> list[str]:
    """What a reader should know of how the outlines relate to the stored records."""
    if document is None or not settings.layout:
        return []
    if document.settings_fingerprint != ExtractSettings().fingerprint():
        return [
            "The records were read under other settings or another version than the tables and"
            " cells outlined here, which are this version's reading."
        ]
    return []


def _document_page(
    site: SiteWriter,
    view: StoreView,
    doc_id: str,
    gold: RecordFile | None,
    score: DocumentScore | None,
) -> Path:
    stored = view.by_doc_id.get(doc_id)
    pred = stored.record_file if stored else None
    sheets, notes = site.sheets(stored)
    reviews = review_document(gold, pred, site.settings.score)
    records = record_entries(reviews, Placer.of(sheets, pred, known_units()))
    name = file_name(doc_id)
    history = site.chart(
        f"{DOCUMENTS}/{name}/history.svg",
        document_history(view.runs, doc_id),
        f"{doc_id}: facts as each run scored them",
        least=2,  # one run's figures are the headline above the chart
    )
    return site.write(
        f"{DOCUMENTS}/{name}.html",
        "document.html",
        root="../",
        doc_id=doc_id,
        folder=name,
        stored=stored,
        pred=pred,
        gold=gold,
        score=document_json(score) if score else None,
        records=records,
        misses=[f for r in records for f in r.facts if f.status in ("missed", "extra")],
        pages=page_entries(records, sheets),
        notes=[*notes, *_notes(stored, site.settings)],
        history=quote(f"{name}/history.svg") if history else None,
        tables=(pred.model_extra or {}).get("tables", []) if pred else [],
        warnings=(pred.model_extra or {}).get("warnings", []) if pred else [],
    )


def _gold_of(score: DocumentScore, gold: GoldSet) -> RecordFile | None:
    return gold.documents[score.gold_doc_id] if score.gold_doc_id is not None else None


def _document_pages(
    site: SiteWriter, view: StoreView, gold: GoldSet | None, scorecard: Scorecard | None
) -> dict[str, Path]:
    """A page per scored document and per extracted document of the store."""
    pages: dict[str, Path] = {}
    if gold is not None and scorecard is not None:
        for score in scorecard.documents:
            gold_file = _gold_of(score, gold)
            pages[score.doc_id] = _document_page(site, view, score.doc_id, gold_file, score)
    for stored in view.documents:
        if stored.record_file is not None and stored.doc_id not in pages:
            pages[stored.doc_id] = _document_page(site, view, stored.doc_id, None, None)
    return pages


def _summary_charts(site: SiteWriter, view: StoreView) -> list[str]:
    charts = [
        site.chart(
            "charts/set.svg", set_history(view.runs), "All documents: facts as each run scored them"
        ),
        site.chart(
            "charts/kinds.svg", kind_history(view.runs), "Fact F1 per kind as each run scored it"
        ),
        site.chart(
            "charts/documents.svg",
            worst_history(view.runs, site.settings.worst),
            f"Fact F1 of the {site.settings.worst} lowest documents of the last scored run",
        ),
    ]
    return [chart for chart in charts if chart is not None]


def write_report(
    view: StoreView,
    gold: GoldSet | None,
    out: Path,
    settings: ReportSettings | None = None,
    force: bool = False,
) -> Report:
    """Write the site for a store into `out`, in place of what was there; with gold, scored
    as `kpi score` scores. SiteFolderError for an `out` holding other files, unless `force`."""
    with fresh_folder(out, force) as folder:
        written = _write_site(view, gold, SiteWriter(folder, settings or ReportSettings()))
    documents = {
        doc_id: out / path.relative_to(folder) for doc_id, path in written.documents.items()
    }
    return dataclasses.replace(written, index=out / written.index.name, documents=documents)


def _write_site(view: StoreView, gold: GoldSet | None, site: SiteWriter) -> Report:
    scorecard = score_store(view, gold, site.settings.score) if gold else None
    documents = _document_pages(site, view, gold, scorecard)
    if scorecard is not None:
        site.inside("scores.json").write_text(dump_scorecard(scorecard), encoding="utf-8")
    site.write("report.css", "report.css")
    index = site.write(
        "index.html",
        "summary.html",
        root="",
        view=view,
        gold=gold,
        scores=scorecard_json(scorecard) if scorecard else None,
        documents=documents,
        charts=_summary_charts(site, view),
        last_scored=next((run for run in reversed(view.runs) if run.scores), None),
        href=document_href,
        generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        version=__version__,
    )
    warnings = [*view.warnings, *(gold.warnings if gold else ())]
    return Report(index, documents, scorecard, tuple(warnings))
