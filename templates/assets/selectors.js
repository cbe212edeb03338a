/* Zones, versions and tabs (docs/docfx-extensions.md). The page shows every zone, moniker block
   and tab panel, each labelled, so that it reads well without script; this makes them choices:
   - a pivot selector (.pivot-selector links) shows the zones of the chosen pivot (?pivots=);
   - the version selector (.version-selector, hidden until now) shows the blocks whose range holds
     the chosen version (?view=);
   - each .tabs group becomes a WAI-ARIA tab list: one tab stop, Left/Right/Home/End move and
     select, and a choice selects the same tab id in every group of the page (?tabs=), as DocFX
     does; a tab written #tab/id/condition is offered only while tab `condition` is selected. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);

  function list(text, separator) {
    return (text || "").toLowerCase().split(separator).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  /* Records a reader's choice in the address, so that a copied link shows what they saw. */
  function remember(name, value) {
    try {
      var url = new URL(location.href);
      url.searchParams.set(name, value);
      history.replaceState(history.state, "", url.href);
    } catch (error) { /* a page opened from a file may refuse it: the choice still applies */ }
  }

  function uniqueID(base) {
    var id = base, number = 1;
    while (document.getElementById(id)) id = base + "-" + number++;
    return id;
  }

  function setUpZones() {
    var wanted = list(params.get("pivots"), ",");
    var groups = Array.prototype.map.call(document.querySelectorAll(".pivot-selector"), function (nav) {
      var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-pivot]"));
      var ids = links.map(function (a) { return a.getAttribute("data-pivot"); });
      var chosen = ids.filter(function (id) { return wanted.indexOf(id) >= 0; })[0] || ids[0];
      return { links: links, ids: ids, chosen: chosen };
    });
    if (!groups.length) return;
    function apply() {
      groups.forEach(function (group) {
        group.links.forEach(function (a) {
          if (a.getAttribute("data-pivot") === group.chosen) a.setAttribute("aria-current", "true");
          else a.removeAttribute("aria-current");
        });
      });
      Array.prototype.forEach.call(document.querySelectorAll(".zone[data-pivot]"), function (zone) {
        var pivots = list(zone.getAttribute("data-pivot"), ",");
        /* Shown when, in every group naming one of its pivots, the choice is one of them. */
        zone.hidden = !groups.every(function (group) {
          var named = pivots.some(function (pivot) { return group.ids.indexOf(pivot) >= 0; });
          return !named || pivots.indexOf(group.chosen) >= 0;
        });
      });
    }
    groups.forEach(function (group) {
      group.links.forEach(function (a) {
        a.addEventListener("click", function (event) {
          event.preventDefault();
          group.chosen = a.getAttribute("data-pivot");
          apply();
          remember("pivots", groups.map(function (g) { return g.chosen; }).join(","));
        });
      });
    });
    apply();
  }

  function setUpVersions() {
    var box = document.querySelector(".version-selector");
    var select = box && box.querySelector("select");
    if (!select || !select.options.length) return;
    var wanted = list(params.get("view"), ",")[0];
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    function apply() {
      Array.prototype.forEach.call(document.querySelectorAll(".moniker[data-monikers]"), function (block) {
        block.hidden = block.getAttribute("data-monikers").split(" ").indexOf(select.value) < 0;
      });
    }
    select.addEventListener("change", function () {
      apply();
      remember("view", select.value);
    });
    box.hidden = false;
    apply();
  }

  /* One .tabs group as a tab list; `choose` is called with the tab a reader picks. */
  function makeTabList(container, choose, move) {
    var tablist = document.createElement("div");
    tablist.setAttribute("role", "tablist");
    var panels = Array.prototype.filter.call(container.children, function (el) { return el.classList.contains("tab-panel"); });
    var group = { shown: [], selected: null };
    group.tabs = panels.map(function (panel) {
      var first = panel.firstElementChild;
      var heading = first && /^H[1-6]$/.test(first.tagName) ? first : null;
      var tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.id = uniqueID("tab-" + panel.getAttribute("data-tab"));
      panel.id = panel.id || uniqueID("tabpanel-" + panel.getAttribute("data-tab"));
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = heading ? heading.textContent : panel.getAttribute("data-tab");
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      /* The tab names the panel now; the heading stays for links to its anchor. */
      if (heading) heading.classList.add("visually-hidden");
      tablist.appendChild(tab);
      var entry = { tab: tab, panel: panel, id: panel.getAttribute("data-tab"), condition: panel.getAttribute("data-tab-condition") };
      tab.addEventListener("click", function () { choose(entry); });
      return entry;
    });
    tablist.addEventListener("keydown", function (event) { move(group, event); });
    container.insertBefore(tablist, container.firstChild);
    return group;
  }

  /* Selects, in each group, the offered tab chosen most recently (else its first), in page order
     so that a condition names a tab already selected above; shows only the selected panels. */
  function selectTabs(groups, chosen) {
    var selectedIDs = [];
    groups.forEach(function (group) {
      var shown = group.tabs.filter(function (t) { return !t.condition || selectedIDs.indexOf(t.condition) >= 0; });
      if (!shown.length) shown = group.tabs;
      var selected = null, rank = Infinity;
      shown.forEach(function (t) {
        var at = chosen.indexOf(t.id);
        if (at >= 0 && at < rank) { rank = at; selected = t; }
      });
      group.shown = shown;
      group.selected = selected || shown[0];
      selectedIDs.push(group.selected.id);
      group.tabs.forEach(function (t) {
        var isSelected = t === group.selected;
        t.tab.hidden = shown.indexOf(t) < 0;
        t.tab.setAttribute("aria-selected", isSelected ? "true" : "false");
        t.tab.tabIndex = isSelected ? 0 : -1;
        t.panel.hidden = !isSelected;
      });
    });
  }

  function setUpTabs() {
    var containers = document.querySelectorAll(".tabs");
    if (!containers.length) return;
    var chosen = list(params.get("tabs"), ",");   /* tab ids, the latest choice first */
    var rtl = getComputedStyle(document.documentElement).direction === "rtl";

    function choose(entry, focus) {
      chosen = [entry.id].concat(chosen.filter(function (id) { return id !== entry.id; }));
      selectTabs(groups, chosen);
      if (focus) entry.tab.focus();
      remember("tabs", chosen.join(","));
    }

    /* Left/Right (mirrored right to left), Home and End among the tabs offered. */
    function move(group, event) {
      var index = group.shown.indexOf(group.selected), last = group.shown.length - 1, next = null;
      var forward = rtl ? "ArrowLeft" : "ArrowRight", back = rtl ? "ArrowRight" : "ArrowLeft";
      if (event.key === forward) next = index >= last ? 0 : index + 1;
      else if (event.key === back) next = index <= 0 ? last : index - 1;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = last;
      if (next === null) return;
      event.preventDefault();
      choose(group.shown[next], true);
    }

    /* A link to a heading inside a panel not shown selects that panel's tab. */
    function reveal() {
      var target = null;
      try { target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (error) { return; }
      var panel = target && target.closest(".tab-panel");
      if (!panel || !panel.hidden) return;
      groups.forEach(function (group) {
        group.tabs.forEach(function (t) { if (t.panel === panel) choose(t); });
      });
      target.scrollIntoView();
    }

    var groups = Array.prototype.map.call(containers, function (container) { return makeTabList(container, choose, move); });
    selectTabs(groups, chosen);
    reveal();
    window.addEventListener("hashchange", reveal);
  }

  setUpZones();
  setUpVersions();
  setUpTabs();
})();
