"""``eventwire serve``: the HTTP API and the dashboard over a store (docs/api.md), run by uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_store import STORE_EXIT, DbOption
from .errors import EventwireError, StoreError


def serve_command(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option("--host", help="Address to listen on (setting api.host, 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", min=0, max=65535, help="Port (setting api.port, 8000).")] = None,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="EVENTWIRE_API_TOKEN", help="Allow POST /api/articles for requests carrying "
                     "this token (Authorization: Bearer TOKEN); without it the API is read-only."),
    ] = None,
    settings_file: Annotated[Path | None, typer.Option("--settings", help="TOML file merged over the shipped settings.")] = None,
) -> None:
    """Serve the API under /api/, OpenAPI docs at /docs and the dashboard at /, over one store."""
    import uvicorn

    from .api import create_app
    from .cli import _fail, _settings, stderr
    from .settings import component_settings

    try:
        settings = _settings(settings_file, None)
    except EventwireError as exc:
        raise _fail(exc, 2) from exc
    options = component_settings("api", settings.get("api"))
    try:
        app = create_app(db, settings, token=token)
    except StoreError as exc:
        raise _fail(exc, STORE_EXIT) from exc
    where_host, where_port = host or options.host, options.port if port is None else port
    mode = "read-write with token" if token else "read-only"
    stderr.print(f"eventwire serve: {app.state.store.safe_url}, {mode}, http://{where_host}:{where_port}/", highlight=False)
    uvicorn.run(app, host=where_host, port=where_port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
