"""Where the browser keeps a reader's work: localStorage keys scoped to the handbook's identity.

Every copy of the handbook used to write the same keys (``hpo-handbook:v1:…``), so two offices' handbooks on one
host (``owner.github.io/office-a/`` and ``/office-b/``), or two offline editions (all ``file://`` pages share one
origin), read and overwrote each other's ticks and ratings. The scope is a short hash of the configured
``site_url`` and the office's name (``extra.office.name``): what the handbook *is*, not where it is opened from,
so a new deploy or an offline ZIP unzipped in another folder still finds the reader's data.

The browser side is ``docs/assets/javascripts/hb-storage.js``: it reads the scoped key and the scope from the
page and copies (never moves) a value saved under the old unscoped key into an empty scoped key.
"""

from __future__ import annotations

import functools
import hashlib

from .context import RenderContext

#: The prefix of every key before keys were scoped; the old key of "<scope>:<name>" is "hpo-handbook:<name>".
LEGACY_PREFIX = "hpo-handbook"
#: Key names under the scope; bump the "v1" when a stored shape changes incompatibly.
CHECKLIST_NAME = "v1:checklist:{id}"
ASSESSMENT_NAME = "v1:assessment"


@functools.cache  # asked for by every checklist item of every page; the same two strings all build long
def scope(site_url: str, office_name: str) -> str:
    """``hpo-handbook@<12 hex>``: the same for every build of one handbook, different for another office's.

    A trailing slash and surrounding spaces do not change the identity; anything else does (a copy at another
    address is another handbook, as far as saved work is concerned).
    """
    identity = f"{site_url.strip().rstrip('/')}\n{office_name.strip()}"
    return f"{LEGACY_PREFIX}@{hashlib.sha256(identity.encode('utf-8')).hexdigest()[:12]}"


def handbook_scope(ctx: RenderContext) -> str:
    return scope(ctx.site_url, str(ctx.office.get("name", "")))


def scoped_key(ctx: RenderContext, name: str) -> str:
    """The key the page saves under, e.g. ``hpo-handbook@3f2a9c01b7de:v1:assessment``."""
    return f"{handbook_scope(ctx)}:{name}"


def legacy_key(name: str) -> str:
    """The unscoped key an earlier edition saved ``name`` under (migrated by copying, in the browser)."""
    return f"{LEGACY_PREFIX}:{name}"


def storage_attrs(ctx: RenderContext, name: str) -> dict[str, str]:
    """What the page's root element carries for hb-storage.js: the key, its scope and the old prefix."""
    return {"key": scoped_key(ctx, name), "scope": handbook_scope(ctx), "legacy": LEGACY_PREFIX}
