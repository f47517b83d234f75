"""Builder integrations: the only modules that import a site builder. Each is a thin shim over the core."""
