"""`esfterm serve`: the HTTP API and lookup page over a shared TM and termbase (thin layer over esfterm.server)."""

from __future__ import annotations

import ipaddress
import socket

import click

from esfterm.cli.common import fail, handle_errors, progress, termbase_option, tm_option, wait_option

#: Shorter tokens are refused: a guessable token guards nothing.
MIN_TOKEN = 16


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is a one-line error."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc}")
    family, kind, proto, _, address = infos[0]
    # the protocol given as TCP: asyncio sets TCP_NODELAY on accepted connections only then
    # (without it, keep-alive responses wait 40 ms for delayed ACKs)
    sock = socket.socket(family, kind, proto or socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    sock.listen(128)
    return sock


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@click.command("serve")
@tm_option("TM: a SQLite file or a postgresql:// URL (default: $ESFTERM_TM, else build/esf-tm.sqlite); "
           "created when missing.")
@termbase_option()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", envvar="ESFTERM_SERVE_TOKEN", show_envvar=True, metavar="TOKEN",
              help=f"Token that imports need (Authorization: Bearer TOKEN; at least {MIN_TOKEN} characters). "
                   "Without it, imports are refused.")
@click.option("--read-token", envvar="ESFTERM_SERVE_READ_TOKEN", show_envvar=True, metavar="TOKEN",
              help="Token that reads need too (default: reads are open).")
@click.option("--max-upload", type=click.IntRange(1, 4096), default=64, show_default=True, metavar="MIB",
              help="Largest file an import accepts.")
@click.option("--connections", type=click.IntRange(1, 200), default=8, show_default=True,
              help="TM connections kept open for reads.")
@wait_option
@handle_errors
def serve_command(tm_path, termbase, host, port, token, read_token, max_upload, connections, wait) -> None:
    """Serve the JSON API and the lookup page over a TM and a termbase.

    Reads (search, batch search, concordance, lookup, check) are open unless --read-token is
    set; imports need --token. The page is at http://HOST:PORT/, the API under /api/ (its
    OpenAPI description: /api/openapi.json).

    \b
    Example:
      esfterm serve --tm postgresql://esfterm@localhost/tm --token "$(openssl rand -hex 24)"
      curl 'http://127.0.0.1:8000/api/search?q=Ansök+senast&src=sv&tgt=sl'
    """
    import uvicorn

    from esfterm.server import ServerConfig, create_app
    from esfterm.tm import default_tm_path

    for name, value in (("--token", token), ("--read-token", read_token)):
        if value is not None and len(value) < MIN_TOKEN:
            fail(f"{name} is too short ({len(value)} characters): use at least {MIN_TOKEN}, e.g. "
                 f"python3 -c 'import secrets; print(secrets.token_urlsafe())'")
    config = ServerConfig(tm=default_tm_path(tm_path), termbase=termbase, token=token, read_token=read_token,
                          max_upload=max_upload << 20, connections=connections, write_wait=wait)
    app = create_app(config)
    sock = _listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    progress(f"esfterm: serving {app.state.location} ({app.state.backend}) and the termbase {termbase or '(ESF, shipped)'} "
             f"at http://{shown}:{sock.getsockname()[1]}/ (imports {'need the token' if token else 'disabled: no --token'}"
             f"{'; reads need a token' if read_token else ''})")
    if not _is_loopback(host) and not read_token:
        progress("esfterm: note: reads are open to anyone who can reach this address (--read-token closes them)")
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[sock])


COMMANDS = [serve_command]
