// The review page: decisions and comments saved at once through the JSON API (with the session's
// CSRF token), filters, keys j/k/a/d/o/c, and a poll that shows other editors' decisions and the
// job's progress. Manuscript text is only ever set as text (textContent), never as markup.
(function () {
  "use strict";
  var root = document.getElementById("review");
  if (!root) return;
  var id = root.dataset.manuscript, csrf = root.dataset.csrf;
  var names = {open: root.dataset.open, accepted: root.dataset.accepted, dismissed: root.dataset.dismissed};
  var rows = function () { return Array.prototype.slice.call(document.querySelectorAll("tr.finding")); };
  var visibleRows = function () { return rows().filter(function (r) { return !r.hidden; }); };
  var current = null;

  function select(row) {
    if (current) current.classList.remove("current");
    current = row;
    if (row) { row.classList.add("current"); row.focus({preventScroll: true}); row.scrollIntoView({block: "nearest"}); }
  }

  function show(row, f) {
    row.dataset.state = f.state;
    row.classList.remove("open", "accepted", "dismissed");
    row.classList.add(f.state);
    row.querySelector(".state").textContent = names[f.state] || f.state;
    row.querySelector(".by").textContent = (f.decided_by || "") + (f.reason ? ": " + f.reason : "") +
      (f.decided_at ? " · " + new Date(f.decided_at * 1000).toLocaleString() : "");
    var list = row.querySelector(".comments");
    list.textContent = "";
    (f.comments || []).forEach(function (c) {
      var li = document.createElement("li"), b = document.createElement("b");
      b.textContent = c.who;
      li.appendChild(b);
      li.appendChild(document.createTextNode(": " + c.text + " · " + new Date(c.at * 1000).toLocaleString()));
      list.appendChild(li);
    });
    filter();
  }

  function post(url, body, row) {
    return fetch(url, {method: "POST", credentials: "same-origin",
                       headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
                       body: JSON.stringify(body)})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, body: j}; }); })
      .then(function (res) {
        if (!res.ok) { window.alert(res.body.error || "error"); return; }
        show(row, res.body);
        row.classList.add("saved");
        setTimeout(function () { row.classList.remove("saved"); }, 800);
      });
  }

  function decide(row, state) {
    var reason = "";
    while (state === "dismissed" && !reason.trim()) {  // a dismissal needs its reason
      reason = window.prompt(root.dataset.reason, "");
      if (reason === null) return;
    }
    post("/api/findings/" + row.dataset.id, {state: state, reason: reason}, row);
  }

  function comment(row) {
    var text = window.prompt(root.dataset.comment, "");
    if (text) post("/api/findings/" + row.dataset.id + "/comments", {text: text}, row);
  }

  function filter() {
    var sev = value("f-sev"), rule = value("f-rule"), state = value("f-state");
    rows().forEach(function (r) {
      r.hidden = (sev && r.dataset.sev !== sev) || (rule && r.dataset.rule !== rule) || (state && r.dataset.state !== state);
    });
  }
  function value(name) { var el = document.getElementById(name); return el ? el.value : ""; }

  ["f-sev", "f-rule", "f-state"].forEach(function (name) {
    var el = document.getElementById(name);
    if (el) el.addEventListener("change", filter);
  });
  rows().forEach(function (row) {
    row.addEventListener("click", function () { select(row); });
    row.querySelector(".accept").addEventListener("click", function () { decide(row, "accepted"); });
    row.querySelector(".dismiss").addEventListener("click", function () { decide(row, "dismissed"); });
    row.querySelector(".reopen").addEventListener("click", function () { decide(row, "open"); });
    row.querySelector(".comment").addEventListener("click", function () { comment(row); });
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) return;
    var list = visibleRows(), at = list.indexOf(current);
    if (e.key === "j") select(list[Math.min(at + 1, list.length - 1)] || null);
    else if (e.key === "k") select(list[Math.max(at - 1, 0)] || null);
    else if (current && e.key === "a") decide(current, "accepted");
    else if (current && e.key === "d") decide(current, "dismissed");
    else if (current && e.key === "o") decide(current, "open");
    else if (current && e.key === "c") comment(current);
    else return;
    e.preventDefault();
  });

  Array.prototype.forEach.call(document.querySelectorAll(".time[data-t], .by[data-t]"), function (el) {
    el.appendChild(document.createTextNode(" · " + new Date(parseFloat(el.dataset.t) * 1000).toLocaleString()));
  });

  var status = document.getElementById("status");
  function poll() {
    fetch("/api/manuscripts/" + id, {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (m) {
        if (!m) return;
        if (m.status !== status.dataset.status) { window.location.reload(); return; }
        var byId = {};
        (m.findings || []).forEach(function (f) { byId[f.id] = f; });
        rows().forEach(function (row) { var f = byId[row.dataset.id]; if (f && f.state + (f.comments || []).length + (f.reason || "") !== row.dataset.seen) { row.dataset.seen = f.state + (f.comments || []).length + (f.reason || ""); show(row, f); } });
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, status.dataset.status === "done" ? 4000 : 1000); });
  }
  setTimeout(poll, status.dataset.status === "done" ? 4000 : 1000);
})();
