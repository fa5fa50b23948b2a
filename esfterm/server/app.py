"""The HTTP JSON API and the lookup page over one TM and one termbase (FastAPI on uvicorn).

Reads (search, batch search, concordance, lookup, check) are open unless a read token is set;
imports need the write token (`Authorization: Bearer TOKEN`) and are refused when the server
has none. Every error is JSON: {"error": {"code": ..., "message": one line}}. Request bodies are
limited (limits.py); the OpenAPI description is at /api/openapi.json.
"""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

import esfterm
from esfterm.errors import InputError
from esfterm.langs import primary, require_known
from esfterm.server.catalog import Catalog
from esfterm.server.limits import BodyLimit, BodyTooLarge
from esfterm.server.pool import PoolBusy, StorePool
from esfterm.tm import TranslationMemory, import_files
from esfterm.tm.concordance import concordance
from esfterm.tm.connection import TMLocked
from esfterm.tm.database import StoreConflict
from esfterm.tm.fuzzy import pieces

log = logging.getLogger("esfterm.server")

STATIC = resources.files("esfterm.server") / "static"
#: Tries of an import that collided with another writer (PostgreSQL), before the 409.
IMPORT_TRIES = 3


@dataclass
class ServerConfig:
    """What `esfterm serve` was started with."""

    tm: str | os.PathLike
    termbase: str | os.PathLike | None = None
    #: Needed for imports (none: imports are refused).
    token: str | None = None
    #: Needed for reads too, when set (the write token also reads).
    read_token: str | None = None
    max_upload: int = 64 << 20
    max_json: int = 4 << 20
    max_segments: int = 1000
    max_text: int = 5000
    connections: int = 8
    #: Seconds an import waits for another writer's lock.
    write_wait: float = 60.0


class Segments(BaseModel):
    """A batch search: many segments, one language pair."""

    segments: list[str] = Field(min_length=1, description="Source segments, searched one by one.")
    src: str = Field(description="Language of the segments.")
    tgt: str = Field(description="Language of the translations wanted.")
    min: int = Field(75, ge=1, le=100, description="Lowest match percentage.")
    top: int = Field(5, ge=1, le=100, description="Matches per segment.")


class CheckUnit(BaseModel):
    """One translation unit to check against the termbase and the TM."""

    source: str
    target: str
    src: str
    tgt: str
    id: str | None = None


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large"}


def _validation_message(exc: RequestValidationError) -> str:
    """One line for what FastAPI found wrong, e.g. "query parameter 'src': Field required"."""
    parts = []
    for err in exc.errors()[:3]:
        where = [str(x) for x in err.get("loc", ())]
        kind = {"query": "query parameter", "body": "body field"}.get(where[0] if where else "", "field")
        name = ".".join(where[1:]) or "body"
        parts.append(f"{kind} {name!r}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _lang(value: str, option: str) -> str:
    return require_known(value, option=option)


def _safe_name(filename: str) -> PurePosixPath:
    """The uploaded file's name as a relative path (its folders may name the language)."""
    path = PurePosixPath(filename.replace("\\", "/"))
    if not filename.strip() or path.is_absolute() or ".." in path.parts or not path.name:
        raise InputError(f"unusable file name {filename!r}", hint="give a relative name such as memory.tmx "
                                                                 "or locale/sl/LC_MESSAGES/django.po")
    return path


def create_app(config: ServerConfig, catalog: Catalog | None = None) -> FastAPI:
    """The ASGI app. Opens the termbase and checks the TM now, so bad options fail at startup
    (InputError) rather than on the first request."""
    catalog = catalog or Catalog(config.termbase)
    with TranslationMemory(config.tm) as tm:  # created when missing: a new team TM starts empty
        backend, location = tm.backend, str(tm.path)
    pool = StorePool(config.tm, config.connections)
    counts: dict[str, object] = {}
    counts_lock = threading.Lock()

    app = FastAPI(title="esfterm", version=esfterm.__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Translation memory search, concordance, term lookup, checks and imports "
                              "over a shared TM (SQLite or PostgreSQL) and termbase.")
    app.state.backend, app.state.location = backend, location
    app.add_middleware(BodyLimit, limit=lambda path: config.max_upload if path == "/api/tm/import" else config.max_json)
    app.router.on_shutdown.append(pool.close)

    # ------------------------------------------------------------ errors

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        if isinstance(exc, TMLocked):
            return error_response(503, "busy", str(exc), {"Retry-After": "5"})
        if isinstance(exc, StoreConflict):
            return error_response(409, "conflict", str(exc))
        return error_response(400, "bad_input", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return error_response(exc.status_code, _HTTP_CODES.get(exc.status_code, "error"), str(exc.detail),
                              getattr(exc, "headers", None))

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
        return error_response(413, "too_large", str(exc))

    @app.exception_handler(PoolBusy)
    async def busy(request: Request, exc: PoolBusy) -> JSONResponse:
        return error_response(503, "busy", "every connection to the TM is in use; try again", {"Retry-After": "1"})

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error in %s %s", request.method, request.url.path)
        return error_response(500, "internal", f"internal error ({type(exc).__name__}); the server log has the details")

    # ------------------------------------------------------------ tokens

    def _token(request: Request) -> str | None:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        return value.strip() if scheme.lower() == "bearer" and value.strip() else None

    def _unauthorized(message: str) -> HTTPException:
        return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})

    def reader(request: Request) -> None:
        if config.read_token is None:
            return
        given = _token(request)
        if given is None:
            raise _unauthorized("this server needs a token for reads too: Authorization: Bearer TOKEN")
        if not any(secrets.compare_digest(given, t) for t in (config.read_token, config.token) if t):
            raise _unauthorized("wrong token")

    def writer(request: Request) -> None:
        if not config.token:
            raise HTTPException(403, "imports are disabled: start the server with --token (or $ESFTERM_SERVE_TOKEN)")
        given = _token(request)
        if given is None:
            raise _unauthorized("imports need the write token: Authorization: Bearer TOKEN")
        if not secrets.compare_digest(given, config.token):
            raise _unauthorized("wrong token")

    def text(description: str):
        return Query(min_length=1, max_length=config.max_text, description=description)

    # ------------------------------------------------------------ reads

    @app.get("/api/info", dependencies=[Depends(reader)], summary="What this server holds")
    def info() -> dict:
        with counts_lock:
            if time.monotonic() - counts.get("at", -1e9) > 30:
                with pool.reader() as tm:
                    counts.update(at=time.monotonic(), units=len(tm), languages=sorted(
                        {primary(lang) for lang, _ in tm.languages()}))
            units, langs = counts["units"], counts["languages"]
        return {"version": esfterm.__version__,
                "tm": {"backend": backend, "location": location, "units": units, "languages": langs},
                "termbase": {"concepts": len(catalog.termbase.concepts), "languages": catalog.languages},
                "imports": bool(config.token), "reads_need_token": config.read_token is not None,
                "limits": {"upload_bytes": config.max_upload, "json_bytes": config.max_json,
                           "segments": config.max_segments, "text_chars": config.max_text}}

    def _matches(tm: TranslationMemory, q: str, src: str, tgt: str, min_score: int, top: int) -> list[dict]:
        return [{**m.to_dict(), "pieces": [list(p) for p in pieces(q, m.source)]}
                for m in tm.search(q, src, tgt, min_score=min_score, limit=top)]

    @app.get("/api/search", dependencies=[Depends(reader)], summary="Fuzzy TM matches for one segment")
    def search(q: str = text("The segment to match."), src: str = Query(description="Its language."),
               tgt: str = Query(description="The translations' language."),
               min: int = Query(75, ge=1, le=100), top: int = Query(5, ge=1, le=100)) -> dict:
        src, tgt = _lang(src, "src"), _lang(tgt, "tgt")
        with pool.reader() as tm:
            return {"query": q, "src": src, "tgt": tgt, "matches": _matches(tm, q, src, tgt, min, top)}

    @app.post("/api/search/batch", dependencies=[Depends(reader)], summary="Fuzzy TM matches for many segments")
    def search_batch(request: Segments) -> dict:
        if len(request.segments) > config.max_segments:
            raise BodyTooLarge(f"{len(request.segments)} segments in one request; at most {config.max_segments}")
        too_long = next((i for i, s in enumerate(request.segments) if len(s) > config.max_text), None)
        if too_long is not None:
            raise BodyTooLarge(f"segment {too_long} has {len(request.segments[too_long])} characters; "
                               f"at most {config.max_text}")
        src, tgt = _lang(request.src, "src"), _lang(request.tgt, "tgt")
        with pool.reader() as tm, tm.snapshot():
            return {"src": src, "tgt": tgt, "results": [
                {"query": s, "matches": _matches(tm, s, src, tgt, request.min, request.top)} for s in request.segments]}

    @app.get("/api/concordance", dependencies=[Depends(reader)], summary="Units whose source holds a phrase")
    def concordance_(q: str = text("The phrase (its words in a row, any case)."), src: str = Query(),
                     tgt: str = Query(), lemma: bool = Query(False, description="Match inflected forms too."),
                     top: int = Query(20, ge=1, le=1000)) -> dict:
        src, tgt = _lang(src, "src"), _lang(tgt, "tgt")
        with pool.reader() as tm:
            found = concordance(tm, q, src, tgt, lemma=lemma, limit=top)
        return {"query": q, "src": src, "tgt": tgt, "occurrences": [o.to_dict() for o in found]}

    @app.get("/api/lookup", dependencies=[Depends(reader)], summary="Termbase concepts for a term or a sentence")
    def lookup_(q: str = text("A term in any form, or a sentence."),
                lang: str | None = Query(None, description="Language of q (guessed when absent)."),
                to: str | None = Query(None, description="Languages to show, comma-separated (default: all)."),
                mode: str = Query("auto", pattern="^(auto|term|text)$",
                                  description="term: q is a term; text: find the terms in q; auto: text from 4 words."),
                limit: int = Query(10, ge=1, le=100)) -> dict:
        lang = _lang(lang, "lang") if lang else None
        targets = [primary(_lang(t, "to")) for t in to.split(",") if t.strip()] if to else None
        return catalog.lookup(q, lang, targets, mode, limit)

    @app.post("/api/check", dependencies=[Depends(reader)], summary="Terminology and consistency checks of one unit")
    def check_(unit: CheckUnit) -> dict:
        if max(len(unit.source), len(unit.target)) > config.max_text:
            raise BodyTooLarge(f"the unit's texts hold more than {config.max_text} characters")
        src, tgt = _lang(unit.src, "src"), _lang(unit.tgt, "tgt")
        with pool.reader() as tm:
            findings = catalog.check(unit.source, unit.target, src, tgt, unit.id, tm)
        return {"findings": [f.to_dict() for f in findings]}

    # ------------------------------------------------------------ writes

    def _import(body: bytes, filename: str, src: str | None, tgt: str | None, document: str | None,
                strict: bool, fuzzy: str, drafts: bool) -> dict:
        name = _safe_name(filename)
        src = _lang(src, "src") if src else None
        tgt = _lang(tgt, "tgt") if tgt else None
        with tempfile.TemporaryDirectory(prefix="esfterm-upload-") as folder:
            path = Path(folder, *name.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
            inside = folder + os.sep
            for attempt in range(1, IMPORT_TRIES + 1):
                try:
                    with pool.writer(config.write_wait) as tm:
                        stats = import_files(tm, [path], src_lang=src, tgt_lang=tgt, strict=strict, fuzzy=fuzzy,
                                             drafts=drafts, document=document or str(name))
                        total = len(tm)
                    break
                except StoreConflict:
                    if attempt == IMPORT_TRIES:
                        raise
                except InputError as exc:
                    raise InputError(str(exc).replace(inside, "")) from None
        with counts_lock:
            counts.pop("at", None)
        return {"file": str(name), "document": document or str(name), "added": stats.added, "merged": stats.merged,
                "skipped": stats.skipped, "cleaned": stats.cleaned, "drafts": stats.drafts, "units": total,
                "problems": [p.replace(inside, "") for p in stats.problems]}

    @app.post("/api/tm/import", dependencies=[Depends(writer)], summary="Import a TMX, XLIFF, PO or TSV file",
              description="The request body is the file itself; all or nothing.")
    async def import_(request: Request,
                      filename: str = Query(description="The file's name (its extension and folders say "
                                                        "the format and maybe the language)."),
                      src: str | None = Query(None), tgt: str | None = Query(None),
                      document: str | None = Query(None, description="Origin recorded (default: filename)."),
                      strict: bool = Query(False), fuzzy: str = Query("skip", pattern="^(skip|flag)$"),
                      drafts: bool = Query(False)) -> dict:
        body = await request.body()
        if not body:
            raise InputError("the request has no body: send the file itself (curl --data-binary @FILE)")
        return await run_in_threadpool(_import, body, filename, src, tgt, document, strict, fuzzy, drafts)

    # ------------------------------------------------------------ the lookup page

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
