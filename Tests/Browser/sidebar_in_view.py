#!/usr/bin/env python3
"""Checks that a page's own entry is in view in its sidebar when the page opens, in headless
Chromium at a desktop size.

    python3 Tests/Browser/sidebar_in_view.py SITE_FOLDER PAGE [PAGE ...]

Run by the Swift test `SidebarInViewTests`. Prints a line per page and `N passed, N failed`;
exits 1 when any failed.
"""
import functools
import http.server
import os
import sys
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

IN_VIEW = """
const current = document.querySelector('.sidebar [aria-current="page"]');
const sidebar = document.querySelector('.sidebar');
if (!current || !sidebar) return 'no current entry';
const c = current.getBoundingClientRect(), s = sidebar.getBoundingClientRect();
if (sidebar.scrollHeight <= sidebar.clientHeight) return 'the sidebar does not scroll';
return c.top >= s.top && c.bottom <= s.bottom && c.top >= 0 && c.bottom <= innerHeight ? 'ok' : 'entry at ' + c.top + ', sidebar ' + s.top + '..' + s.bottom;
"""


def main():
    site, pages = sys.argv[1], sys.argv[2:]

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=os.path.abspath(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d/" % server.server_address[1]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    passed = failed = 0
    try:
        for page in pages:
            driver.get(base + page)
            time.sleep(0.3)
            verdict = driver.execute_script(IN_VIEW)
            print(("ok    " if verdict == "ok" else "FAIL  ") + page + ": " + verdict)
            passed += verdict == "ok"
            failed += verdict != "ok"
    finally:
        driver.quit()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
