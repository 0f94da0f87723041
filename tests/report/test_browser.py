"""The review report opened in headless Chromium, as an evaluator opens it: from disk.

Chromium is Debian's (`scripts/setup.sh` installs it), driven by Playwright
with that executable: Playwright's own browser download is never used. Each
page must load with no console error (a missing image or stylesheet is one);
the summary must show `kpi score`'s fact F1; the prediction removed from the
store must show as a missed fact on its page, at the cell that prints it; a
screenshot of each is written to `test-artifacts/report/`.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

ARTIFACTS = Path(os.environ.get("KPI_TEST_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts"))
# Chromium's background services would try the network this machine does not have.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is not installed: run scripts/setup.sh (apt package `chromium`)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OpenedPage:
    """A page of the site loaded in Chromium, with every console error and page error it gave."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.goto(path.as_uri(), wait_until="load")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def screenshot(self, name: str) -> Path:
        target = ARTIFACTS / "report" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=target, full_page=True)
        return target


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[[Path], OpenedPage]]:
    opened: list[OpenedPage] = []

    def open_(path: Path) -> OpenedPage:
        opened.append(OpenedPage(browser, path))
        return opened[-1]

    yield open_
    for page in opened:
        page.page.close()


def _score_total_f1(output: str) -> str:
    """The fact F1 of `kpi score`'s total row (the third figure from its end)."""
    total = next(line for line in output.splitlines() if line.startswith("total "))
    return total.split()[-3]


def test_the_summary_loads_cleanly_and_shows_kpi_scores_fact_f1(
    site: Path,
    gold: Path,
    stored_predictions: Path,
    kpi: Callable[..., Result],
    open_page: Callable[[Path], OpenedPage],
) -> None:
    scored = kpi("score", "--gold", gold, "--pred", stored_predictions)
    assert scored.exit_code == 0, scored.output
    summary = open_page(site / "index.html")
    summary.screenshot("summary.png")
    assert summary.errors == []
    assert summary.page.inner_text("#fact-f1") == _score_total_f1(scored.output)
    assert summary.page.inner_text("#total .fact-f1") == _score_total_f1(scored.output)
    charts = summary.page.locator("figure.chart img")
    assert charts.count() == 3
    for index in range(charts.count()):
        assert charts.nth(index).evaluate("image => image.naturalWidth") > 0


def test_every_document_page_loads_with_no_console_error(
    site: Path, open_page: Callable[[Path], OpenedPage]
) -> None:
    summary = open_page(site / "index.html")
    links = summary.page.locator("#documents a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 2
    for href in hrefs:
        assert href is not None
        document = open_page(site / href)
        assert document.errors == [], href
        images = document.page.locator("svg.sheet image")
        for index in range(images.count()):
            loaded = images.nth(index).evaluate(
                "image => image.getBBox().width > 0 && image.href.baseVal.length > 0"
            )
            assert loaded, href


def test_the_removed_prediction_shows_as_a_missed_fact_on_its_page(
    site: Path, report_store, open_page: Callable[[Path], OpenedPage]
) -> None:
    removed = report_store.removed
    document = open_page(site / "documents" / f"{removed.doc_id}.html")
    assert document.errors == []
    value = str(removed.fact["value"])
    misses = document.page.locator("li.miss.missed")
    assert misses.count() == 1
    miss = misses.first
    assert miss.get_attribute("data-page") == str(removed.page)
    assert f"{removed.fact['kind']} fy={removed.fact['fy']} {value}" in miss.inner_text()

    miss.locator("a").first.click()
    target = document.page.locator(":target")
    assert target.get_attribute("class") == "fact missed"
    page_section = target.locator("xpath=ancestor::section[contains(@class, 'page')]")
    assert page_section.get_attribute("data-page") == str(removed.page)
    box = [float(target.get_attribute(name) or "nan") for name in ("x", "y", "width", "height")]
    x0, y0, x1, y1 = removed.fact["source"]["bbox"]
    centre = (box[0] + box[2] / 2, box[1] + box[3] / 2)
    assert x0 <= centre[0] <= x1 and y0 <= centre[1] <= y1
    assert target.evaluate("rect => getComputedStyle(rect).strokeWidth") == "6px"
    document.screenshot(f"{removed.doc_id}-missed.png")
