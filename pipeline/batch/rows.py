"""The store's `records` and `facts` rows of one kpi-record/1 file, read as plain JSON:
the store flattens what the worker sent without validating the model a second time."""

from typing import Any


def record_rows(key: str, record_file: dict[str, Any]) -> tuple[list[tuple[Any, ...]], ...]:
    """The records and facts tables' rows for one kpi-record/1 file, read as plain JSON."""
    records, facts = [], []
    for record_no, record in enumerate(record_file["records"], start=1):
        records.append(
            (
                key,
                record_no,
                record["page"],
                record.get("program"),
                record["indicator"],
                record.get("unit"),
                record.get("direction"),
                len(record["facts"]),
            )
        )
        facts += [
            (key, record_no, fact_no, *fact_columns(fact))
            for fact_no, fact in enumerate(record["facts"], start=1)
        ]
    return records, facts


def fact_columns(fact: dict[str, Any]) -> tuple[Any, ...]:
    source = fact.get("source") or {}
    box = source.get("bbox") or (None, None, None, None)
    return (
        fact["kind"],
        fact.get("fy"),
        fact.get("value"),
        fact.get("text"),
        bool(fact.get("cumulative")),
        bool(fact.get("estimated")),
        fact.get("confidence"),
        source.get("page"),
        *box,
        source.get("text"),
    )
