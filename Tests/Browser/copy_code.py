#!/usr/bin/env python3
"""Checks the copy button of a page's first code block in headless Chromium: it is there, named
in the page's language, and puts the block's text on the clipboard.

    python3 Tests/Browser/copy_code.py SITE_FOLDER PAGE LABEL DONE_LABEL

Run by the Swift test `SidebarInViewTests`. Prints a line per check and `N passed, N failed`;
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
from selenium.webdriver.common.by import By


def main():
    site, page, label, done = sys.argv[1:5]

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=os.path.abspath(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    results = []
    try:
        driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        driver.get("http://127.0.0.1:%d/%s" % (server.server_address[1], page))
        time.sleep(0.5)
        buttons = driver.find_elements(By.CSS_SELECTOR, ".code-block .copy-code")
        code = driver.find_element(By.CSS_SELECTOR, ".content pre > code").get_attribute("textContent")
        results.append((len(buttons) > 0 and buttons[0].text == label, "a button named %r (%s)" % (label, [b.text for b in buttons])))
        if buttons:
            buttons[0].click()
            time.sleep(0.3)
            results.append((buttons[0].text == done, "the button says %r once clicked (%r)" % (done, buttons[0].text)))
            copied = driver.execute_async_script("const d = arguments[0]; navigator.clipboard.readText().then(d, e => d('error ' + e))")
            results.append((copied == code, "the clipboard holds the block's text (%r)" % copied[:60]))
    finally:
        driver.quit()
    for ok, message in results:
        print(("ok    " if ok else "FAIL  ") + message)
    failed = sum(1 for ok, _ in results if not ok)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
