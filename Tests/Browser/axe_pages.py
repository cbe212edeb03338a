#!/usr/bin/env python3
"""Runs axe-core (WCAG 2.1 A and AA rules) on pages of a built site in headless Chromium, in
light and dark mode, and prints every violation.

    python3 Tests/Browser/axe_pages.py SITE_FOLDER PAGE [PAGE ...]

PAGE is a path relative to SITE_FOLDER, with a query if the page needs one
(`en-US/search.html?q=support`). Run by the Swift test `AccessibilityTests`. Needs `chromium`
and `chromium-driver` (apt), `selenium` and `axe-playwright-python` (pip; only for the
`axe.min.js` it ships, which is injected through selenium). Serves the folder over http on
localhost, prints one line per violation and `N passed, N failed` (one check per page and
colour scheme); exits 1 when any failed, 2 when axe or the browser is missing.
"""
import argparse
import functools
import http.server
import json
import os
import sys
import threading
import time

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source():
    import axe_playwright_python
    path = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


def serve(folder):
    """Serves `folder` on a free localhost port; returns its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d/" % server.server_address[1]


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(60)
    return driver


def audit(driver, source, url):
    """The violations axe finds on the page at `url`, as already loaded."""
    driver.execute_script(source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));"
        % json.dumps(TAGS))
    return json.loads(result)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("pages", nargs="+")
    arguments = parser.parse_args()
    try:
        source = axe_source()
        driver = browser()
    except Exception as error:  # noqa: BLE001 - any missing piece means the audit cannot run
        print("cannot run axe: %s" % error)
        return 2
    base = serve(os.path.abspath(arguments.site))
    passed = failed = 0
    try:
        for scheme in ["light", "dark"]:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for page in arguments.pages:
                driver.get(base + page)
                time.sleep(0.3)  # the search page fills its results after load
                violations = audit(driver, source, base + page)
                for violation in violations:
                    targets = [" ".join(node.get("target", [])) for node in violation.get("nodes", [])][:5]
                    print("FAIL  %s (%s): %s — %s; %d nodes: %s" % (
                        page, scheme, violation["id"], violation.get("help", ""), len(violation.get("nodes", [])), targets))
                if violations:
                    failed += 1
                else:
                    passed += 1
                    print("ok    %s (%s)" % (page, scheme))
    finally:
        driver.quit()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
