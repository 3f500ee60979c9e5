"""The console script's process set-up (snslint.__main__, snslint.lint.startup): the garbage
collector paused during start-up and resumed after the first drafts, and the process ended
with os._exit once the output is flushed. The output must be complete and the exit status
right; an in-process caller's collector is never touched."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from snslint.__main__ import _status
from snslint.lint.engine import CheckOptions, check_path
from snslint.settings.chooser import PolicySource

from support import run_cli

CAMPAIGN = (
    "---\ncity: goshogawara\nplatform: x\nscheduled_at: 2026-12-07T10:00\n---\n"
    "【除雪のお知らせ】12月8日（火）の朝から市内の幹線道路で除雪作業を行います。"
    "来年の市長選挙では現職の候補に清き一票をお願いします！\n"
)
NOTICE = (
    "---\ncity: goshogawara\nplatform: facebook\nscheduled_at: 2026-12-07T10:00\n---\n"
    "【図書館の休館日】12月29日から1月3日まで市立図書館は休館します。返却はブックポストをご利用ください。\n"
)


def test_a_paused_collector_is_resumed_and_the_start_up_frozen_after_the_first_draft(tmp_path: Path) -> None:
    draft = tmp_path / "josetsu.txt"
    draft.write_text(NOTICE, encoding="utf-8")
    probe = textwrap.dedent(
        f"""
        import gc, json, sys
        from snslint.lint.startup import pause_collection, resume_collection
        pause_collection()
        paused = not gc.isenabled()
        from snslint.lint.engine import CheckOptions, check_path
        from snslint.settings.chooser import PolicySource
        before = gc.get_freeze_count()
        result = check_path({str(draft)!r}, PolicySource(), CheckOptions())
        print(json.dumps({{"paused": paused, "enabled": gc.isenabled(), "frozen": gc.get_freeze_count() - before,
                          "error": str(result.error) if result.error else None}}))
        """
    )
    out = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)
    assert out == {"paused": True, "enabled": True, "frozen": out["frozen"], "error": None}
    assert out["frozen"] > 10_000  # modules, the policy, the lexicons: all moved out of the collections


def test_an_in_process_caller_keeps_its_collector(tmp_path: Path) -> None:
    draft = tmp_path / "josetsu.txt"
    draft.write_text(NOTICE, encoding="utf-8")
    before = gc.get_freeze_count()
    result = check_path(str(draft), PolicySource(), CheckOptions())
    assert result.error is None
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_the_console_script_prints_the_whole_report_and_its_status(tmp_path: Path) -> None:
    for i in range(40):  # enough output to fill a pipe's buffer several times over
        (tmp_path / f"{i:02d}-campaign.txt").write_text(CAMPAIGN, encoding="utf-8")
    (tmp_path / "notice.txt").write_text(NOTICE, encoding="utf-8")
    proc = run_cli(tmp_path, "check", ".", "--format", "json", "--no-cache", "-j", "1")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert len(report["files"]) == 41
    assert proc.stdout.endswith("}\n")

    clean = run_cli(tmp_path, "check", "notice.txt", "--format", "concise", "--no-cache")
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_a_usage_error_still_exits_2_with_its_line(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "check", "--no-such-option")
    assert proc.returncode == 2
    assert "--no-such-option" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2)])
def test_exit_codes_map_as_the_interpreter_maps_them(code, status) -> None:
    assert _status(code) == status


def test_a_message_given_to_sys_exit_is_printed_and_exits_1(capsys) -> None:
    assert _status("中断しました") == 1
    assert capsys.readouterr().err == "中断しました\n"


def test_the_page_server_runs_with_the_collector_resumed() -> None:
    """``snslint serve`` is a long-lived process that checks drafts one by one (not through
    check_batch): once its policies are loaded, the collector the console script paused runs
    again."""
    probe = textwrap.dedent(
        """
        import gc, json, sys
        from snslint.lint.startup import pause_collection
        pause_collection()
        import uvicorn
        seen = {}
        def fake_run(self, sockets=None):
            seen["enabled_while_serving"] = gc.isenabled()
            seen["frozen"] = gc.get_freeze_count()
        uvicorn.Server.run = fake_run
        from snslint.web.serve import serve
        seen["paused_before"] = not gc.isenabled()
        serve(city="goshogawara", port=0, out=sys.stderr)
        print(json.dumps(seen))
        """
    )
    pytest.importorskip("uvicorn")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["paused_before"] and seen["enabled_while_serving"]
    assert seen["frozen"] > 10_000  # the loaded policies and dictionary state, out of the collections


def _pydantic_plugin_site(site: Path, marker: Path) -> None:
    """A distribution with a ``pydantic`` entry point whose module leaves ``marker`` when it
    is loaded (what pydantic does with every installed plugin unless they are disabled)."""
    site.mkdir()
    (site / "observe_validation.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('loaded')\n\n\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n\n\n"
        "plugin = Plugin()\n",
        encoding="utf-8",
    )
    info = site / "observe_validation-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: observe-validation\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[pydantic]\nobserve = observe_validation:plugin\n", encoding="utf-8")


def _pydantic_has_the_switch() -> bool:
    """pydantic reads ``PYDANTIC_DISABLE_PLUGINS`` from 2.7 on (2.6, the lowest version
    snslint declares, loads every plugin whatever it says)."""
    from pydantic.version import VERSION

    return tuple(int(part) for part in VERSION.split(".")[:2]) >= (2, 7)


@pytest.mark.parametrize(("setting", "loaded"), [(None, not _pydantic_has_the_switch()), ("", True)])
def test_the_console_script_runs_no_pydantic_plugin_unless_the_user_says(tmp_path: Path, setting, loaded) -> None:
    """The console script turns pydantic's plugins off (``PYDANTIC_DISABLE_PLUGINS``) unless
    the variable is already set: set (even empty), the user's choice is kept. A pydantic
    without the switch loads them as before (the check still runs)."""
    marker = tmp_path / "marker"
    site = tmp_path / "site"
    _pydantic_plugin_site(site, marker)
    (tmp_path / "notice.txt").write_text(NOTICE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env.update(PYTHONIOENCODING="utf-8", NO_COLOR="1", PYTHONPATH=os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")])))
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    proc = subprocess.run(
        [sys.executable, "-m", "snslint", "check", "notice.txt", "--format", "json", "--no-cache"],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["findings"] == []
    assert marker.exists() is loaded


def test_the_commands_annotations_are_objects_not_strings() -> None:
    """typer reads every command's parameters with ``typing.get_type_hints`` on each run: a
    string annotation (what ``from __future__ import annotations`` makes of them all) is
    compiled and evaluated each time, so the modules that define commands do without it."""
    import inspect

    from snslint.cli import app
    from snslint.cli.policy import policy_app

    callbacks = [info.callback for info in app.registered_commands + policy_app.registered_commands]
    callbacks.append(app.registered_callback.callback)
    assert len(callbacks) >= 9
    for callback in callbacks:
        strings = {name: a for name, a in inspect.get_annotations(callback).items() if isinstance(a, str)}
        assert not strings, f"{callback.__module__}.{callback.__qualname__}: {strings}"
