/**
 * The dashboard's only script of its own (htmx does the rest), embedded so the bundled CLI needs no
 * files beside it. Served at /assets/dashboard.js. It never builds HTML from data: rows come
 * server-rendered (escaped) from /feed/row/:id; everything else sets classes and textContent.
 */
export const DASHBOARD_JS = String.raw`(function () {
  "use strict";
  var page = document.body.dataset.page;

  // Whole rows open the decision, unless the click was on a link or the user is selecting text.
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!t || !t.closest) return;
    var tr = t.closest("tr[data-href]");
    if (!tr || t.closest("a, button, input, select, label")) return;
    if (String(window.getSelection ? window.getSelection() : "").length) return;
    if (e.metaKey || e.ctrlKey) window.open(tr.dataset.href, "_blank");
    else window.location.href = tr.dataset.href;
  });

  // Wide charts scroll sideways on small screens: start at the newest end.
  Array.prototype.forEach.call(document.querySelectorAll(".chart-scroll"), function (el) { el.scrollLeft = el.scrollWidth; });

  if (page === "feed") live();
  if (page === "detail") spans();
  if (page === "policy") ruleFilter();

  function live() {
    var status = document.getElementById("live");
    var queue = Promise.resolve();
    var retry = 0;
    var failed = false;
    function state(s, text) {
      if (!status) return;
      status.dataset.state = s;
      status.querySelector(".live-text").textContent = text;
    }
    function matches(s) {
      var feed = document.getElementById("feed");
      if (!feed) return false;
      var f = feed.dataset;
      if (f.decision && s.decision !== f.decision) return false;
      if (f.tool && s.tool !== f.tool) return false;
      if (f.session && s.session_id !== f.session) return false;
      if (f.rule && (s.rules || []).indexOf(f.rule) < 0) return false;
      if (f.text) {
        var q = f.text.toLowerCase();
        if (String(s.subject || "").toLowerCase().indexOf(q) < 0 && String(s.reason_for_user || "").toLowerCase().indexOf(q) < 0) return false;
      }
      return true;
    }
    function has(rows, id) {
      return Array.prototype.some.call(rows.rows, function (r) { return r.dataset.id === id; });
    }
    function insert(s) {
      return fetch("/feed/row/" + encodeURIComponent(s.id), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (text) {
          var rows = document.getElementById("rows");
          if (!text || !rows || !matches(s) || has(rows, s.id)) return;
          var tpl = document.createElement("template");
          tpl.innerHTML = text.trim();
          var tr = tpl.content.querySelector("tr");
          if (!tr) return;
          Array.prototype.forEach.call(rows.querySelectorAll("tr.empty-row"), function (x) { x.remove(); });
          tr.classList.add("row-new");
          rows.insertBefore(tr, rows.firstChild);
          setTimeout(function () { tr.classList.remove("row-new"); }, 2600);
        })
        .catch(function () {});
    }
    function refresh() {
      if (window.htmx && document.getElementById("feed")) window.htmx.ajax("GET", window.location.pathname + window.location.search, { target: "#feed", swap: "outerHTML", headers: { "HX-Target": "feed" } });
    }
    function connect() {
      var es = new EventSource("/api/stream");
      es.addEventListener("open", function () {
        state("live", "Live");
        if (failed) refresh(); // we may have missed decisions while away
        failed = false;
        retry = 0;
      });
      es.addEventListener("decision", function (ev) {
        var s;
        try { s = JSON.parse(ev.data); } catch (err) { return; }
        if (!s || !matches(s)) return;
        queue = queue.then(function () { return insert(s); });
      });
      es.addEventListener("error", function () {
        failed = true;
        if (es.readyState === 2) {
          state("off", "Offline");
          setTimeout(connect, Math.min(30000, 2000 * Math.pow(2, retry++)));
        } else {
          state("connecting", "Reconnecting…");
        }
      });
    }
    if (window.EventSource) connect();
    else state("off", "No live updates");
  }

  function spans() {
    var list = document.getElementById("effects");
    var cmd = document.getElementById("command");
    if (!list) return;
    var segs = cmd ? Array.prototype.slice.call(cmd.querySelectorAll(".seg")) : [];
    var items = Array.prototype.slice.call(list.querySelectorAll("li.effect"));
    function light(i, on) {
      segs.forEach(function (s) { if (s.dataset.fx.split(" ").indexOf(i) >= 0) s.classList.toggle("on", on); });
      items.forEach(function (li) { if (li.dataset.fx === i) li.classList.toggle("on", on); });
    }
    items.forEach(function (li) {
      li.tabIndex = 0;
      var i = li.dataset.fx;
      li.addEventListener("mouseenter", function () { light(i, true); });
      li.addEventListener("mouseleave", function () { light(i, false); });
      li.addEventListener("focus", function () { light(i, true); });
      li.addEventListener("blur", function () { light(i, false); });
    });
    // Hovering the command lights the effects that cover that spot.
    segs.forEach(function (s) {
      var fx = s.dataset.fx.split(" ");
      s.addEventListener("mouseenter", function () { fx.forEach(function (i) { items[i] && items[i].classList.add("on"); }); s.classList.add("on"); });
      s.addEventListener("mouseleave", function () { fx.forEach(function (i) { items[i] && items[i].classList.remove("on"); }); s.classList.remove("on"); });
    });
  }

  function ruleFilter() {
    var input = document.getElementById("rule-filter");
    if (!input) return;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(document.querySelectorAll(".rule-group"), function (g) {
        var shown = 0;
        Array.prototype.forEach.call(g.querySelectorAll(".prule"), function (li) {
          var ok = !q || li.dataset.search.indexOf(q) >= 0;
          li.hidden = !ok;
          if (ok) shown++;
        });
        g.hidden = shown === 0;
      });
    });
  }
})();
`;
