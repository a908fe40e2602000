"""The web UI and REST API: ``create_app(settings)`` gives the FastAPI app ``newsweave serve`` runs."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
