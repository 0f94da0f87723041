"""The typed spine every stage passes on: words and boxes (`geometry`), grids built from
ruling (`grid`), tables of cells with a quality report (`table`), and the kpi-record/1
records and facts with their provenance (`record`). Imports no stage.
"""

from pipeline.model.geometry import (
    BBox,
    Centres,
    DisjointSets,
    Segment,
    Word,
    cell_texts,
    centre_in,
    enclosing,
    main_print,
    text_lines,
    touch,
)
from pipeline.model.grid import (
    RuledSettings,
    grid_cells,
    group_segments,
    is_horizontal,
    is_vertical,
    merged_cell,
)
from pipeline.model.issues import Issue, Severity, Stage
from pipeline.model.record import (
    FACT_KINDS,
    FORMAT,
    DocumentInfo,
    Fact,
    FactKind,
    FileFieldError,
    Record,
    RecordFile,
    RecordFileError,
    Source,
    dump_record_file,
    load_record_file,
    write_atomic,
)
from pipeline.model.table import Cell, Table, TableQuality

__all__ = [
    "FACT_KINDS",
    "FORMAT",
    "BBox",
    "Cell",
    "Centres",
    "DisjointSets",
    "DocumentInfo",
    "Fact",
    "FactKind",
    "FileFieldError",
    "Issue",
    "Record",
    "RecordFile",
    "RecordFileError",
    "RuledSettings",
    "Segment",
    "Severity",
    "Source",
    "Stage",
    "Table",
    "TableQuality",
    "Word",
    "cell_texts",
    "centre_in",
    "dump_record_file",
    "enclosing",
    "grid_cells",
    "group_segments",
    "is_horizontal",
    "is_vertical",
    "load_record_file",
    "main_print",
    "merged_cell",
    "text_lines",
    "touch",
    "write_atomic",
]
