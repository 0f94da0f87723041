"""Text as reports print it, read into values: the contract's normalization, numbers and
their repairs, quantities with units and marks, years in every era form, fugashi tokens,
and the vocabulary of `models/`. Takes strings, gives strings and typed values; imports
no stage.
"""

from pipeline.text.normalize import (
    JAPANESE_LETTERS,
    fold,
    join_wrapped_lines,
    normalize_grade,
    normalize_text,
)
from pipeline.text.numbers import (
    NUMBER,
    PRINTED_VALUE,
    UNIT_MULTIPLIERS,
    fold_value_text,
    number_value,
    repair_numbers,
)
from pipeline.text.quantities import (
    CellValue,
    Quantity,
    Wording,
    is_printed_unit,
    is_unit,
    parse_cell,
    stated_values,
    value_marks,
)
from pipeline.text.vocabulary import MODELS, header_fields, known_units
from pipeline.text.years import (
    ERA_FIRST_YEARS,
    FiscalYear,
    document_era,
    find_years,
    is_year_text,
    parse_year,
    unprinted_era,
    year_spans,
)

__all__ = [
    "ERA_FIRST_YEARS",
    "JAPANESE_LETTERS",
    "MODELS",
    "NUMBER",
    "PRINTED_VALUE",
    "UNIT_MULTIPLIERS",
    "CellValue",
    "FiscalYear",
    "Quantity",
    "Wording",
    "document_era",
    "find_years",
    "fold",
    "fold_value_text",
    "header_fields",
    "is_printed_unit",
    "is_unit",
    "is_year_text",
    "join_wrapped_lines",
    "known_units",
    "normalize_grade",
    "normalize_text",
    "number_value",
    "parse_cell",
    "parse_year",
    "repair_numbers",
    "stated_values",
    "unprinted_era",
    "value_marks",
    "year_spans",
]
