"""Build the offline edition and zip it into the built site, so that a deploy publishes it.

The offline edition is the same handbook built with mkdocs-material's offline plugin (``OFFLINE=true``): links
end in ``.html`` and the search index is inlined as ``search/search_index.js``, so it works opened from the file
system (file://) without a server. ``make offline`` runs this after ``make build``:

    .venv/bin/python -m hpo_handbook.tools.build_offline --site site   # -> site/download/handbook-offline.zip
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ..site_paths import DOWNLOAD_DIR, OFFLINE_ZIP

ROOT = Path(__file__).resolve().parents[2]  # the project (the package is installed in editable mode)
ZIP_NAME = Path(OFFLINE_ZIP).name
FOLDER = "handbook-offline"  # the folder the zip unpacks to; readers open handbook-offline/index.html


def build_offline(out_dir: Path, env: Mapping[str, str] | None = None) -> Path:
    """Build the offline edition into ``out_dir`` (strict) and return it; ``env`` adds variables (SITE_URL...)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out_dir)]
    full_env = {**os.environ, **(env or {}), "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=full_env)
    if proc.returncode:
        raise RuntimeError(f"offline build failed:\n{proc.stdout}\n{proc.stderr}")
    return out_dir


def zip_site(site_dir: Path, zip_path: Path) -> Path:
    """Zip ``site_dir`` under one top folder, skipping an earlier download folder."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(site_dir.rglob("*")):
            rel = path.relative_to(site_dir)
            if path.is_file() and rel.parts[0] != DOWNLOAD_DIR:
                zf.write(path, f"{FOLDER}/{rel.as_posix()}")
    return zip_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site to put the zip into")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handbook-offline-") as tmp:
        built = build_offline(Path(tmp) / FOLDER)
        zip_path = zip_site(built, args.site / OFFLINE_ZIP)
    print(f"offline edition: {zip_path} ({zip_path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
