"""Understanding: takes a document's tables and free lines, gives kpi-record/1 records:
header rows mapped to fields with confidence, values read from every cell, programs from
headings, KPI statements from prose, an indicator printed twice merged into one record.
`extract_to` runs a document through every stage, in order.
"""

from pipeline.understand.extract import (
    Extraction,
    ExtractSettings,
    extract_to,
    try_extract,
)
from pipeline.understand.settings import UnderstandSettings
from pipeline.understand.settings_file import SettingsFileError, load_settings, settings_toml

__all__ = [
    "ExtractSettings",
    "Extraction",
    "SettingsFileError",
    "UnderstandSettings",
    "extract_to",
    "load_settings",
    "settings_toml",
    "try_extract",
]
