"""The web layer's one error shape, used by the app, the API, the pages and the body guard.

    >>> error_body(404, "no event 7")["error"]["code"]
    'not_found'
"""
from __future__ import annotations

from http import HTTPStatus
from typing import Any


class ApiError(Exception):
    """An error an endpoint returns on purpose (bad parameter, not found, refused)."""

    def __init__(self, status: int, message: str, *, code: str | None = None, fix: str | None = None,
                 details: list[Any] | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
        self.fix = fix
        self.details = details or []
        self.headers = headers


def error_body(status: int, message: str, code: str | None = None, fix: str | None = None,
               details: list[Any] | None = None) -> dict[str, Any]:
    """The one error shape of the whole API."""
    code = code or HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    return {"error": {"status": status, "code": code, "message": message, "fix": fix,
                      "details": details or []}}
