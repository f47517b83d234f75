"""MkDocs reads hooks from a file; the hooks themselves live in the package (integrations/mkdocs_hooks.py)."""

from hpo_handbook.integrations.mkdocs_hooks import (  # noqa: F401 (MkDocs looks the hooks up by name)
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_post_build,
    on_pre_build,
    on_startup,
)
