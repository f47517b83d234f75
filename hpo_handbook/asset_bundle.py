"""One stylesheet and one script for the handbook's own files, in the order mkdocs.yml lists them.

Contributors keep small files with one job each (``extra_css`` and ``extra_javascript``); readers download two.
Scripts that only some pages run (the self-assessment's, 70 KB of the 100) are listed apart, per kind of page
(``extra.page_scripts`` in mkdocs.yml), joined into one file per kind (``hb-assessment.1a2b3c4d.js``) and loaded only
by the pages whose front matter names the kind (``hb_scripts: [assessment]``).
On a phone over a slow connection every request costs a round trip, and each render-blocking stylesheet delays the
first paint: Lighthouse measured 4 stylesheets and 10 scripts of the handbook's own before this step.

The bundle's name carries a hash of its content (``hb-bundle.1a2b3c4d.css``), like the theme's own files, so a
browser or a web host cache never serves last edition's script with this edition's pages.

Written here rather than taken from a plugin: mkdocs-minify-plugin minifies and hashes files one by one but
does not join them, and a JavaScript bundler would add a Node step to the site build. Joining classic scripts is
safe because each file keeps to its own scope (an IIFE, or the UMD header of the assessment modules).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from .errors import DataError, DataErrors


@dataclass(frozen=True)
class Bundle:
    """A joined file: where it goes in the site and what it holds."""

    uri: str
    content: bytes


def bundle(sources: list[str], read: dict[str, bytes], kind: str, name: str = "hb-bundle", key: str = "") -> Bundle:
    """Join ``sources`` (site paths such as ``assets/css/print.css``, in load order) into one file of ``kind``
    (``css`` or ``js``) beside them. ``read`` maps each source to its bytes.

    Stylesheets must share one folder: their ``url(...)`` references (fonts, images) are relative to it.
    """
    folders = {str(PurePosixPath(s).parent) for s in sources}
    key = key or ("extra_css" if kind == "css" else "extra_javascript")  # the mkdocs.yml key an error names
    if kind == "css" and len(folders) > 1:
        raise DataErrors([DataError("mkdocs.yml", None, key,
                                    f"ไฟล์ CSS ของคู่มืออยู่หลายโฟลเดอร์ ({', '.join(sorted(folders))})",
                                    "ย้ายไฟล์ให้อยู่ในโฟลเดอร์เดียวกัน (docs/assets/css/) เพราะ url() ในไฟล์อ้างอิงจากโฟลเดอร์นั้น")])
    missing = [s for s in sources if s not in read]
    if missing:
        raise DataErrors([DataError("mkdocs.yml", None, key, f"ไม่พบไฟล์ {', '.join(missing)} ในโฟลเดอร์ docs/",
                                    "แก้ชื่อไฟล์ในรายการให้ตรงกับไฟล์จริง หรือเพิ่มไฟล์นั้นใน docs/")])
    # A newline and, for scripts, a semicolon between files: a file without a final newline or semicolon must not
    # run into the next one.
    joiner = b"\n;\n" if kind == "js" else b"\n"
    parts = [f"/* {s} */\n".encode() + read[s].rstrip() for s in sources]
    content = joiner.join(parts) + b"\n"
    digest = hashlib.sha256(content).hexdigest()[:8]
    folder = sorted(folders)[0] if folders else "assets"
    return Bundle(uri=f"{folder}/{name}.{digest}.{kind}", content=content)
