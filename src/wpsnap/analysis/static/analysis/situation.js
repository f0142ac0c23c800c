// The Situation Analysis: a Print button (CSP forbids inline scripts). Without JavaScript the
// button stays hidden and the browser's own Print works the same.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
