"""Data files the app reads: the bundled CSV sets and ATTRIBUTION.md.

A package only so that they install with the app; read them through
``importlib.resources.files("resources")``, never through a path next to the source.
"""
