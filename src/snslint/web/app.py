"""The Starlette application behind ``snslint serve``.

Routes:

- ``GET /``: the page (``?lang=en`` for English first; the page switches without reloading).
- ``POST /api/check``: a JSON :class:`~snslint.web.service.CheckRequest`; answers
  ``{"html", "counts", "error"}``: the result fragment rendered by the same template as the
  HTML report (autoescaped), counts per severity, and the one-line input error or null.
  A body over ``max_body`` bytes gets 413 with ``{"error": {"ja", "en"}}``; a body that is
  not JSON, 400; a content type other than ``application/json``, 415 (so a form on another
  site cannot post to it without the browser's preflight).
- ``GET /static/...``: the stylesheet and script from the package.

Safety: the check runs in memory and nothing is logged (uvicorn's access log is off, and an
unexpected error answers 500 with only the exception's type, never the draft); every response
carries a Content-Security-Policy allowing only this origin's own files (no inline script), and
the ``Host`` header must name the address the server is bound to (against DNS rebinding).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from snslint.errors import InputError
from snslint.web.service import PLATFORMS, WARM_UP_DRAFT, CheckRequest, DraftChecker
from snslint.output.draftview.view import LABELS, build_view, environment, labels

BODY_OVERHEAD = 64_000
"""Bytes a request may hold beyond the draft's own limit (JSON quoting, images' alt text)."""

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        b"base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
"""Headers added to every response."""


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(
        {
            "error": {
                "ja": LABELS["ja"]["too_large"].format(limit=f"{limit:,}"),
                "en": LABELS["en"]["too_large"].format(limit=f"{limit:,}"),
            }
        },
        status_code=413,
    )


def _error(status: int, ja: str, en: str) -> JSONResponse:
    return JSONResponse({"error": {"ja": ja, "en": en}}, status_code=status)


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it exceeds ``limit`` bytes (never read whole)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(
    checker: DraftChecker,
    *,
    lang: str = "ja",
    allowed_hosts: list[str] | None = None,
) -> Starlette:
    """The page's application around a loaded :class:`DraftChecker`.

    Args:
        checker: the engine with its policies (call :meth:`DraftChecker.warm_up` first so
            the first check is as fast as the rest).
        lang: the page's first language, ``"ja"`` or ``"en"``.
        allowed_hosts: host names the ``Host`` header may give (default: loopback names).
    """
    env = environment()
    page_template = env.get_template("page.html")
    result_template = env.get_template("result.html")
    request_limit = checker.max_bytes + BODY_OVERHEAD
    policies = sorted(checker.policies.values(), key=lambda p: p.id)

    def render_result(req: CheckRequest) -> tuple[str, Any]:
        result, policy = checker.check(req)
        view = build_view(
            result,
            policy,
            req.lang,
            platform=req.platform or None,
            checklist=checker.checklist(policy) if policy is not None else None,
        )
        return result_template.render(view=view, lab=labels(req.lang)), view

    # Compile the imported macros and import the view's helpers now, not on the first check.
    if policies:
        render_result(CheckRequest(text=WARM_UP_DRAFT, city=policies[0].id))

    async def page(request: Request) -> Response:
        want = request.query_params.get("lang", lang)
        first = "en" if want == "en" else "ja"
        html = page_template.render(
            lang=first,
            lab=labels(first),
            all_labels=LABELS,
            policies=policies,
            platforms=PLATFORMS,
            default_city=checker.default_city or "",
            max_bytes=checker.max_bytes,
        )
        return HTMLResponse(html)

    async def check(request: Request) -> Response:
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            return _error(415, "JSON で送ってください。", "send the request as JSON.")
        body = await _read_body(request, request_limit)
        if body is None:
            return _too_large(checker.max_bytes)
        try:
            data: Any = json.loads(body)
            req = CheckRequest.from_json(data)
        except (ValueError, UnicodeDecodeError):
            return _error(400, "検査の依頼が JSON として読めません。", "the request is not valid JSON.")
        except InputError as exc:
            return _error(400, exc.ja, exc.en)
        try:
            html, view = render_result(req)
        except Exception as exc:  # noqa: BLE001 - answer, never log the draft
            return _error(
                500,
                f"snslint の内部エラーです（{type(exc).__name__}）。",
                f"internal error in snslint ({type(exc).__name__}).",
            )
        return JSONResponse({"html": html, "counts": view.counts, "error": view.error})

    hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]"]
    return Starlette(
        routes=[
            Route("/", page, methods=["GET"]),
            Route("/api/check", check, methods=["POST"]),
            Mount("/static", app=StaticFiles(packages=[("snslint.output.draftview", "static")]), name="static"),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
    )
