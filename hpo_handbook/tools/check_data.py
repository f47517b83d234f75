"""Check data/ the way the build does, without building: print every error in Thai, exit 1 if any.

    .venv/bin/python -m hpo_handbook.tools.check_data            # checks ./data
    .venv/bin/python -m hpo_handbook.tools.check_data path/data  # checks another copy (used by the tests' fixtures)

Used by the pre-commit hook and by CI before the build, so a contributor sees data errors first and,
under GitHub Actions, as annotations on the changed lines (``hpo_handbook.errors.emit_annotations``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import DataErrors, emit_annotations
from ..loader import load

ROOT = Path(__file__).resolve().parents[2]  # the project (the package is installed in editable mode)

def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]).resolve() if argv else ROOT / "data"
    try:
        hb = load(data_dir, root=data_dir.parent)
    except DataErrors as exc:
        emit_annotations(exc.errors)
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"ข้อมูลถูกต้อง: {len(hb.missions)} ภารกิจ {len(hb.indicators)} ตัวชี้วัด "
          f"{len(hb.references)} เอกสารอ้างอิง {len(hb.glossary)} คำศัพท์")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
