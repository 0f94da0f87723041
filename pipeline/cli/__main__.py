"""`python -m pipeline.cli`: the `kpi` command, for an environment without its script."""

from pipeline.cli.main import main

main()
