"""The app's door: access token, Host header check and upload size limit.

An ASGI middleware in front of the Shiny app (any ASGI app). A local web app
is reachable by every program on the machine and, through DNS rebinding, by
web pages the user visits; so, as Jupyter does, every request must carry a
random token, and its Host header must name this machine:

* the first request brings the token in the URL (``?token=...``); the answer
  sets it as a cookie (HttpOnly, SameSite=Strict), which the page's later
  requests and its websocket carry; a request with neither is refused (403);
* a Host header other than ``localhost``, ``127.0.0.1``, ``[::1]`` or the
  host the app was started on is refused (403), whatever the token, so a
  page of another site that rebinds its name to 127.0.0.1 cannot talk to it;
* an upload (``POST``) larger than the limit is refused (413) before it is
  stored; the page checks the size before sending and says so in the
  user's language (:mod:`sysmap.app.workflow`).

References
----------
.. [1] Jupyter Server, "Security in the Jupyter Server": token authentication
   and the allowed Host names against DNS rebinding.
   https://jupyter-server.readthedocs.io/en/latest/operators/security.html
.. [2] OWASP, "DNS rebinding". https://owasp.org/www-community/attacks/DNS_Rebinding
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

__all__ = ["LOCAL_HOSTS", "Guard", "host_name"]

#: Host names of this machine, always accepted.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port (``[::1]:8000`` -> ``::1``).

    Examples
    --------
    >>> host_name("127.0.0.1:8765"), host_name("[::1]:80"), host_name("LOCALHOST")
    ('127.0.0.1', '::1', 'localhost')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    """Let through only requests with the token, to this machine's name.

    Parameters
    ----------
    app : ASGI application
        What is guarded (the Shiny app).
    token : str
        The secret every request must carry (URL ``?token=`` or the cookie).
    hosts : iterable of str, optional
        Host names accepted besides :data:`LOCAL_HOSTS` (the ``--host`` given).
    max_upload : int
        Largest request body in bytes (an uploaded file).
    port : int, default=0
        Part of the cookie's name, so that two apps on one machine keep
        their own tokens.
    """

    def __init__(
        self,
        app: Callable,
        token: str,
        *,
        hosts: Iterable[str] = (),
        max_upload: int,
        port: int = 0,
    ) -> None:
        self.app = app
        self.token = token
        self.hosts = LOCAL_HOSTS | {host_name(h) for h in hosts}
        self.max_upload = max_upload
        self.cookie = f"sysmap-app-{port}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the Host header, the token (URL or cookie) and an upload's size, then pass on."""
        if scope["type"] not in ("http", "websocket"):  # lifespan
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if host_name(headers.get("host", "")) not in self.hosts:
            await _refuse(scope, send, 403, "Forbidden: unknown Host header.")
            return
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
        cookie = SimpleCookie()
        cookie.load(headers.get("cookie", ""))
        kept = cookie[self.cookie].value if self.cookie in cookie else ""
        if not (self._valid(given) or self._valid(kept)):
            await _refuse(scope, send, 403, "Forbidden: open the address sysmap app printed.")
            return
        if scope["type"] == "http" and scope["method"] == "POST":
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_upload:
                await _refuse(scope, send, 413, "The file is larger than the upload limit.")
                return
            receive = self._limited(receive)
        if scope["type"] == "http" and self._valid(given) and not self._valid(kept):
            send = self._setting_cookie(send)
        await self.app(scope, receive, send)

    def _valid(self, value: str) -> bool:
        return bool(value) and hmac.compare_digest(value.encode(), self.token.encode())

    def _limited(self, receive: Receive) -> Receive:
        """`receive` that stops a body (sent in chunks) growing past the limit."""
        seen = 0

        async def wrapped() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_upload:
                return {"type": "http.disconnect"}
            return message

        return wrapped

    def _setting_cookie(self, send: Send) -> Send:
        value = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"

        async def wrapped(message: dict) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"set-cookie", value.encode())]
            await send(message)

        return wrapped


async def _refuse(scope: Scope, send: Send, status: int, text: str) -> None:
    """Answer 403/413 to a request, or close a websocket before it opens (403)."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = text.encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode())],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})
