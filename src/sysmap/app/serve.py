"""Start the app: a local web server on 127.0.0.1, a token in the address, the browser opened.

``sysmap app`` calls :func:`serve`. The server is uvicorn (Shiny's own); the
app it serves is the Shiny app of :mod:`sysmap.app.workflow` behind the
:class:`~sysmap.app.guard.Guard` (token, Host header, upload size). Nothing is
sent anywhere: the page loads its scripts and styles from this server, and
Shiny's OpenTelemetry hooks stay silent (no exporter is installed or set up).
"""

from __future__ import annotations

import secrets
import socket
import sys
import threading
import time
import warnings
import webbrowser
from collections.abc import Callable

from ..exceptions import DataQualityWarning
from ..i18n import check_lang, message
from .guard import LOCAL_HOSTS, Guard

__all__ = ["DEFAULT_HOST", "MAX_UPLOAD", "create_app", "free_port", "serve"]

#: The only address the app listens on unless told otherwise.
DEFAULT_HOST = "127.0.0.1"
#: Largest uploaded file (bytes): a survey export of 100,000 rows is about 10 MB.
MAX_UPLOAD = 50_000_000


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port nobody listens on now (the system picks it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def create_app(
    *, token: str, hosts: tuple[str, ...] = (), port: int = 0, lang: str = "en",
    max_upload: int = MAX_UPLOAD,
) -> Callable:  # fmt: skip
    """The guarded ASGI app: the Shiny app plus the print view of each report.

    Parameters
    ----------
    token : str
        Secret every request must carry (``?token=`` once, then a cookie).
    hosts : tuple of str
        Host names accepted besides localhost (the ``--host`` given).
    port : int
        The port (names the cookie).
    lang : {"en", "de"}
        Default language of the page.
    max_upload : int
        Largest uploaded file, bytes.

    Returns
    -------
    ASGI application
    """
    from starlette.responses import FileResponse, PlainTextResponse

    from .workflow import PRINTS, create_shiny_app

    shiny_app = create_shiny_app(lang=check_lang(lang), max_upload=max_upload)

    async def app(scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path.startswith("/print/"):
            report = PRINTS.get(path.removeprefix("/print/"))
            if report is None or not report.exists():
                response = PlainTextResponse("Not found", 404)
            else:  # the report alone in its tab, to print or save as PDF
                response = FileResponse(report, media_type="text/html; charset=utf-8")
            await response(scope, receive, send)
            return
        await shiny_app(scope, receive, send)

    return Guard(app, token, hosts=hosts, max_upload=max_upload, port=port)


def serve(
    *,
    host: str = DEFAULT_HOST,
    port: int | None = None,
    open_browser: bool = True,
    lang: str = "en",
    out: Callable[[str], None] = print,
) -> None:
    """Run the app until interrupted (Ctrl+C), printing its address with the token.

    Parameters
    ----------
    host : str, default="127.0.0.1"
        Address to listen on; another than this machine's is warned about.
    port : int, optional
        Port (default: a free one).
    open_browser : bool, default=True
        Open the address in the default browser once the server runs.
    lang : {"en", "de"}
        Language of the page and of the printed lines.
    out : callable
        Where the lines go (``print``).
    """
    import uvicorn

    lang = check_lang(lang)
    port = port or free_port(host)
    token = secrets.token_urlsafe(24)
    if host not in LOCAL_HOSTS:
        out(message("app", "host_warning", lang, host=host))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/?token={token}"
    if lang != "en":
        url += f"&lang={lang}"
    warnings.simplefilter("ignore", DataQualityWarning)  # the check step shows them grouped
    app = create_app(token=token, hosts=(host,), port=port, lang=lang)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           ws="websockets-sansio"))  # fmt: skip

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            out(message("app", "running", lang, url=url))
            sys.stdout.flush()
            if open_browser:
                webbrowser.open(url)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run()
    finally:
        server.should_exit = True  # ends the announcing thread if the server never started
