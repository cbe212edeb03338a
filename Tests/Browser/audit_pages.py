#!/usr/bin/env python3
"""Loads every page of a built Concord site in headless Chromium and reports what ran, or could run.

Used by the Swift test `BrowserSafetyTests`, which builds a content tree full of payloads that
set `document.title` to `PWNED-<place>` when they run. Each page is judged by the browser:

1. With the page's Content-Security-Policy bypassed, so that escaping is tested on its own
   (the policy is the second line of defence, not the first): the page is loaded, synthetic
   events are fired at every element (so inline handlers would run), and the DOM the browser
   built is audited — no event-handler attribute, no script but the site's own, no frame,
   object, embed or base element, no link whose parsed protocol is not http(s), mailto, tel or
   ftp — and `document.title` must not have been changed by a payload.
2. With the policy in force: the same page must log no Content-Security-Policy violation, so
   the site works under its own policy.

Search pages are also loaded with queries, and their result links audited the same way.

Usage: audit_pages.py SITE_FOLDER [--query TERM ...]. Prints one line per problem and
`N passed, N failed`; exits 1 when any page failed, 2 when the browser cannot start.
"""
import argparse
import functools
import http.server
import json
import os
import sys
import threading
import time
from urllib.parse import quote

AUDIT = r"""
const problems = [];
const safeProtocols = ['http:', 'https:', 'mailto:', 'tel:', 'ftp:'];
const events = ['focus', 'blur', 'mouseover', 'mouseenter', 'error', 'load', 'input', 'change', 'animationstart', 'toggle', 'pointerover', 'keydown'];
for (const element of document.querySelectorAll('*')) {
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith('on')) problems.push('event handler attribute ' + name + ' on <' + element.localName + '>');
    if (name === 'srcdoc') problems.push('srcdoc on <' + element.localName + '>');
  }
  if (['iframe', 'frame', 'object', 'embed', 'base', 'applet'].includes(element.localName)) {
    problems.push('<' + element.localName + '> element');
  }
  if (element.localName === 'meta' && (element.httpEquiv || '').toLowerCase() === 'refresh') problems.push('meta refresh');
  if (element.localName === 'script') {
    if (!element.src) problems.push('inline <script>: ' + element.textContent.slice(0, 80));
    else if (new URL(element.src).origin !== location.origin) problems.push('script from ' + element.src);
  }
  for (const type of events) { try { element.dispatchEvent(new Event(type)); } catch (e) {} }
}
for (const link of Array.from(document.querySelectorAll('a[href], area[href]'))) {
  if (!safeProtocols.includes(link.protocol)) problems.push('link with protocol ' + link.protocol + ' : ' + link.getAttribute('href').slice(0, 80));
}
for (const element of Array.from(document.querySelectorAll('[src], [action], [formaction], [poster]'))) {
  for (const name of ['src', 'action', 'formaction', 'poster']) {
    const value = element.getAttribute(name);
    if (value === null) continue;
    const url = new URL(value, location.href);
    const imageData = element.localName === 'img' && name === 'src' && url.protocol === 'data:' && /^data:image\/(png|gif|jpeg|webp);/i.test(value);
    if (!safeProtocols.includes(url.protocol) && !imageData) problems.push(name + ' with protocol ' + url.protocol + ' on <' + element.localName + '>');
  }
}
if (/PWNED/.test(document.title)) problems.push('a payload ran: document.title is ' + document.title);
return problems;
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser(bypass_csp):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]:
        if os.path.exists(path):
            options.binary_location = path
            break
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = next((p for p in ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"] if os.path.exists(p)), None)
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    if bypass_csp:
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    return driver


def pages(folder):
    found = []
    for directory, _, files in os.walk(folder):
        for name in files:
            # Every document a browser would run scripts in, not only pages Concord means to write.
            if name.lower().endswith((".html", ".htm", ".xhtml", ".svg", ".xml")):
                found.append(os.path.relpath(os.path.join(directory, name), folder))
    return sorted(found)


def audit(driver, url):
    driver.get(url)
    # Deferred scripts and search results arrive after `load`.
    time.sleep(0.05)
    return driver.execute_script(AUDIT)


def csp_violations(driver, url):
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)
    time.sleep(0.05)
    return [entry["message"] for entry in driver.get_log("browser")
            if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--query", action="append", default=[])
    arguments = parser.parse_args()
    site = os.path.abspath(arguments.site)
    server = serve(site)
    base = "http://127.0.0.1:%d/" % server.server_address[1]
    try:
        escaping, policy = browser(bypass_csp=True), browser(bypass_csp=False)
    except Exception as error:  # noqa: BLE001 - any failure to start is reported the same way
        print("browser unavailable: %s" % str(error).splitlines()[0], file=sys.stderr)
        return 2
    urls = [quote(page) for page in pages(site)]
    urls += [quote(page) + "?q=" + quote(query) for page in pages(site) if page.endswith("/search.html") for query in arguments.query]
    passed = failed = 0
    report = []
    try:
        for page in urls:
            problems = audit(escaping, base + page)
            problems += ["CSP: " + message for message in csp_violations(policy, base + page)]
            if problems:
                failed += 1
                report.append({"page": page, "problems": sorted(set(problems))})
            else:
                passed += 1
    finally:
        escaping.quit()
        policy.quit()
        server.shutdown()
    for entry in report:
        for problem in entry["problems"]:
            print("%s: %s" % (entry["page"], problem))
    print(json.dumps({"pages": len(urls), "failed": [entry["page"] for entry in report]}))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
