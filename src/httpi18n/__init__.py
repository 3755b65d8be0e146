"""httpi18n: Python's ``http`` package, speaking English, Chinese, French and Japanese."""

from __future__ import annotations

from .enums import HTTPMethod, HTTPStatus

__all__ = ["HTTPStatus", "HTTPMethod"]
__version__ = "0.1.0"
