// Live regions of the control panel and the projector (elements with data-live and hx-get).
// htmx polls them every 2 s. htmx does not send conditional requests, so this script remembers
// each region's ETag (first from data-etag, then from every 200 answer) and sends it as
// If-None-Match; the server answers 304 with no body when nothing changed, and the region is
// left as it is (htmx would otherwise swap in the empty body). Without this script the
// pages still work: the forms post and redirect, and a reload shows the current state.
(function () {
  "use strict";
  const tags = new WeakMap();

  function isLive(elt) {
    return elt && elt.hasAttribute && elt.hasAttribute("data-live");
  }

  document.addEventListener("htmx:configRequest", function (event) {
    const elt = event.detail.elt;
    if (!isLive(elt) || event.detail.verb !== "get") return;
    const tag = tags.has(elt) ? tags.get(elt) : elt.getAttribute("data-etag");
    if (tag) event.detail.headers["If-None-Match"] = tag;
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 304) {
      event.detail.shouldSwap = false;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    const elt = event.detail.elt;
    const xhr = event.detail.xhr;
    if (!isLive(elt) || !xhr || xhr.status !== 200) return;
    const tag = xhr.getResponseHeader("ETag");
    if (tag) tags.set(elt, tag);
  });
})();
