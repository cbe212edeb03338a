#!/usr/bin/env python3
"""Checks zones, monikers and tabs on a page in headless Chromium, with and without JavaScript.

    python3 Tests/Browser/zones_and_tabs.py SITE_FOLDER PAGE [RTL_PAGE]

PAGE is the fixture article of the Swift test `SelectorBrowserTests`: a pivot group (Windows,
macOS, Linux) with zones for windows, macos+linux and linux; moniker blocks for `>= ps-7.1`,
`<= ps-7.0` and `ps-5.1`; two tab groups of windows/linux tabs, then a group whose C# tab depends
on the windows/linux choice (`#tab/csharp/windows`, `#tab/csharp/linux`) beside Python. Prints a
line per check and `N passed, N failed`; exits 1 when any failed. RTL_PAGE, the same article on a
right-to-left page, checks that the arrow keys follow the reading direction there.
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
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select


def serve(folder):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=os.path.abspath(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d/" % server.server_address[1]


def browser(javascript):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shown(driver, selector):
    """The text of each element matching `selector` that is displayed."""
    return [e.text.strip() for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def tabs_of(driver, group):
    """The tab buttons of the `group`th tab list (0-based)."""
    return driver.find_elements(By.CSS_SELECTOR, ".tabs")[group].find_elements(By.CSS_SELECTOR, "[role=tab]")


def selected(driver, group):
    return [t.text for t in tabs_of(driver, group) if t.get_attribute("aria-selected") == "true"]


def with_script(driver, url, check):
    driver.get(url)
    time.sleep(0.3)
    # Zones: the first pivot is chosen, and one zone is shown; choosing Linux shows the two Linux zones.
    check(shown(driver, ".zone") == ["Windows\nRun the Windows installer."], "one zone shown at first: %r" % shown(driver, ".zone"))
    driver.find_element(By.CSS_SELECTOR, '.pivot-selector a[data-pivot="linux"]').click()
    time.sleep(0.1)
    labels = [z.split("\n")[0] for z in shown(driver, ".zone")]
    check(labels == ["macOS, Linux", "Linux"], "choosing Linux shows the Linux zones: %r" % labels)
    current = [a.text for a in driver.find_elements(By.CSS_SELECTOR, '.pivot-selector a[aria-current="true"]')]
    check(current == ["Linux"], "the chosen pivot is marked aria-current: %r" % current)
    check("pivots=linux" in driver.current_url, "the choice is in the address: %s" % driver.current_url)

    # Versions: the selector appears, the newest version is chosen, and a choice shows its blocks.
    check(driver.find_element(By.CSS_SELECTOR, ".version-selector").is_displayed(), "the version selector is shown")
    menu = Select(driver.find_element(By.ID, "versions.select"))
    check(menu.first_selected_option.text == "ps-7.1", "the newest version is chosen: %r" % menu.first_selected_option.text)
    check(len(shown(driver, ".moniker")) == 1, "one moniker block for ps-7.1: %r" % shown(driver, ".moniker"))
    menu.select_by_value("ps-5.1")
    time.sleep(0.1)
    blocks = [b.split("\n")[0] for b in shown(driver, ".moniker")]
    check(len(blocks) == 2 and all("7.1" not in b for b in blocks), "ps-5.1 shows the blocks whose range holds it: %r" % blocks)

    # Tabs: the WAI-ARIA pattern.
    tabs = tabs_of(driver, 0)
    check([t.text for t in tabs] == ["Windows", "Linux"], "the first group's tabs are named by their headings: %r" % [t.text for t in tabs])
    panel = driver.find_element(By.ID, tabs[0].get_attribute("aria-controls"))
    check(panel.get_attribute("role") == "tabpanel" and panel.get_attribute("aria-labelledby") == tabs[0].get_attribute("id"),
          "each tab controls a tabpanel labelled by it")
    check(driver.find_elements(By.CSS_SELECTOR, ".tabs")[0].find_element(By.CSS_SELECTOR, "[role=tablist]") is not None, "a tablist holds the tabs")
    check([t.get_attribute("tabindex") for t in tabs] == ["0", "-1"], "one tab stop: %r" % [t.get_attribute("tabindex") for t in tabs])
    tabs[0].click()
    tabs[0].send_keys(Keys.ARROW_RIGHT)
    time.sleep(0.1)
    focused = driver.switch_to.active_element
    check(focused.text == "Linux" and selected(driver, 0) == ["Linux"], "Right moves to Linux and selects it: %r, %r" % (focused.text, selected(driver, 0)))
    check([t.get_attribute("tabindex") for t in tabs] == ["-1", "0"], "the tab stop follows the selection")
    check(selected(driver, 1) == ["Linux"], "the group with the same tab ids follows: %r" % selected(driver, 1))
    visible = " | ".join(shown(driver, ".tabs .tab-panel"))
    check("Edit the file." in visible and "Run make." in visible and "Press F5." not in visible, "only the selected panels show: %r" % visible)
    dependent = [t.text for t in tabs_of(driver, 2) if t.is_displayed()]
    check(dependent == ["C#", "Python"] and "C# on Linux." in " | ".join(shown(driver, ".tab-panel")),
          "the dependent C# tab is the Linux one: %r" % dependent)
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    time.sleep(0.1)
    check(selected(driver, 0) == ["Windows"], "Right on the last tab wraps to the first: %r" % selected(driver, 0))
    panels = " | ".join(shown(driver, ".tab-panel"))
    check("C# on Windows." in panels and "C# on Linux." not in panels, "the dependent tab follows the Windows choice: %r" % panels)
    driver.switch_to.active_element.send_keys(Keys.END)
    time.sleep(0.1)
    check(selected(driver, 0) == ["Linux"] and driver.switch_to.active_element.text == "Linux", "End selects the last tab")
    driver.switch_to.active_element.send_keys(Keys.HOME)
    time.sleep(0.1)
    check(selected(driver, 0) == ["Windows"] and driver.switch_to.active_element.text == "Windows", "Home selects the first tab")
    driver.switch_to.active_element.send_keys(Keys.ARROW_LEFT)
    time.sleep(0.1)
    check(selected(driver, 0) == ["Linux"], "Left on the first tab wraps to the last: %r" % selected(driver, 0))
    python = [t for t in tabs_of(driver, 2) if t.text == "Python"][0]
    python.click()
    time.sleep(0.1)
    check(selected(driver, 2) == ["Python"] and selected(driver, 0) == ["Linux"], "a click selects a tab; other groups keep theirs")
    driver.get(url + "#linux")
    time.sleep(0.3)
    check(selected(driver, 0) == ["Linux"], "a link to a heading in a panel not shown selects its tab: %r" % selected(driver, 0))


def without_script(driver, url, check):
    driver.get(url)
    time.sleep(0.3)
    zones = shown(driver, ".zone")
    check(len(zones) == 3, "without script every zone shows: %d" % len(zones))
    check([z.split("\n")[0] for z in zones] == ["Windows", "macOS, Linux", "Linux"], "each zone is labelled with its pivots' titles")
    check(shown(driver, ".pivot-selector a") == ["Windows", "macOS", "Linux"], "the pivot selector lists the pivots' titles")
    check(len(shown(driver, ".moniker")) == 3, "every moniker block shows")
    check(not driver.find_element(By.CSS_SELECTOR, ".version-selector").is_displayed(), "the version selector, which needs script, is hidden")
    panels = shown(driver, ".tab-panel")
    check(len(panels) == 7, "every tab panel shows: %d" % len(panels))
    headings = shown(driver, ".tab-panel > h3, .tab-panel > h4")
    check(headings == ["Windows", "Linux", "Windows", "Linux", "C#", "C#", "Python"], "each panel shows its heading: %r" % headings)
    check(driver.find_elements(By.CSS_SELECTOR, "[role=tab]") == [], "no tab roles without the script that makes them work")
    driver.find_element(By.CSS_SELECTOR, '.pivot-selector a[data-pivot="linux"]').click()
    time.sleep(0.1)
    check(driver.current_url.endswith("#zone.13"), "a pivot's link leads to its first zone: %s" % driver.current_url)


def right_to_left(driver, url, check):
    driver.get(url)
    time.sleep(0.3)
    tabs = tabs_of(driver, 0)
    tabs[0].click()
    tabs[0].send_keys(Keys.ARROW_LEFT)
    time.sleep(0.1)
    check(selected(driver, 0) == ["Linux"], "right to left, Left moves to the next tab: %r" % selected(driver, 0))
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    time.sleep(0.1)
    check(selected(driver, 0) == ["Windows"], "right to left, Right moves back: %r" % selected(driver, 0))


def main():
    site, page = sys.argv[1:3]
    base = serve(site)
    results = []

    def check(ok, message):
        results.append((ok, message))

    runs = [(True, with_script, page), (False, without_script, page)]
    if len(sys.argv) > 3:
        runs.append((True, right_to_left, sys.argv[3]))
    for javascript, run, target in runs:
        driver = browser(javascript)
        try:
            run(driver, base + target, check)
        except Exception as error:  # noqa: BLE001 - a step that cannot run is a failed check
            results.append((False, "%s: %s" % (run.__name__, str(error).split("\n")[0])))
        finally:
            driver.quit()
    for ok, message in results:
        print(("ok    " if ok else "FAIL  ") + message)
    failed = sum(1 for ok, _ in results if not ok)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
