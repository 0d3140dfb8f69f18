"""The console in real headless Chromium (selenium + Debian's chromedriver) against a real `versus serve`.

Logs in (after a refused wrong password), sees a firing incident counting down to its page, acknowledges
it, watches the state change, and checks the escalation never reached the fake AWS. Times must show in
the browser's time zone (New York here) with UTC on hover, and the browser log must stay free of errors.
Screenshots of every page are kept under the test's tmp dir.
"""

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.integration.console.conftest import PASSWORD, Console
from tests.integration.receiver.test_intake import SEED_BODY
from tests.support.binaries import require_binary

WAIT_MINUTES = 0.25  # long enough to log in and click on a busy machine; short enough to wait out
ZONE = "America/New_York"


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    chromium = require_binary("chromium")
    driver_path = require_binary("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--window-size=1280,900", f"--user-data-dir={tmp_path / 'profile'}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=driver_path, env={"TZ": ZONE, "PATH": "/usr/bin:/bin"})
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def shoot(driver: WebDriver, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 5_000, f"{name}: screenshot looks blank"
    return path


def errors_in_log(driver: WebDriver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.mark.needs_binary("chromium")
def test_log_in_see_the_countdown_acknowledge_and_no_page(browser: WebDriver, console: Console, tmp_path: Path):
    receiver = console.receiver
    shots = tmp_path / "screenshots"
    shots.mkdir()
    query = f"oncall_enable=true&oncall_wait_minutes={WAIT_MINUTES}"
    body = {**SEED_BODY, "ServiceName": "checkout-<b>api</b>"}  # alert data is shown, never interpreted
    incident_id = receiver.post(body, query=query).json()["id"]
    wait = WebDriverWait(browser, 15)

    browser.get(f"{receiver.url}/ui/")
    wait.until(expected_conditions.title_contains("Log in"))
    shoot(browser, shots, "01-login")
    browser.find_element(By.ID, "user").send_keys("alice")
    browser.find_element(By.ID, "password").send_keys("not the password")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, "[role=alert]"), "Wrong"))
    assert "Incidents" not in browser.title
    refused = errors_in_log(browser)  # the refused login is a 401, which Chromium logs; nothing else may be
    assert len(refused) == 1 and "/ui/login" in refused[0] and "401" in refused[0], refused

    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(expected_conditions.title_contains("Incidents"))
    row = browser.find_element(By.XPATH, f"//a[contains(@href, '{incident_id}')]/ancestor::tr")
    assert "Pending page" in row.text
    assert "checkout-<b>api</b>" in row.text  # escaped: the markup is text on the page
    countdown = row.find_element(By.CSS_SELECTOR, ".countdown")
    first = countdown.text
    assert re.fullmatch(r"\d+m \d\ds", first), first
    time.sleep(1.2)
    assert countdown.text != first, "the countdown runs"
    received = row.find_element(By.CSS_SELECTOR, "time")
    assert re.search(r"E[SD]T", received.text), f"shown in the browser's zone: {received.text}"
    assert received.get_attribute("title").endswith("UTC")
    shoot(browser, shots, "02-incidents")

    row.find_element(By.XPATH, f".//a[contains(@href, '{incident_id}')]").click()
    wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "ol.timeline")))
    assert "received" in browser.find_element(By.CSS_SELECTOR, "ol.timeline").text
    shoot(browser, shots, "03-incident-firing")
    browser.find_element(By.XPATH, "//button[normalize-space()='Acknowledge']").click()
    wait.until(expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, "[role=status]"), "Acknowledged"))
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert "Acknowledged" in heading
    assert "acknowledged by alice" in browser.find_element(By.CSS_SELECTOR, "ol.timeline").text
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Acknowledge']")
    shoot(browser, shots, "04-incident-acknowledged")
    incident = receiver.incident(incident_id)
    assert (incident["acknowledged_by"], incident["escalation"]) == ("alice", "cancelled")

    browser.get(f"{receiver.url}/ui/oncall")
    wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "iframe.calendar")))
    assert "Platform" in browser.find_element(By.TAG_NAME, "main").text
    assert "Next handoff" in browser.find_element(By.TAG_NAME, "main").text
    time.sleep(0.5)  # let the calendar frames paint
    shoot(browser, shots, "05-oncall")
    browser.get(f"{receiver.url}/ui/health")
    wait.until(expected_conditions.title_contains("Health"))
    assert "reachable" in browser.find_element(By.TAG_NAME, "main").text
    shoot(browser, shots, "06-health")

    assert errors_in_log(browser) == []
    due = incident["due_at"]  # ISO time of the cancelled page; wait past it and a scheduler cycle
    left = time.mktime(time.strptime(due[:19], "%Y-%m-%dT%H:%M:%S")) - time.mktime(time.gmtime()) + 2
    time.sleep(max(0.0, left))
    assert console.pages_started(incident_id) == 0, "the acknowledged escalation never fired"
