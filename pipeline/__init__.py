"""Reads Japanese municipal KPI reports into kpi-record/1 records and scores them against gold."""

__version__ = "0.1.0"
