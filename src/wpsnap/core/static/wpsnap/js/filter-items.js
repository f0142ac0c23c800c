// Long checkbox lists (Findings, Framework items) on the Findings and results-framework forms:
// a box with data-filter-items="<list id>" filters them as you type (the lists work without it).
document.addEventListener("input", (event) => {
  const box = event.target;
  if (!box.matches || !box.matches("[data-filter-items]")) return;
  const scope = document.getElementById(box.dataset.filterItems);
  if (!scope) return;
  const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
  scope.querySelectorAll("li[data-text]").forEach((li) => {
    const text = li.dataset.text.toLowerCase();
    li.hidden = words.length > 0 && !words.every((w) => text.includes(w));
  });
  scope.querySelectorAll("details").forEach((group) => {
    const shown = group.querySelectorAll("li[data-text]:not([hidden])").length;
    group.hidden = shown === 0;
    if (words.length) group.open = shown > 0;
  });
});
