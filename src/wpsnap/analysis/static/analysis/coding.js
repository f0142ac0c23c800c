// The coding workspace (progressive enhancement: every action also works as a plain form).
// - A selection in the original text becomes start/end offsets in characters (Unicode code
//   points, as Python counts them) of the ORIGINAL text. The server cuts the text into
//   segments <span|mark data-o=offset data-n=length>; JS strings count UTF-16 units, so
//   offsets inside a segment are converted with for…of (which walks code points).
// - Keys: 1–9 apply the numbered Code, / finds a Code, y / x accept / reject the first
//   suggestion, n j next, p k previous, m memo, ? help. Ignored while typing.
(function () {
  "use strict";

  const root = document.getElementById("coding-root");
  if (!root) return;
  const byId = (id) => document.getElementById(id);
  const form = byId("apply-form");
  const filter = byId("code-filter");
  const help = byId("key-help");
  let selected = null; // {start, end, text} or null: the whole Statement
  let pending = 0; // apply requests in flight
  let leaveTo = null; // a page to go to once they are done
  let active = 0; // the type-ahead's highlighted Code among those shown

  document.querySelectorAll(".js-only").forEach((el) => { el.hidden = false; });
  const helpOpen = byId("key-help-open");
  if (helpOpen && help && help.showModal) helpOpen.hidden = false;

  // --- offsets ---------------------------------------------------------------------------------
  function codePoints(s) {
    let n = 0;
    for (const _ch of s) n += 1; // eslint-disable-line no-unused-vars
    return n;
  }

  function utf16Index(s, cp) {
    let i = 0;
    let n = 0;
    for (const ch of s) {
      if (n >= cp) break;
      i += ch.length;
      n += 1;
    }
    return i;
  }

  const textBox = () => byId("statement-text");

  function segmentOf(node, box) {
    let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    while (el && el !== box && !(el.dataset && el.dataset.o !== undefined)) el = el.parentElement;
    return el && el !== box ? el : null;
  }

  function offsetOf(node, offset, box) {
    const total = Number(box.dataset.length);
    if (node === box) {
      const child = box.childNodes[offset];
      const seg = child ? segmentOf(child, box) : null;
      return seg ? Number(seg.dataset.o) : total;
    }
    const seg = segmentOf(node, box);
    if (!seg) return 0;
    const o = Number(seg.dataset.o);
    const n = Number(seg.dataset.n);
    let within;
    if (node.nodeType === Node.TEXT_NODE) {
      // A browser shows "\r\n" as "\n": the end of a segment stands for all n characters.
      within = offset >= node.data.length ? n : codePoints(node.data.slice(0, offset));
    } else {
      within = offset === 0 ? 0 : n;
    }
    return o + Math.min(within, n);
  }

  function readSelection() {
    const box = textBox();
    const sel = window.getSelection();
    if (!box || !sel || sel.rangeCount === 0) return undefined;
    const range = sel.getRangeAt(0);
    if (!range.intersectsNode(box)) return undefined;
    if (sel.isCollapsed) return box.contains(range.startContainer) ? null : undefined;
    const whole = document.createRange();
    whole.selectNodeContents(box);
    const total = Number(box.dataset.length);
    const start = range.compareBoundaryPoints(Range.START_TO_START, whole) <= 0
      ? 0 : offsetOf(range.startContainer, range.startOffset, box);
    const end = range.compareBoundaryPoints(Range.END_TO_END, whole) >= 0
      ? total : offsetOf(range.endContainer, range.endOffset, box);
    if (end <= start) return null;
    if (start === 0 && end === total) return null; // all of it: the whole Statement
    return { start, end, text: sel.toString() };
  }

  function rangeFor(start, end) {
    const box = textBox();
    if (!box) return null;
    const segs = Array.from(box.querySelectorAll("[data-o]"));
    const point = (cp, isEnd) => {
      for (const seg of segs) {
        const o = Number(seg.dataset.o);
        const n = Number(seg.dataset.n);
        if (isEnd ? cp <= o + n : cp < o + n) {
          const t = seg.firstChild;
          if (!t || t.nodeType !== Node.TEXT_NODE) return [seg, 0];
          const within = cp - o;
          return [t, within >= n ? t.data.length : utf16Index(t.data, within)];
        }
      }
      return [box, box.childNodes.length];
    };
    const range = document.createRange();
    range.setStart(...point(start, false));
    range.setEnd(...point(end, true));
    return range;
  }

  function paint(name, start, end) {
    if (!(window.CSS && CSS.highlights && window.Highlight)) return;
    const range = start === null ? null : rangeFor(start, end);
    if (range) CSS.highlights.set(name, new Highlight(range));
    else CSS.highlights.delete(name);
  }

  function showSelection() {
    const info = byId("selection-info");
    const clear = byId("selection-clear");
    byId("apply-start").value = selected ? selected.start : "";
    byId("apply-end").value = selected ? selected.end : "";
    if (selected) {
      let text = selected.text.replace(/\s+/g, " ").trim();
      if (codePoints(text) > 60) text = Array.from(text).slice(0, 59).join("") + "…";
      info.textContent = root.dataset.msgSpan.replace("{start}", selected.start)
        .replace("{end}", selected.end).replace("{text}", text);
      clear.hidden = false;
      paint("coding-selection", selected.start, selected.end);
    } else {
      info.textContent = root.dataset.msgWhole;
      clear.hidden = true;
      paint("coding-selection", null);
    }
  }

  document.addEventListener("selectionchange", () => {
    const found = readSelection();
    if (found === undefined) return; // a selection elsewhere on the page
    selected = found;
    showSelection();
  });

  byId("selection-clear").addEventListener("click", () => {
    selected = null;
    const sel = window.getSelection();
    if (sel) sel.removeAllRanges();
    showSelection();
  });

  // Show a Coding's span while pointing at it or focusing it in the list.
  function codingHover(event) {
    const item = event.target.closest && event.target.closest("li.coding");
    if (!item) return;
    paint("coding-focus", Number(item.dataset.start), Number(item.dataset.end));
  }
  function codingLeave(event) {
    const item = event.target.closest && event.target.closest("li.coding");
    if (item) paint("coding-focus", null);
  }
  document.addEventListener("mouseover", codingHover);
  document.addEventListener("focusin", codingHover);
  document.addEventListener("mouseout", codingLeave);
  document.addEventListener("focusout", codingLeave);

  // The panel is replaced after each change: show the kept selection again.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.target && event.target.id === "coding-panel") showSelection();
  });

  // --- applying Codes ---------------------------------------------------------------------------
  const items = () => Array.from(document.querySelectorAll("#code-list > li"));
  const shown = () => items().filter((li) => !li.hidden)
    .map((li) => li.querySelector("button.code-button")).filter(Boolean);
  const numbered = () => shown().filter((b) => !b.hasAttribute("data-group"));

  function renumber() {
    items().forEach((li) => {
      const num = li.querySelector(".num");
      if (num) num.textContent = "";
      li.classList.remove("active");
    });
    numbered().slice(0, 9).forEach((b, i) => { b.querySelector(".num").textContent = i + 1; });
    const list = shown();
    if (active >= list.length) active = Math.max(0, list.length - 1);
    if (list[active]) list[active].closest("li").classList.add("active");
  }

  function apply(button) {
    // A click (not requestSubmit) so that htmx sends the button's name and value.
    if (button && form) button.click();
  }

  const norm = (s) => (s || "").normalize("NFC").toLowerCase();
  if (filter) {
    filter.addEventListener("input", () => {
      const words = norm(filter.value).split(/\s+/).filter(Boolean);
      items().forEach((li) => {
        const hay = norm(li.dataset.search);
        li.hidden = words.length > 0 && !words.every((w) => hay.includes(w));
      });
      active = 0;
      renumber();
    });
    filter.addEventListener("keydown", (event) => {
      const list = shown();
      if (event.key === "Enter") {
        event.preventDefault();
        if (list.length && filter.value.trim()) {
          apply(list[active] || list[0]);
          filter.value = "";
          filter.dispatchEvent(new Event("input"));
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        filter.value = "";
        filter.dispatchEvent(new Event("input"));
        filter.blur();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!list.length) return;
        active = (active + (event.key === "ArrowDown" ? 1 : list.length - 1)) % list.length;
        renumber();
      }
    });
  }

  if (form) {
    form.addEventListener("htmx:beforeRequest", () => { pending += 1; });
    form.addEventListener("htmx:afterRequest", (event) => {
      pending = Math.max(0, pending - 1);
      if (event.detail && event.detail.successful) {
        const memo = byId("apply-memo");
        if (memo && !document.querySelector("#coding-status [role=alert]")) memo.value = "";
      }
      if (pending === 0 && leaveTo) window.location.assign(leaveTo);
    });
  }

  // --- keys -------------------------------------------------------------------------------------
  function go(id) {
    const link = byId(id);
    if (!link) return;
    if (pending > 0) leaveTo = link.href; // finish applying first
    else window.location.assign(link.href);
  }

  function clickFirst(selector) {
    const button = document.querySelector(`#suggestions ${selector}`);
    if (button && !button.disabled) button.click();
  }

  function toggleHelp() {
    if (!help || !help.showModal) return;
    if (help.open) help.close();
    else help.showModal();
  }
  if (helpOpen) helpOpen.addEventListener("click", toggleHelp);

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    if (target === filter) return; // handled above
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (help && help.open) {
      if (event.key === "?") { event.preventDefault(); help.close(); }
      return;
    }
    const key = event.key;
    if (/^[1-9]$/.test(key)) {
      const button = numbered()[Number(key) - 1];
      if (button) { event.preventDefault(); apply(button); }
      return;
    }
    switch (key) {
      case "/":
        if (filter) { event.preventDefault(); filter.focus(); filter.select(); }
        break;
      case "n": case "j": event.preventDefault(); go("queue-next"); break;
      case "p": case "k": event.preventDefault(); go("queue-prev"); break;
      case "m": {
        const memo = byId("apply-memo");
        if (memo) { event.preventDefault(); memo.focus(); }
        break;
      }
      case "y": event.preventDefault(); clickFirst("[data-accept]"); break;
      case "x": event.preventDefault(); clickFirst("[data-reject]"); break;
      case "?": event.preventDefault(); toggleHelp(); break;
      default: break;
    }
  });

  renumber();
  showSelection();
}());
