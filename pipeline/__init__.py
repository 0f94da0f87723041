"""Reads Japanese municipal KPI reports into kpi-record/1 records and scores them against gold."""

import sys

__version__ = "0.1.0"

# pymupdf 2 imports two optional packages when they are installed: `pymupdf.layout`, an
# onnxruntime model (1.3 s and 56 MB), and `pymupdf4llm` (0.2 s). The pipeline calls
# neither; marked absent before pymupdf is first imported, they are not loaded. A program
# that imported them before the pipeline keeps them.
for _unused in ("pymupdf.layout", "pymupdf4llm"):
    sys.modules.setdefault(_unused, None)  # type: ignore[arg-type]
