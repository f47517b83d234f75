"""Command-line tools, run as ``python -m hpo_handbook.tools.<name>``: PDF export, offline edition, data check,
search evaluation, benchmark, build comparison; and the local server and Chromium setup the tests share."""
