// The roles-and-responsibilities grid, for coordinators (planning/coordination/matrix.html).
// The arrow keys (and Home / End) move between cells, L / S / C / I give the Organisation the
// role lead / support / consulted / informed, Delete or Backspace removes it; a change is saved
// at once with htmx (POST matrix_cell), which answers the re-drawn cell and, when a new lead
// demoted the previous one, that cell too (out of band). Without JavaScript the grid is a plain
// form with a "Save changes" button. Letters are read from the physical key (event.code), so
// they work with a Khmer keyboard layout too.
(() => {
  "use strict";
  const ROLE_KEYS = { KeyL: "lead", KeyS: "support", KeyC: "consulted", KeyI: "informed" };
  let active = null; // id of the cell that holds the grid's one tab stop

  const inGrid = (el) => el instanceof HTMLSelectElement && el.closest("[data-matrix-grid]");
  const selectIn = (td) => (td ? td.querySelector("select") : null);

  function rovingTabStops(table) {
    const selects = table.querySelectorAll("td[data-cell] select");
    if (!selects.length) return;
    let current = active && document.getElementById(active);
    if (!current || !table.contains(current)) {
      current = selects[0].closest("td");
      active = current.id;
    }
    selects.forEach((s) => { s.tabIndex = s.closest("td") === current ? 0 : -1; });
  }

  function focusCell(select) {
    if (!select) return;
    const table = select.closest("table");
    active = select.closest("td").id;
    rovingTabStops(table);
    select.focus();
  }

  function neighbour(select, key) {
    const td = select.closest("td");
    const tr = td.parentElement;
    const cells = Array.from(tr.querySelectorAll("td[data-cell]"));
    const at = cells.indexOf(td);
    switch (key) {
      case "ArrowLeft": return selectIn(cells[at - 1]);
      case "ArrowRight": return selectIn(cells[at + 1]);
      case "Home": return selectIn(cells[0]);
      case "End": return selectIn(cells[cells.length - 1]);
      case "ArrowUp":
      case "ArrowDown": {
        let row = key === "ArrowUp" ? tr.previousElementSibling : tr.nextElementSibling;
        while (row) {
          const found = selectIn(row.querySelectorAll("td[data-cell]")[at]);
          if (found) return found;
          row = key === "ArrowUp" ? row.previousElementSibling : row.nextElementSibling;
        }
        return null;
      }
      default: return null;
    }
  }

  function showStatus(text, isError) {
    const status = document.getElementById("matrix-status");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function save(select) {
    const form = select.form;
    const td = select.closest("td");
    const id = td.id;
    const table = td.closest("table");
    const [, org, kind, key] = select.name.split(":"); // r:<org>:<action|output>:<key>:<was>
    td.classList.add("saving");
    window.htmx.ajax("POST", form.dataset.cellUrl, {
      source: select,
      target: td,
      swap: "outerHTML",
      values: { organisation_id: org, target: `${kind}:${key}`, role: select.value },
    }).then(() => {
      const fresh = document.getElementById(id);
      rovingTabStops(table);
      const focusLost = !document.activeElement || document.activeElement === document.body;
      if (fresh && fresh !== td && focusLost && active === id) selectIn(fresh).focus();
    });
  }

  function setRole(select, role) {
    if (select.value === role) return;
    select.value = role;
    save(select);
  }

  document.addEventListener("keydown", (event) => {
    const select = event.target;
    if (!inGrid(select) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) {
      event.preventDefault();
      focusCell(neighbour(select, event.key));
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      setRole(select, "");
    } else if (ROLE_KEYS[event.code]) {
      event.preventDefault();
      setRole(select, ROLE_KEYS[event.code]);
    }
  });

  document.addEventListener("change", (event) => {
    if (inGrid(event.target)) save(event.target);
  });

  document.addEventListener("focusin", (event) => {
    if (inGrid(event.target)) {
      active = event.target.closest("td").id;
      rovingTabStops(event.target.closest("table"));
    }
  });

  document.addEventListener("htmx:responseError", (event) => {
    const form = document.getElementById("matrix-form");
    if (form && form.contains(event.detail.elt)) {
      showStatus(form.dataset.errorText, true);
      document.querySelectorAll("td.saving").forEach((td) => td.classList.remove("saving"));
    }
  });
  document.addEventListener("htmx:sendError", () => {
    const form = document.getElementById("matrix-form");
    if (form) showStatus(form.dataset.errorText, true);
  });

  function start() {
    const table = document.querySelector("[data-matrix-grid]");
    if (!table || !document.getElementById("matrix-form")) return;
    document.querySelectorAll("[data-no-js]").forEach((el) => { el.hidden = true; });
    rovingTabStops(table);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
