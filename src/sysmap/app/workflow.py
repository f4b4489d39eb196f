"""The app's pages and what they do: Data, Check, Report, Waves, Survey (Shiny for Python).

A thin layer: the page collects files and choices, :mod:`sysmap.app.steps`
runs the library on them in a thread (the page stays responsive and shows
progress), and the page shows the result. Every session (a browser tab) has
its own temporary folder for its uploads and outputs, deleted when the tab
closes. Every text from the data reaches the page through Shiny's tags, which
escape it; the reports, already escaped, are shown in a sandboxed iframe.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import shutil
import tempfile
from pathlib import Path

from shiny import App, Inputs, Outputs, Session, reactive, render, ui
from shiny.types import SafeException

from ..i18n import LANGUAGES, format_number, message
from . import steps

__all__ = ["PRINTS", "create_shiny_app"]

#: Report files opened as the print view, by their random key (see sysmap.app.serve).
PRINTS: dict[str, Path] = {}
#: Accepted file types of the uploads.
TABLES = [".csv", ".txt", ".tsv", ".xlsx", ".xls", ".xlsm"]

_CSS = """
body { max-width: 1100px; margin: 0 auto; padding: 12px 20px 40px; }
header.app { display: flex; justify-content: space-between; align-items: baseline; }
.step-intro { color: #57606a; margin: 12px 0; }
.busy { margin: 12px 0; }
.problems td, .problems th { padding: 2px 8px; vertical-align: top; font-size: 14px; }
.error-box { border-left: 4px solid #b42318; padding: 6px 12px; background: #fdf2f2; }
iframe.report { width: 100%; height: 900px; border: 1px solid #d0d7de; }
.fix { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px; margin: 12px 0; }
.downloads .btn { margin: 4px 8px 4px 0; }
"""


def _lang_of(query: str, default: str) -> str:
    match = re.search(r"(?:^|[?&])lang=([a-z]{2})", query or "")
    return match.group(1) if match and match.group(1) in LANGUAGES else default


def _table(rows: list[list[object]], head: list[str]) -> ui.Tag:
    """A table of plain text cells (escaped by htmltools)."""
    return ui.tags.table(
        ui.tags.thead(ui.tags.tr(*[ui.tags.th(h) for h in head])),
        ui.tags.tbody(*[ui.tags.tr(*[ui.tags.td(str(c)) for c in row]) for row in rows]),
        class_="problems table table-sm",
    )


def _busy(text: str) -> ui.Tag:
    """An animated progress bar with what is being done."""
    bar = ui.div(class_="progress-bar progress-bar-striped progress-bar-animated",
                 style="width: 100%", role="progressbar")  # fmt: skip
    return ui.div(ui.p(text), ui.div(bar, class_="progress"), class_="busy", id="progress")


def _errors(lines: list[str]) -> ui.Tag:
    return ui.div(*[ui.p(line) for line in lines], class_="error-box", role="alert")


def create_shiny_app(*, lang: str = "en", max_upload: int) -> App:
    """The Shiny app: pages in `lang` (``?lang=de`` switches), uploads up to `max_upload` bytes.

    Parameters
    ----------
    lang : {"en", "de"}
        Language of the page when the address does not name one.
    max_upload : int
        Largest file the page accepts, in bytes.

    Returns
    -------
    shiny.App
    """

    def page(request) -> ui.Tag:
        here = _lang_of(request.url.query, lang)

        def t(key: str, /, **fields: object) -> str:
            return message("app", key, here, **fields)

        other = "de" if here == "en" else "en"
        return ui.page_fluid(
            ui.tags.head(ui.tags.title(t("title")), ui.tags.style(_CSS)),
            ui.tags.header(
                ui.h1(t("title")),
                ui.a(t("switch_language"), href=f"?lang={other}", id="switch-language",
                     title=t("switch_language_note")),  # fmt: skip
                class_="app",
            ),
            ui.p(t("intro"), class_="step-intro"),
            ui.navset_tab(
                ui.nav_panel(t("step_data"), _data_panel(t), value="data"),
                ui.nav_panel(t("step_check"), ui.output_ui("check"), value="check"),
                ui.nav_panel(t("step_report"), _report_panel(t), value="report"),
                ui.nav_panel(t("step_waves"), _waves_panel(t), value="waves"),
                ui.nav_panel(t("step_survey"), _survey_panel(t), value="survey"),
                id="steps",
            ),
            lang=here,
        )

    def server(input: Inputs, output: Outputs, session: Session) -> None:
        folder = Path(tempfile.mkdtemp(prefix="sysmap-app-"))
        prints: list[str] = []

        def cleanup() -> None:
            for key in prints:
                PRINTS.pop(key, None)
            shutil.rmtree(folder, ignore_errors=True)

        session.on_ended(cleanup)
        _limit_uploads(session, max_upload, lambda: here())

        @reactive.calc
        def here() -> str:
            return _lang_of(session.clientdata.url_search(), lang)

        def t(key: str, /, **fields: object) -> str:
            return message("app", key, here(), **fields)

        uploads: reactive.Value[dict[str, Path]] = reactive.value({})
        waves: reactive.Value[list[tuple[str, Path, Path | None]]] = reactive.value([])
        labels_chosen: dict[tuple[str, str], str] = {}
        accepted: dict[str, str] = {}
        rejected: set[str] = set()
        sectors: reactive.Value[dict[str, str]] = reactive.value({})
        fixes: reactive.Value[dict[str, Path]] = reactive.value({})

        def keep_upload(role: str, info: list[dict] | None, into: str = "inputs") -> Path | None:
            """Move an uploaded file into the session's folder, under its own name."""
            if not info:
                return None
            name = Path(info[0]["name"]).name.strip()
            name = role if name in ("", ".", "..") else name  # a name, never a path
            target = folder / into / role / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(info[0]["datapath"], target)
            return target

        for role in ("members", "survey", "aliases", "scales", "partnerships", "plan"):

            def watch(role: str = role) -> None:
                @reactive.effect
                @reactive.event(input[role])
                def _() -> None:
                    path = keep_upload(role, input[role]())
                    if path is not None:
                        uploads.set({**uploads(), role: path})

            watch()

        def inputs() -> steps.Inputs:
            given = dict(uploads())
            fixed = fixes()
            given["scales"] = fixed.get("scales", given.get("scales"))
            given["aliases"] = fixed.get("aliases", given.get("aliases"))
            return steps.Inputs(**given)

        # -- reading -----------------------------------------------------------
        @ui.bind_task_button(button_id="read")
        @reactive.extended_task
        async def reading(files: steps.Inputs, lang: str) -> steps.Reading:
            return await asyncio.to_thread(steps.read_inputs, files, lang)

        @reactive.effect
        @reactive.event(input.read)
        def _() -> None:
            if "survey" not in uploads():
                ui.notification_show(t("need_survey"), type="warning")
                return
            reading.invoke(inputs(), here())

        @render.ui
        def data_status() -> ui.Tag | None:
            if reading.status() == "running":
                return _busy(t("reading"))
            if reading.status() != "success":
                return None
            done = reading.result()
            if done.error:
                return _errors(done.error)
            return ui.div(ui.tags.pre(done.data.report.summary(here())),
                          ui.p(t("read_next")), id="read-done")  # fmt: skip

        @reactive.effect
        def _() -> None:
            if reading.status() == "success" and reading.result().data is not None:
                ui.update_navset("steps", selected="check")

        def current() -> steps.Reading | None:
            if reading.status() != "success" or reading.result().data is None:
                return None
            return reading.result()

        # -- check -------------------------------------------------------------
        @render.ui
        def check() -> ui.Tag:
            if reading.status() == "running":
                return _busy(t("reading"))
            done = current()
            if done is None:
                return ui.p(t("check_first"), class_="step-intro")
            report, lang = done.data.report, here()
            parts = [ui.tags.pre(report.summary(lang))]
            groups = report.groups(lang)
            if len(groups):
                rows = [[t(f"severity_{g.severity}"), g.source, g.column or "", g.count,
                         ", ".join(map(str, g.values)), g.message]
                        for g in groups.itertuples()]  # fmt: skip
                head = [t(k) for k in ("col_kind", "col_file", "col_column", "col_count",
                                       "col_examples", "col_message")]  # fmt: skip
                parts += [ui.h3(t("problems")), _table(rows, head)]
            fixes_ui = []
            labels = steps.unknown_labels(report)
            if labels:
                fixes_ui.append(ui.div(
                    ui.h3(t("labels_title")), ui.p(t("labels_help")),
                    *[ui.input_select(f"label_{i}", t("label_of", label=label, column=column),
                                      steps.answer_choices(column, lang),
                                      selected=labels_chosen.get((column, label), ""))
                      for i, (column, label) in enumerate(labels)],
                    class_="fix", id="fix-labels"))  # fmt: skip
            suggestions = [s for s in report.suggestions.itertuples() if s.name not in rejected]
            if suggestions:
                choices = {"": t("undecided"), "yes": t("accept"), "no": t("reject")}
                fixes_ui.append(ui.div(
                    ui.h3(t("names_title")), ui.p(t("names_help")),
                    *[ui.input_radio_buttons(
                        f"name_{i}",
                        t("name_suggestion", name=s.name, suggestion=s.suggestion,
                          score=format_number(float(s.score), lang, digits=0)),
                        choices, inline=True)
                      for i, s in enumerate(suggestions)],
                    class_="fix", id="fix-names"))  # fmt: skip
            outside = steps.outsiders(done.data)
            if outside and done.members is not None and "sector" in done.members.actors:
                known = sorted({str(s) for s in done.members.actors["sector"].dropna() if str(s)})
                given = sectors()
                fixes_ui.append(ui.div(
                    ui.h3(t("sectors_title")), ui.p(t("sectors_help")),
                    *[ui.input_select(f"sector_{i}", name, {"": t("no_sector"),
                                                          **{s: s for s in known}},
                                      selected=given.get(actor, ""))
                      for i, (actor, name) in enumerate(outside)],
                    class_="fix", id="fix-sectors"))  # fmt: skip
            if done.rules:
                fixes_ui.append(ui.div(
                    ui.h3(t("rule_title")), ui.p(t("rule_help")),
                    ui.input_radio_buttons(
                        "rule", None,
                        {rule: steps.rule_text(rule, n, lang) for rule, n in done.rules.items()},
                        selected=done.rule),
                    class_="fix", id="fix-rule"))  # fmt: skip
            if labels or suggestions or outside:
                fixes_ui.append(ui.input_action_button("apply", t("apply"), class_="btn-primary"))
            return ui.div(*parts, *fixes_ui, ui.output_ui("fix_files"))

        @reactive.effect
        @reactive.event(input.apply)
        def _() -> None:
            done = current()
            if done is None:
                return
            report = done.data.report
            for i, key in enumerate(steps.unknown_labels(report)):
                value = input[f"label_{i}"]() if f"label_{i}" in input else ""
                if value:
                    labels_chosen[key] = value
            suggestions = [s for s in report.suggestions.itertuples() if s.name not in rejected]
            for i, s in enumerate(suggestions):
                answer = input[f"name_{i}"]() if f"name_{i}" in input else ""
                if answer == "yes":
                    accepted[str(s.name)] = str(s.actor)
                elif answer == "no":
                    rejected.add(s.name)
            given = dict(sectors())
            for i, (actor, _) in enumerate(steps.outsiders(done.data)):
                if f"sector_{i}" in input:
                    given[actor] = input[f"sector_{i}"]()
            sectors.set(given)
            fixed = dict(fixes())
            files = uploads()
            out = folder / "fixes"
            out.mkdir(exist_ok=True)
            if labels_chosen:
                fixed["scales"] = steps.write_label_mapping(out, labels_chosen, files.get("scales"))
            if accepted and "members" in files:
                fixed["aliases"] = steps.write_aliases(out, accepted, files.get("aliases"))
            fixes.set(fixed)
            reading.invoke(inputs(), here())

        @render.ui
        def fix_files() -> ui.Tag | None:
            done, fixed = current(), fixes()
            buttons = []
            if "scales" in fixed:
                buttons.append(ui.download_button("get_labels", t("download_labels")))
            if "aliases" in fixed:
                buttons.append(ui.download_button("get_aliases", t("download_aliases")))
            if done is not None and done.members is not None and any(sectors().values()):
                buttons.append(ui.download_button("get_members", t("download_members")))
            if not buttons:
                return None
            return ui.div(ui.h3(t("fix_files")), ui.p(t("fix_files_help")), *buttons,
                          class_="downloads")  # fmt: skip

        @render.download_button(filename=steps.LABELS_FILE)
        def get_labels():
            return str(fixes()["scales"])

        @render.download_button(filename=steps.ALIASES_FILE)
        def get_aliases():
            return str(fixes()["aliases"])

        @render.download_button(filename=steps.MEMBERS_FILE)
        def get_members():
            done = current()
            data = steps.with_sectors(done.data, sectors())
            return str(steps.write_next_members(folder / "fixes", done.members, data))

        # -- report ------------------------------------------------------------
        @ui.bind_task_button(button_id="make_report")
        @reactive.extended_task
        async def reporting(data, files, out, rule, lang) -> steps.Output:
            return await asyncio.to_thread(steps.make_report, data, files, out, rule=rule,
                                           lang=lang)  # fmt: skip

        @reactive.effect
        @reactive.event(input.make_report)
        def _() -> None:
            done = current()
            if done is None:
                busy = reading.status() == "running"
                ui.notification_show(t("still_reading" if busy else "check_first"),
                                     type="warning")  # fmt: skip
                return
            out = folder / "report"
            out.mkdir(exist_ok=True)
            rule = input.rule() if "rule" in input else done.rule
            reporting.invoke(steps.with_sectors(done.data, sectors()), inputs(), out, rule, here())

        @render.ui
        def report_view() -> ui.Tag | None:
            return _shown(reporting, "report", t("making_report"), t)

        @render.download_button(filename="report.html")
        def get_report():
            return str(reporting.result().files["html"])

        @render.download_button(filename="report.xlsx")
        def get_workbook():
            return str(reporting.result().files["xlsx"])

        @render.download_button(filename="report-profiles.html")
        def get_profiles():
            return str(reporting.result().files["profiles"])

        @render.ui
        def report_downloads() -> ui.Tag | None:
            if reporting.status() != "success" or reporting.result().error:
                return None
            key = secrets.token_urlsafe(16)
            PRINTS[key] = reporting.result().files["html"]
            prints.append(key)
            return ui.div(
                ui.download_button("get_report", t("download_report")),
                ui.download_button("get_workbook", t("download_workbook")),
                ui.download_button("get_profiles", t("download_profiles")),
                ui.a(t("print_view"), href=f"print/{key}", target="_blank", rel="noopener",
                     class_="btn btn-outline-secondary", id="print-view"),
                ui.p(t("print_help"), class_="step-intro"),
                class_="downloads",
            )

        # -- waves -------------------------------------------------------------
        @reactive.effect
        @reactive.event(input.add_wave)
        def _() -> None:
            n = len(waves())
            survey = keep_upload("survey", input.wave_survey(), into=f"wave{n}")
            if survey is None:
                ui.notification_show(t("need_wave_survey"), type="warning")
                return
            members = keep_upload("members", input.wave_members(), into=f"wave{n}")
            label = input.wave_label().strip() or survey.stem
            waves.set([*waves(), (label, survey, members)])
            ui.update_text("wave_label", value="")

        @render.ui
        def wave_list() -> ui.Tag:
            files = uploads()
            rows = [[label, s.name, m.name if m else ""] for label, s, m in waves()]
            if "survey" in files:
                members = files.get("members")
                rows.append([t("this_wave"), files["survey"].name, members.name if members else ""])
            if not rows:
                return ui.p(t("no_waves"))
            return _table(rows, [t("col_wave"), t("col_survey"), t("col_members")])

        @ui.bind_task_button(button_id="compare")
        @reactive.extended_task
        async def comparing(waves_given, aliases, out, lang) -> steps.Output:
            return await asyncio.to_thread(steps.compare_waves, waves_given, aliases, out,
                                           lang=lang)  # fmt: skip

        @reactive.effect
        @reactive.event(input.compare)
        def _() -> None:
            files = uploads()
            given = list(waves())
            if "survey" in files:
                given.append((files["survey"].stem, files["survey"], files.get("members")))
            if len(given) < 2:
                ui.notification_show(t("need_two_waves"), type="warning")
                return
            out = folder / "comparison"
            out.mkdir(exist_ok=True)
            comparing.invoke(given, inputs().aliases, out, here())

        @render.ui
        def comparison_view() -> ui.Tag | None:
            shown = _shown(comparing, "comparison", t("comparing"), t)
            if comparing.status() != "success" or comparing.result().error:
                return shown
            return ui.div(ui.div(ui.download_button("get_comparison", t("download_report")),
                                 ui.download_button("get_comparison_workbook",
                                                    t("download_workbook")),
                                 class_="downloads"), shown)  # fmt: skip

        @render.download_button(filename="comparison.html")
        def get_comparison():
            return str(comparing.result().files["html"])

        @render.download_button(filename="comparison.xlsx")
        def get_comparison_workbook():
            return str(comparing.result().files["xlsx"])

        # -- survey ------------------------------------------------------------
        @ui.bind_task_button(button_id="make_survey")
        @reactive.extended_task
        async def surveying(members, out, tool, lang) -> steps.Output:
            return await asyncio.to_thread(steps.make_survey, members, out, tool=tool, lang=lang)

        @reactive.effect
        @reactive.event(input.make_survey)
        def _() -> None:
            if "members" not in uploads():
                ui.notification_show(t("need_members"), type="warning")
                return
            out = folder / "survey"
            out.mkdir(exist_ok=True)
            surveying.invoke(uploads()["members"], out, input.tool(), here())

        @render.ui
        def survey_view() -> ui.Tag | None:
            if surveying.status() == "running":
                return _busy(t("making_survey"))
            if surveying.status() != "success":
                return None
            done = surveying.result()
            if done.error:
                return _errors(done.error)
            return ui.div(*[ui.p(line) for line in done.points],
                          ui.download_button("get_survey", t("download_survey")),
                          id="survey-done")  # fmt: skip

        @render.download_button(filename=lambda: surveying.result().files["survey"].name)
        def get_survey():
            return str(surveying.result().files["survey"])

    return App(page, server)


def _shown(task, name: str, busy: str, t) -> ui.Tag | None:
    """A report task's progress, its failure, or its key points and the report inline."""
    if task.status() == "running":
        return _busy(busy)
    if task.status() != "success":
        return None
    done = task.result()
    if done.error:
        return _errors(done.error)
    return ui.div(
        ui.h3(t("key_points")),
        ui.tags.ul(*[ui.tags.li(point) for point in done.points], id=f"{name}-points"),
        # the report's own page, apart from the app: scripts only for its map, no same origin
        ui.tags.iframe(srcdoc=done.html, sandbox="allow-scripts", class_="report",
                       id=f"{name}-frame", title=name),  # fmt: skip
    )


def _data_panel(t) -> ui.Tag:
    def upload(role: str) -> ui.Tag:
        return ui.input_file(role, t(f"file_{role}"), accept=TABLES, width="100%",
                             button_label=t("browse"), placeholder=t("no_file"))  # fmt: skip

    return ui.div(
        ui.p(t("data_help"), class_="step-intro"),
        upload("members"),
        upload("survey"),
        ui.h4(t("optional_files")),
        upload("aliases"),
        upload("scales"),
        upload("partnerships"),
        upload("plan"),
        ui.input_task_button("read", t("read"), label_busy=t("reading")),
        ui.output_ui("data_status"),
    )


def _report_panel(t) -> ui.Tag:
    return ui.div(
        ui.p(t("report_help"), class_="step-intro"),
        ui.input_task_button("make_report", t("make_report"), label_busy=t("making_report")),
        ui.output_ui("report_downloads"),
        ui.output_ui("report_view"),
    )


def _waves_panel(t) -> ui.Tag:
    return ui.div(
        ui.p(t("waves_help"), class_="step-intro"),
        ui.output_ui("wave_list"),
        ui.input_file("wave_survey", t("file_wave_survey"), accept=TABLES,
                      button_label=t("browse"), placeholder=t("no_file")),  # fmt: skip
        ui.input_file("wave_members", t("file_wave_members"), accept=TABLES,
                      button_label=t("browse"), placeholder=t("no_file")),  # fmt: skip
        ui.input_text("wave_label", t("wave_label")),
        ui.input_action_button("add_wave", t("add_wave")),
        ui.hr(),
        ui.input_task_button("compare", t("compare"), label_busy=t("comparing")),
        ui.output_ui("comparison_view"),
    )


def _survey_panel(t) -> ui.Tag:
    tools = {tool: t(f"tool_{tool}") for tool in ("excel", "limesurvey", "xlsform")}
    return ui.div(
        ui.p(t("survey_help"), class_="step-intro"),
        ui.input_radio_buttons("tool", t("tool"), tools),
        ui.input_task_button("make_survey", t("make_survey"), label_busy=t("making_survey")),
        ui.output_ui("survey_view"),
    )


def _limit_uploads(session: Session, max_upload: int, lang) -> None:
    """Refuse a file larger than `max_upload` before it is sent, with a message in the
    page's language (Shiny shows it under the file input)."""
    original = session._message_handlers["uploadInit"][0]  # Shiny's own handler

    async def upload_init(file_infos: list[dict]):
        for info in file_infos:
            if int(info.get("size") or 0) > max_upload:
                mb = format_number(max_upload / 1e6, lang(), digits=0)
                raise SafeException(message("app", "too_large", lang(), name=info["name"],
                                            limit=mb))  # fmt: skip
        return await original(file_infos)

    session.set_message_handler("uploadInit", upload_init)
