"""`esfterm serve`: a team server over one TM (SQLite or PostgreSQL) and one termbase.

    from esfterm.server import ServerConfig, create_app
    app = create_app(ServerConfig(tm="postgresql://esfterm@db/tm", token="..."))   # an ASGI app
    # uvicorn.run(app, host="127.0.0.1", port=8000)

The JSON API (app.py) searches the TM (one segment or a batch), finds concordances, looks up
terms or the terms of a sentence (catalog.py), checks a unit, and imports files (token
needed); the lookup page (static/) is plain HTML, CSS and JavaScript served from the package.
"""

from esfterm.server.app import ServerConfig, create_app

__all__ = ["ServerConfig", "create_app"]
