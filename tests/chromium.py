"""Headless Chromium for the browser tests: Debian's ``chromium`` and ``chromium-driver``.

Both paths are given to selenium, so selenium-manager never runs (it would download a browser
or driver); :func:`start` also makes sure of it. Without the two packages the browser tests
skip with the reason, except when the environment variable ``CI`` is set: then they fail, so
a CI machine cannot pass by skipping them (``.ci/run`` installs the packages).
"""

from __future__ import annotations

import os
from unittest import mock

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
INSTALL = "apt-get install -y chromium chromium-driver"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests may not skip; {INSTALL})")
    pytest.skip(f"{reason}; install with: {INSTALL}")


def start(width: int = 1280, height: int = 900):
    """A headless Chromium session with the browser console log enabled.

    Skips (or fails under ``CI``) when chromium, chromedriver or selenium is missing.
    """
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        _unavailable(f"Debian's chromium/chromium-driver not found ({', '.join(missing)})")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.selenium_manager import SeleniumManager
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--lang=ja",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})

    def refuse(*args, **kwargs):
        raise AssertionError("selenium-manager must not run: the browser and driver paths are given")

    with mock.patch.object(SeleniumManager, "binary_paths", refuse), mock.patch.dict(os.environ, {"SE_OFFLINE": "true"}):
        return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def console_problems(driver) -> list[dict]:
    """Browser console entries of level WARNING or SEVERE since the last call."""
    return [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "WARNING")]
