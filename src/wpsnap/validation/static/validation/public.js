/* The public front's small script (no framework; everything works without it).
 *  - Votes, comments and new wording are sent with fetch and an idempotency key kept until the
 *    server acknowledges; on a network failure or timeout the same request is retried with
 *    backoff. The status line says "Saved" or "Not saved yet" (aria-live).
 *  - Follow mode: polls the `now` URL every 2 s (If-None-Match → 304 when nothing changed) and
 *    moves to the facilitator's current item — unless the person is typing, then it offers a link.
 *  - Priorities: shows the points left.
 */
(function () {
  "use strict";

  var TIMEOUT_MS = 8000;
  var MAX_DELAY_MS = 15000;
  var POLL_MS = 2000;

  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  var texts = {};
  function text(key, fallback) { return texts[key] || fallback; }

  function readTexts() {
    var el = document.getElementById("attend-texts");
    if (!el) { return; }
    Array.prototype.forEach.call(el.content ? el.content.children : el.children, function (s) {
      texts[s.getAttribute("data-key")] = s.textContent;
    });
  }

  function setStatus(form, message, kind) {
    var status = form.querySelector(".save-status");
    if (!status) { return; }
    status.textContent = message;
    status.className = "save-status" + (kind ? " " + kind : "");
  }

  // --- Sending with retries -------------------------------------------------------------------

  function send(form, submitter) {
    var kind = form.getAttribute("data-async");
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var key = newKey();
    data.set("idempotency_key", key);
    // A newer submit of the same form replaces an older one still retrying.
    var op = { key: key, cancelled: false, attempt: 0 };
    if (form._op) { form._op.cancelled = true; }
    form._op = op;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");

    if (kind === "vote" && submitter) {
      Array.prototype.forEach.call(form.querySelectorAll("button[name=choice]"), function (b) {
        b.classList.toggle("pending", b === submitter);
      });
    }
    setStatus(form, text("sending", "Sending…"), "unsaved");

    function attempt() {
      if (op.cancelled) { return; }
      op.attempt += 1;
      var controller = window.AbortController ? new AbortController() : null;
      var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
      fetch(form.action, {
        // URL-encoded, not multipart: a smaller request and a cheaper parse on the server.
        method: "POST", body: new URLSearchParams(data), credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" },
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (timer) { clearTimeout(timer); }
        if (response.status >= 500 || response.status === 429) {
          var wait = response.status === 429 ? 60000 : null;
          return response.json().catch(function () { return {}; }).then(function (body) {
            retry(body.message, wait);
          });
        }
        return response.json().then(function (body) {
          if (op.cancelled) { return; }
          form._op = null;
          if (body.saved) { done(body); } else { refused(body); }
        }, function () { retry(); });
      }, function () {
        if (timer) { clearTimeout(timer); }
        retry();
      });
    }

    function retry(message, wait) {
      if (op.cancelled) { return; }
      var delay = wait || Math.min(MAX_DELAY_MS, 1000 * Math.pow(2, op.attempt - 1));
      setStatus(form, message || text("unsaved", "Not saved yet. Trying again…"), "unsaved");
      setTimeout(attempt, delay);
    }

    function done(body) {
      setStatus(form, body.message || text("saved", "Saved"), "saved");
      if (kind === "vote") {
        Array.prototype.forEach.call(form.querySelectorAll("button[name=choice]"), function (b) {
          b.classList.remove("pending");
          b.setAttribute("aria-pressed", b.value === body.choice ? "true" : "false");
        });
      } else {
        var area = form.querySelector("textarea");
        if (area && kind === "comment") { area.value = ""; }
        if (area) { area.defaultValue = area.value; }
      }
    }

    function refused(body) {
      setStatus(form, body.message || text("failed", "Not saved."), "failed");
      Array.prototype.forEach.call(form.querySelectorAll("button.pending"), function (b) {
        b.classList.remove("pending");
      });
    }

    attempt();
  }

  function bindForms() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-async]"), function (form) {
      var lastSubmitter = null;
      form.addEventListener("click", function (e) {
        var b = e.target.closest ? e.target.closest("button[type=submit]") : null;
        if (b) { lastSubmitter = b; }
      });
      form.addEventListener("submit", function (e) {
        if (!window.fetch || !window.FormData || !window.URLSearchParams) { return; } // plain form post
        e.preventDefault();
        send(form, e.submitter || lastSubmitter);
      });
    });
  }

  // --- Follow mode ----------------------------------------------------------------------------

  function typing() {
    var areas = document.querySelectorAll("form[data-async] textarea");
    for (var i = 0; i < areas.length; i++) {
      if (areas[i].value !== areas[i].defaultValue) { return true; }
    }
    return false;
  }

  function follow() {
    var body = document.body;
    var url = body.getAttribute("data-now-url");
    if (!url || !window.fetch) { return; }
    var following = body.getAttribute("data-follow") === "1";
    var itemId = body.getAttribute("data-item-id") || "";
    var itemState = body.getAttribute("data-item-state") || "";
    var workshopState = body.getAttribute("data-workshop-state") || "";
    var etag = null;
    var timer = null;
    var banner = document.getElementById("follow-banner");
    var messages = {};
    var tpl = document.getElementById("follow-messages");
    if (tpl) {
      Array.prototype.forEach.call(tpl.content ? tpl.content.children : tpl.children, function (s) {
        messages[s.getAttribute("data-key")] = s.textContent;
      });
    }

    function offer(href, key) {
      if (!banner) { window.location.assign(href); return; }
      banner.querySelector(".follow-text").textContent = messages[key] || "";
      var link = document.getElementById("follow-link");
      link.href = href;
      if (key === "changed") { link.textContent = messages.reload || link.textContent; }
      banner.hidden = false;
    }

    function go(href, key) {
      if (typing()) { offer(href, key); } else { window.location.assign(href); }
    }

    function handle(state) {
      if (state.state !== workshopState) { go(window.location.href, "changed"); return; }
      var current = state.item ? String(state.item) : "";
      if (following && current && current !== itemId) { go(state.url, "moved"); return; }
      if (itemId && current === itemId && state.item_state !== itemState) {
        go(window.location.href, "changed");
      }
    }

    function poll() {
      timer = null;
      if (document.hidden) { return; }
      var headers = { "Accept": "application/json" };
      if (etag) { headers["If-None-Match"] = etag; }
      fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 200) {
            etag = response.headers.get("ETag");
            return response.json().then(handle);
          }
        }).catch(function () { /* offline for a moment: try again at the next tick */ })
        .then(schedule, schedule);
    }

    function schedule() {
      if (!timer && !document.hidden) { timer = setTimeout(poll, POLL_MS); }
    }

    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && !timer) { poll(); }
    });
    schedule();
  }

  // --- Priorities: points left ----------------------------------------------------------------

  function priorities() {
    var form = document.querySelector("form[data-budget]");
    if (!form) { return; }
    var budget = parseInt(form.getAttribute("data-budget"), 10) || 0;
    var out = form.querySelector(".points-left");
    function update() {
      var used = 0;
      Array.prototype.forEach.call(form.querySelectorAll("input[type=number]"), function (i) {
        var v = parseInt(i.value, 10);
        if (v > 0) { used += v; }
      });
      if (out) {
        out.textContent = (out.getAttribute("data-template") || "%(n)s")
          .replace("%(n)s", String(budget - used));
        out.classList.toggle("error", used > budget);
      }
    }
    form.addEventListener("input", update);
    update();
  }

  function start() {
    readTexts();
    bindForms();
    follow();
    priorities();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
