"""The review report: takes a store (and gold), gives a static HTML site of scores,
page images with tables, cells and every fact outlined, and each miss at its place.
"""

from pipeline.report.data import read_store
from pipeline.report.folder import SiteFolderError
from pipeline.report.overlay import OverlaySettings, render_overlay
from pipeline.report.site import ReportSettings, write_report

__all__ = [
    "OverlaySettings",
    "ReportSettings",
    "SiteFolderError",
    "read_store",
    "render_overlay",
    "write_report",
]
