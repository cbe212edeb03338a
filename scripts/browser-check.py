#!/usr/bin/env python3
"""Checks a built site in headless Chromium: the pages work under their Content-Security-Policy
(search, the language chooser, the menu and the language switcher), with no policy violation and
no console error, and hostile content runs no script.

    swift build && python3 scripts/browser-check.py [--concord .build/debug/concord]

Needs `chromium` and `chromium-driver` (apt) and `selenium` (pip). It builds the sample content
(concord.yml) and a small hostile tree into temporary folders, serves them over http on
localhost, and exits 1 with a list of what failed.
"""
import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAILURES = []

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
    if not condition:
        FAILURES.append(message)


def build(concord, arguments, output):
    subprocess.run([concord, "build", *arguments, "--output", output], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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


def sample_site(concord, work):
    site = os.path.join(work, "sample")
    build(concord, ["--config", "concord.yml"], site)
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


HOSTILE = {
    "en-US/a.md": "# A\n\n[one](./javascript:document.title='pwned-1'.md)\n\n![svg](evil.svg) ![html](evil.html)\n",
    "en-US/javascript:document.title='pwned-2'.md": "# Two\n\nPwned text to search for.\n",
    "en-US/evil.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"document.title='pwned-3'\"></svg>",
    "en-US/evil.html": "<script>document.title='pwned-4'</script>",
}


def hostile_site(concord, work):
    content = os.path.join(work, "hostile")
    for path, text in HOSTILE.items():
        os.makedirs(os.path.dirname(os.path.join(content, path)), exist_ok=True)
        with open(os.path.join(content, path), "w") as f:
            f.write(text)
    site = os.path.join(work, "hostile-site")
    build(concord, ["--content", content, "--source-locale", "en-US"], site)
    base = serve(site)
    driver = browser("en-US")
    try:
        pages = [base + "en-US/a.html", base + "en-US/search.html?q=pwned"]
        for page in pages:
            driver.get(page)
            time.sleep(0.5)
            anchors = driver.find_elements(By.CSS_SELECTOR, "a[href]")
            hrefs = [a.get_attribute("href") for a in anchors]
            check(all(h.startswith("http") for h in hrefs), "hostile: every link on %s is http(s)" % page[len(base):])
            for href in hrefs:
                if "pwned" in href:
                    driver.get(href)
                    time.sleep(0.2)
                    try:
                        driver.switch_to.alert.dismiss()
                        check(False, "hostile: %s opened an alert" % href)
                    except NoAlertPresentException:
                        pass
                    check("pwned" not in driver.title, "hostile: following %s runs no script" % href[len(base):])
                    driver.get(page)
                    time.sleep(0.2)
        for name in ["evil.svg", "evil.html"]:
            driver.get(base + "en-US/" + name)
            check("pwned" not in driver.title, "hostile: %s is not published as a live document" % name)
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concord", default=os.path.join(ROOT, ".build/debug/concord"))
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="concord-browser-") as work:
        sample_site(arguments.concord, work)
        hostile_site(arguments.concord, work)
    print("%d failed" % len(FAILURES) if FAILURES else "all passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
