// Msnp operators' console: asks before destructive actions and redraws the live parts of the
// overview and sessions pages from /live. Text goes in with textContent only, never as HTML.
(function () {
  "use strict";

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      e.preventDefault();
    }
  });

  var page = document.querySelector("[data-live-page]");
  if (!page) {
    return;
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    row.appendChild(td);
    return td;
  }

  function fill(name, items, makeRow) {
    var body = document.querySelector('[data-live="' + name + '"]');
    if (!body) {
      return;
    }
    var rows = items.map(makeRow);
    body.replaceChildren.apply(body, rows);
  }

  function set(name, value) {
    document.querySelectorAll('[data-live="' + name + '"]').forEach(function (el) {
      el.textContent = String(value);
    });
  }

  function token() {
    var input = document.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : "";
  }

  function kickRow(s) {
    var row = document.createElement("tr");
    row.setAttribute("data-account", s.account);
    [s.account, s.remote, s.client, s.dialect, s.transport, s.status, s.signedInAt.replace("T", " ").substring(0, 19)].forEach(function (t) { cell(row, t); });
    var td = cell(row, "");
    var form = document.createElement("form");
    form.method = "post";
    form.action = "/sessions?handler=Kick";
    [["email", s.account], ["__RequestVerificationToken", token()]].forEach(function (p) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = p[0];
      input.value = p[1];
      form.appendChild(input);
    });
    var button = document.createElement("button");
    button.type = "submit";
    button.textContent = "Kick";
    button.setAttribute("aria-label", "Sign out " + s.account);
    form.appendChild(button);
    td.appendChild(form);
    return row;
  }

  function draw(id, points, key) {
    var svg = document.getElementById(id);
    if (!svg) {
      return;
    }
    var max = 0;
    points.forEach(function (p) { max = Math.max(max, p[key]); });
    var scale = max > 0 ? 95 / max : 0;
    var step = points.length > 1 ? 300 / (points.length - 1) : 0;
    var coords = points.map(function (p, i) { return (i * step).toFixed(1) + "," + (98 - p[key] * scale).toFixed(1); });
    var line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    line.setAttribute("points", coords.join(" "));
    svg.replaceChildren(line);
  }

  function update(data) {
    set("online-count", data.online.length);
    set("switchboards", data.switchboards);
    set("signins", data.signIns);
    set("messages", data.messages);
    var last = data.rates.length ? data.rates[data.rates.length - 1] : { signInsPerSecond: 0, messagesPerSecond: 0 };
    set("signins-rate", last.signInsPerSecond.toFixed(2));
    set("messages-rate", last.messagesPerSecond.toFixed(2));
    fill("online-users", data.online, function (s) {
      var row = document.createElement("tr");
      [s.account, s.friendlyName, s.status, s.dialect, s.transport].forEach(function (t) { cell(row, t); });
      return row;
    });
    var groups = {};
    data.online.forEach(function (s) {
      var key = s.dialect + " " + s.transport;
      groups[key] = groups[key] || { dialect: s.dialect, transport: s.transport, count: 0 };
      groups[key].count++;
    });
    fill("by-dialect", Object.keys(groups).sort().map(function (k) { return groups[k]; }), function (g) {
      var row = document.createElement("tr");
      [g.dialect, g.transport, g.count].forEach(function (t) { cell(row, t); });
      return row;
    });
    fill("errors", data.errors, function (e) {
      var row = document.createElement("tr");
      [e.code, e.count].forEach(function (t) { cell(row, t); });
      return row;
    });
    fill("sessions", data.online, kickRow);
    draw("chart-signins", data.rates, "signInsPerSecond");
    draw("chart-messages", data.rates, "messagesPerSecond");
  }

  function poll() {
    fetch("/live", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () { })
      .then(function () { window.setTimeout(poll, 2000); });
  }

  poll();
})();
