"""The app keeps its door shut and its sessions apart.

Requests without the token or with a foreign Host header are refused (the
Guard, sysmap/app/guard.py); hostile names run no script; two browser tabs are
two sessions with their own data and their own temporary folders, each
deleted when its tab closes; a 5,000-row survey shows progress and finishes.
"""

from __future__ import annotations

import asyncio
import http.client
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from sysmap.app.guard import Guard
from sysmap.app.serve import MAX_UPLOAD, serve
from sysmap.cli import main

HOSTILE = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=2">'


def _get(base: str, path: str, host: str | None = None, cookie: str | None = None):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Host": host} if host else {}
    if cookie:
        headers["Cookie"] = cookie
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, body, response.getheader("set-cookie")


def test_requests_without_token_or_with_a_foreign_host_are_refused(app_server):
    token_query = "/?" + urlsplit(app_server.url).query
    status, body, cookie = _get(app_server.base, token_query)
    assert status == 200 and "sysmap" in body and "HttpOnly" in cookie
    assert _get(app_server.base, "/")[0] == 403  # no token
    assert _get(app_server.base, "/?token=wrong")[0] == 403
    assert _get(app_server.base, "/lib/")[0] == 403  # assets too
    # DNS rebinding: the right token, but a page of another site asks
    assert _get(app_server.base, token_query, host="evil.example:80")[0] == 403
    # the cookie set by the first answer lets later requests in
    assert _get(app_server.base, "/", cookie=cookie.split(";")[0])[0] == 200
    # no address of another host in the page: scripts and styles come from the app
    assert "https://" not in body and "http://" not in body.replace("http://www.w3.org", "")


def _call(guard: Guard, path: str, *, host="127.0.0.1:1", method="GET", body=b"", headers=()):
    """One request through the guard to an app that answers 200 and counts the body."""
    seen = {}

    async def inner(scope, receive, send):
        data = b""
        while True:
            message = await receive()
            data += message.get("body", b"")
            if message["type"] == "http.disconnect" or not message.get("more_body"):
                break
        seen["body"] = len(data)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard.app = inner
    path, _, query = path.partition("?")
    scope = {"type": "http", "method": method, "path": path, "query_string": query.encode(),
             "headers": [(b"host", host.encode()), *headers]}
    chunks = [{"type": "http.request", "body": body[i:i + 10], "more_body": i + 10 < len(body)}
              for i in range(0, max(len(body), 1), 10)]
    sent = []

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    return sent[0]["status"], seen.get("body"), dict(sent[0].get("headers", []))


def test_guard_token_cookie_host_and_upload_limit():
    guard = Guard(None, "s3cret", hosts=("192.168.1.5",), max_upload=25, port=9)
    status, _, headers = _call(guard, "/?token=s3cret")
    assert status == 200 and headers[b"set-cookie"].startswith(b"sysmap-app-9=s3cret;")
    assert _call(guard, "/")[0] == 403
    assert _call(guard, "/", headers=[(b"cookie", b"sysmap-app-9=s3cret")])[0] == 200
    assert _call(guard, "/", headers=[(b"cookie", b"sysmap-app-8=s3cret")])[0] == 403
    assert _call(guard, "/?token=s3cret", host="192.168.1.5:80")[0] == 200  # the --host given
    assert _call(guard, "/?token=s3cret", host="[::1]:80")[0] == 200
    assert _call(guard, "/?token=s3cret", host="rebind.example")[0] == 403
    # uploads: 20 bytes pass, 30 are refused by their length or cut off while sent
    assert _call(guard, "/?token=s3cret", method="POST", body=b"x" * 20)[:2] == (200, 20)
    too_long = [(b"content-length", b"30")]
    assert _call(guard, "/?token=s3cret", method="POST", body=b"x" * 30,
                 headers=too_long)[0] == 413
    status, seen, _ = _call(guard, "/?token=s3cret", method="POST", body=b"x" * 30)
    assert seen == 20  # the app saw the body end after two chunks (of 10), not the third


def _small_files(folder: Path, names: list[str], sector: str,
                 outside: str = "") -> tuple[Path, Path]:
    """A member list of `names` (two sectors), everyone naming everyone, and one
    partner not on the list (`outside`)."""
    folder.mkdir(parents=True, exist_ok=True)
    members = pd.DataFrame({"actor": [f"A{i}" for i in range(len(names))], "name": names,
                            "sector": [sector, "Schools"] * (len(names) // 2)})
    ties = [(a, b, 2) for a in names for b in names if a != b]
    if outside:
        ties.append((names[0], outside, 2))
    survey = pd.DataFrame(ties, columns=["respondent", "partner", "intensity"])
    members.to_csv(folder / "members.csv", index=False)
    survey.to_csv(folder / "survey.csv", index=False)
    return folder / "members.csv", folder / "survey.csv"


def test_hostile_names_run_no_script(open_app, tmp_path):
    names = [HOSTILE, HOSTILE_IMG, "Stadt Rheinstadt", "Schule & Co"]
    members, survey = _small_files(tmp_path, names, "<b>Business</b>",
                                   outside="<svg onload=window.__pwned=3>")
    app = open_app()
    page = app.page
    app.upload("members", members)
    app.upload("survey", survey)
    page.locator("#read").click()
    page.locator("#fix-sectors").wait_for()
    assert "<svg onload=window.__pwned=3>" in page.locator("#fix-sectors").inner_text()
    app.step("report")
    page.locator("#make_report").click()
    page.locator("#report-points").wait_for(timeout=60_000)
    frame = page.frame_locator("#report-frame")
    assert HOSTILE in frame.locator("body").inner_text()  # shown as text
    assert page.evaluate("window.__pwned") is None
    for inner in page.frames:  # the report and its map run scripts of their own only
        assert inner.evaluate("window.__pwned") is None
    assert app.dialogs == [] and app.outside == []


def _folders(tmp: Path) -> set[Path]:
    return set(tmp.glob("sysmap-app-*"))


def test_two_sessions_keep_their_data_apart_and_their_folders_go(open_app, app_server,
                                                                  tmp_path):
    before = _folders(app_server.tmp)
    first_files = _small_files(tmp_path / "a", ["Alpha e.V.", "Beta GmbH"], "Business",
                               outside="Kita Alpha")
    second_files = _small_files(tmp_path / "b", ["Gamma AG", "Delta gGmbH"], "Health",
                                outside="Kita Gamma")
    first, second = open_app(), open_app()
    for app, (members, survey) in ((first, first_files), (second, second_files)):
        app.upload("members", members)
        app.upload("survey", survey)
    for app in (first, second):
        app.page.locator("#read").click()
    for app in (first, second):
        app.page.locator("#fix-rule").wait_for()  # read: the check step shows
    assert "Kita Alpha" in first.page.locator("#fix-sectors").inner_text()
    assert "Kita Alpha" not in second.page.locator("#check").inner_text()
    assert "Kita Gamma" in second.page.locator("#fix-sectors").inner_text()
    first.step("survey")
    first.page.locator("#make_survey").click()
    first.page.locator("#survey-done").wait_for()
    second.step("survey")
    assert second.page.locator("#survey-done").count() == 0  # the first tab's survey only
    # each session has its own folder with its uploads; closing a tab removes its folder
    mine = _folders(app_server.tmp) - before
    assert len(mine) == 2
    assert all((folder / "inputs" / "members" / "members.csv").exists() for folder in mine)
    first.context.close()
    deadline = time.monotonic() + 20
    while len(mine & _folders(app_server.tmp)) > 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(mine & _folders(app_server.tmp)) == 1
    second.context.close()
    while mine & _folders(app_server.tmp) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not mine & _folders(app_server.tmp)
    assert not list(app_server.tmp.glob("fileupload-*/*/*"))  # nor Shiny's upload folders


def test_a_5000_row_survey_shows_progress_and_finishes(open_app, tmp_path):
    rng = np.random.default_rng(5000)
    n = 250  # each names 10 partners for two relations: 5,000 rows
    names = [f"Organisation {i:03d}" for i in range(n)]
    members = pd.DataFrame({"actor": [f"A{i}" for i in range(n)], "name": names,
                            "sector": [("Schools", "Business", "Health")[i % 3] for i in range(n)]})
    rows = [(names[i], names[j], relation, int(rng.integers(1, 5)))
            for i in range(n) for j in rng.choice(np.delete(np.arange(n), i), 10, replace=False)
            for relation in ("information sharing", "joint programs")]
    survey = pd.DataFrame(rows, columns=["respondent", "partner", "relation", "intensity"])
    assert len(survey) == 5000
    members.to_csv(tmp_path / "members.csv", index=False)
    survey.to_csv(tmp_path / "survey.csv", index=False)
    app = open_app()
    page = app.page
    app.upload("members", tmp_path / "members.csv")
    app.upload("survey", tmp_path / "survey.csv")
    page.locator("#read").click()
    page.locator("#fix-rule").wait_for(timeout=60_000)
    app.step("report")
    page.locator("#make_report").click()
    page.locator("#progress").wait_for()  # shown while the report is made
    assert "Making the report" in page.locator("#progress").inner_text()
    assert page.locator("#make_report").is_disabled()  # the button waits
    app.step("survey")  # the page answers meanwhile
    page.locator("#make_survey").wait_for()
    app.step("report")
    page.locator("#report-points li").first.wait_for(timeout=120_000)
    assert page.locator("#progress").count() == 0


def test_a_file_over_the_limit_is_refused_with_a_message(open_app, tmp_path):
    big = tmp_path / "huge_export.csv"
    with open(big, "wb") as f:  # sparse: 1 byte over MAX_UPLOAD without writing 50 MB
        f.truncate(MAX_UPLOAD + 1)
    app = open_app()
    app.page.set_input_files("#survey", str(big))
    progress = app.page.locator("#survey_progress")
    progress.get_by_text("larger than 50 MB").wait_for()
    assert "'huge_export.csv' is larger than 50 MB" in progress.inner_text()


def test_another_host_is_warned_about(monkeypatch):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: started.append(self.config.host))
    printed = []
    serve(host="0.0.0.0", port=8765, open_browser=False, lang="de", out=printed.append)
    assert started == ["0.0.0.0"]
    assert printed[0].startswith("Achtung: die App hört auf 0.0.0.0, andere Computer")
    printed.clear()
    serve(port=8765, open_browser=False, lang="en", out=printed.append)
    assert started[-1] == "127.0.0.1" and printed == []  # the default: no warning


def test_without_shiny_the_command_says_what_to_install(monkeypatch, capsys):
    for name in [m for m in sys.modules if m == "sysmap.app" or m.startswith("sysmap.app.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "shiny", None)  # as if the app extra were not installed
    assert main(["app", "--no-browser"]) == 2
    assert 'pip install "sysmap-network[app]"' in capsys.readouterr().err
