"""The lookup page in a real browser (headless Chromium from Debian, driven by selenium): a
translator types, presses Enter, moves with the arrows and copies a target with a key."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory
from test_serve_cli import free_port, start

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
PAIRS = [
    ("Europeiska socialfonden stöder lokala partnerskap i hela Sverige.",
     "Evropski socialni sklad podpira lokalna partnerstva po vsej Švedski."),
    ("ESF stöder projekt för unga.", "ESS podpira projekte za mlade."),
]
#: Longest wait for the page to show an answer (it takes milliseconds).
WAIT = 20


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and DRIVER.exists()):
        pytest.skip("Chromium and its driver are not installed (apt-get install chromium chromium-driver; "
                    ".ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="esfterm-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    location = tmp_path_factory.mktemp("page") / "tm.sqlite"
    with TranslationMemory(location) as tm:
        tm.import_units([Unit([Variant("sv", s), Variant("sl", t)]) for s, t in PAIRS], origin="esf-pages")
    server, url = start(["--tm", str(location), "--port", str(free_port())])
    try:
        yield url + "/"
    finally:
        server.terminate()
        server.wait(30)


def ask(browser, page: str, query: str):
    """Open the page, type `query` into the focused box, press Enter; the status line once answered."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page)
    status = browser.find_element(By.ID, "status")
    WebDriverWait(browser, WAIT).until(lambda _: "units in the memory" in status.text)
    assert browser.switch_to.active_element.get_attribute("id") == "q"
    browser.switch_to.active_element.send_keys(query, Keys.ENTER)
    WebDriverWait(browser, WAIT).until(lambda _: "TM match" in status.text or "error" in status.get_attribute("class"))
    return status


def texts(browser, selector: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, selector)]


def test_a_sentence_shows_the_terms_it_names_and_tm_matches_with_differences_marked(browser, page):
    status = ask(browser, page, "Europeiska socialfonden stöder regionala partnerskap i hela Sverige.")
    assert "error" not in status.get_attribute("class"), status.text
    assert texts(browser, "#terms .concept")[:1] == ["c-european-social-fund"]
    assert texts(browser, "#matches .target") == [PAIRS[0][1]]
    assert texts(browser, "#matches mark.changed") == ["lokala"]
    assert texts(browser, "#matches .replaced del") == ["regionala"]
    assert texts(browser, "#matches .score") == ["87%"]
    assert texts(browser, "#terms tr.target th")[0] == "sl"


def test_a_term_shows_its_concept_in_every_language_with_status_and_where_the_memory_uses_it(browser, page):
    ask(browser, page, "ESS")
    assert texts(browser, "#terms .concept")[0] == "c-european-social-fund"
    first = texts(browser, "#terms li:first-child table.langs th")
    assert first[:2] == ["sv", "sl"] and {"lt", "en"} <= set(first)
    assert "deprecated" in texts(browser, "#terms li:first-child .status")
    assert any("“" in c for c in texts(browser, "#terms li:first-child .context"))


def test_arrows_move_through_results_and_c_copies_the_selected_target(browser, page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    status = ask(browser, page, "ESF stöder projekt för unga.")
    keys = ActionChains(browser)
    keys.send_keys(Keys.ARROW_DOWN).perform()
    selected = browser.find_element(By.CSS_SELECTOR, "li.selected")
    assert "c-european-social-fund" in selected.text
    keys.send_keys("c").perform()
    assert status.get_attribute("data-copied") == "Evropski socialni sklad"
    steps = len(browser.find_elements(By.CSS_SELECTOR, "#terms li"))
    for _ in range(steps):
        keys.send_keys(Keys.ARROW_DOWN).perform()
    assert browser.find_element(By.CSS_SELECTOR, "li.selected .target").text == PAIRS[1][1]
    keys.send_keys("c").perform()
    assert status.get_attribute("data-copied") == PAIRS[1][1] and status.text == "copied: " + PAIRS[1][1]
    keys.send_keys(Keys.ESCAPE).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "q"
    assert browser.find_elements(By.CSS_SELECTOR, "li.selected") == []
