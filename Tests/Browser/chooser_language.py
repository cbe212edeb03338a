#!/usr/bin/env python3
"""Opens a built site's language chooser in headless Chromium with the browser's language set,
and checks where it sends the reader.

    python3 Tests/Browser/chooser_language.py SITE_FOLDER LANGUAGES=EXPECTED [...]

LANGUAGES is the browser's language list, comma-separated (`zh-HK,en`); EXPECTED the locale the
chooser must send it to, or `-` when it must stay on the chooser (no locale of the same language
and script). Run by the Swift test `ChooserLanguageTests`. Prints a line per case and
`N passed, N failed`; exits 1 when any failed.
"""
import functools
import http.server
import os
import sys
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def serve(folder):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d/" % server.server_address[1]


def landing(base, languages):
    """Where the chooser leads a browser whose languages are `languages`, and what it reports."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=" + languages.split(",")[0]]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": languages})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(base + "index.html")
        time.sleep(0.7)
        reported = driver.execute_script("return navigator.languages.join(',')")
        return driver.current_url[len(base):], reported
    finally:
        driver.quit()


def main():
    site, cases = sys.argv[1], sys.argv[2:]
    base = serve(os.path.abspath(site))
    passed = failed = 0
    for case in cases:
        languages, expected = case.split("=")
        url, reported = landing(base, languages)
        wanted = "index.html" if expected == "-" else expected + "/index.html"
        ok = url == wanted
        print("%s  %s (navigator.languages %s) -> %s, expected %s" % ("ok  " if ok else "FAIL", languages, reported, url, wanted))
        passed += ok
        failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
