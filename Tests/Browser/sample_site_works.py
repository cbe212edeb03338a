#!/usr/bin/env python3
"""Checks the built sample site in headless Chromium: the pages work under their
Content-Security-Policy (search, the language chooser, the menu and the language switcher), with
no policy violation and no console error.

    python3 Tests/Browser/sample_site_works.py SITE_FOLDER

Run by the Swift test `BrowserSafetyTests`, which builds the sample content into SITE_FOLDER
(what hostile content can and cannot do is `audit_pages.py`'s). Needs `chromium` and
`chromium-driver` (apt) and `selenium` (pip). Serves the folder over http on localhost, prints a
line per check and `N passed, N failed`, and exits 1 when any failed.
"""
import argparse
import functools
import http.server
import os
import sys
import threading
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

FAILURES = []
PASSED = []

# Records every policy violation from the start of each document (scripts added over the
# DevTools protocol are exempt from the page's policy).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    (PASSED if condition else FAILURES).append(message)


def serve(folder):
    """Serves `folder` on a free localhost port; returns its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d/" % server.server_address[1]


def browser(language):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=" + language,
                     "--window-size=1280,900"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    return driver


def quiet(driver, page):
    """Checks that `page` (just loaded) logged no error and broke no policy."""
    violations = driver.execute_script("return window.__violations || []")
    check(not violations, "%s: no Content-Security-Policy violation %s" % (page, violations or ""))
    errors = [entry["message"] for entry in driver.get_log("browser")
              if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]]
    check(not errors, "%s: no console error %s" % (page, errors or ""))


def sample_site(site):
    base = serve(site)

    driver = browser("es-ES")
    try:
        # The chooser sends a Spanish reader to the Spanish home, and stays put with ?choose.
        driver.get(base + "index.html")
        try:
            WebDriverWait(driver, 10).until(expected_conditions.url_contains("/es-ES/index.html"))
            check(True, "chooser: redirects an es-ES browser to es-ES/index.html")
        except TimeoutException:
            check(False, "chooser: redirects an es-ES browser to es-ES/index.html (at %s)" % driver.current_url)
        quiet(driver, "es-ES/index.html")
        driver.get(base + "index.html?choose")
        time.sleep(0.5)
        check(driver.current_url.endswith("index.html?choose"), "chooser: ?choose shows the chooser")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".chooser-list a")) >= 2, "chooser: lists the languages")
        quiet(driver, "index.html?choose")

        # Search lists results, each a link to a page of the site.
        driver.get(base + "en-US/search.html?q=support")
        try:
            links = WebDriverWait(driver, 10).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a") or None)
        except TimeoutException:
            links = []
        check(len(links) > 0, "search: 'support' finds articles")
        check(all(link.get_attribute("href").startswith(base) for link in links), "search: results link into the site")
        quiet(driver, "en-US/search.html?q=support")
        if links:
            target = links[0].get_attribute("href")
            links[0].click()
            check(driver.current_url == target, "search: a result opens its page")

        # The language switcher (<details>) opens and leads to another language.
        driver.get(base + "en-US/customer-support.html")
        switch = driver.find_element(By.CSS_SELECTOR, "details.language-switch")
        switch.find_element(By.TAG_NAME, "summary").click()
        spanish = switch.find_element(By.CSS_SELECTOR, "a[hreflang='es-ES']")
        check(spanish.is_displayed(), "language switcher: opens")
        spanish.click()
        check(driver.current_url.endswith("/es-ES/customer-support.html"), "language switcher: leads to es-ES")
        quiet(driver, "es-ES/customer-support.html")

        # The status page: its script adds sort buttons under the policy, and they sort.
        driver.get(base + "status/index.html")
        buttons = driver.find_elements(By.CSS_SELECTOR, "table.articles thead th button")
        check(len(buttons) == 6, "status: a sort button on each of the 6 columns")
        order = ("var rows = document.querySelectorAll('table.articles tbody tr'); var first = rows[0].cells[1].textContent;"
                 " var last = rows[rows.length - 1].cells[1].textContent; return first.localeCompare(last);")
        if buttons:
            buttons[1].click()
            ascending = driver.execute_script(order)
            state = buttons[1].find_element(By.XPATH, "..").get_attribute("aria-sort")
            check(ascending <= 0 and state == "ascending", "status: sorts by article, ascending")
            buttons[1].click()
            descending = driver.execute_script(order)
            state = buttons[1].find_element(By.XPATH, "..").get_attribute("aria-sort")
            check(descending >= 0 and state == "descending", "status: a second click sorts descending")
        quiet(driver, "status/index.html")

        # The menu button shows the navigation on a narrow screen.
        driver.set_window_size(400, 800)
        driver.get(base + "en-US/customer-support.html")
        sidebar = driver.find_element(By.CSS_SELECTOR, "nav.sidebar")
        hidden = not sidebar.is_displayed()
        driver.find_element(By.CSS_SELECTOR, "label.menu-button").click()
        time.sleep(0.3)
        check(hidden and sidebar.is_displayed(), "menu: the button shows the navigation on a narrow screen")
        quiet(driver, "en-US/customer-support.html (narrow)")
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="the sample content built into a folder")
    arguments = parser.parse_args()
    sample_site(os.path.abspath(arguments.site))
    print("%d passed, %d failed" % (len(PASSED), len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
