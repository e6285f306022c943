// @ts-check
// furo's two drawers (the page list, "On this page"), usable by keyboard and screen
// reader. furo opens them with hidden checkboxes and <label> icons (no focus, no name,
// no state; furo pull request #660): page.html gives each icon a real button, and this
// keeps furo's checkbox as the state, so furo's CSS opens and lays out the drawers as
// before for mouse and touch. A closed drawer that sits off-screen is inert: out of the
// Tab order and the accessibility tree. Opening moves focus in; Escape, the button again
// or the dark overlay closes and returns focus to the button; Tab out of the drawer
// closes it, so focus never sits hidden behind it.
(() => {
  // Where furo moves each drawer off-screen (its stylesheet's breakpoints).
  const OFF_SCREEN = { __navigation: "(max-width: 63em)", __toc: "(max-width: 82em)" };
  const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex='-1'])";
  /** @type {HTMLElement | null} */ let opener = null;

  /** @param {string} id */
  function drawer(id) {
    const box = /** @type {HTMLInputElement | null} */ (document.getElementById(id));
    const panel = /** @type {HTMLElement | null} */ (document.querySelector(`[data-dbt-drawer-panel="${id}"]`));
    const buttons = /** @type {HTMLElement[]} */ ([...document.querySelectorAll(`[data-dbt-drawer="${id}"]`)]);
    return box && panel && { id, box, panel, buttons, narrow: matchMedia(OFF_SCREEN[id]) };
  }
  const drawers = Object.keys(OFF_SCREEN).map(drawer).filter((d) => !!d);

  /** @param {NonNullable<ReturnType<typeof drawer>>} d */
  function sync(d) {
    const open = d.box.checked;
    for (const b of d.buttons) b.setAttribute("aria-expanded", String(open));
    d.panel.inert = d.narrow.matches && !open;
  }

  /** @param {NonNullable<ReturnType<typeof drawer>>} d @param {boolean} open @param {boolean} [refocus] */
  function set(d, open, refocus = true) {
    d.box.checked = open;
    sync(d);
    if (open) {
      for (const other of drawers) if (other != d && other.box.checked) set(other, false, false);
      /** @type {HTMLElement | null} */ (d.panel.querySelector(FOCUSABLE))?.focus();
    } else if (refocus && opener && d.buttons.includes(opener)) {
      opener.focus();
    }
  }

  for (const d of drawers) {
    for (const b of d.buttons) {
      b.hidden = false;
      b.addEventListener("click", () => {
        opener = b;
        set(d, !d.box.checked);
      });
    }
    // The overlay is furo's <label>: a click on it changes the checkbox.
    d.box.addEventListener("change", () => (d.box.checked ? sync(d) : set(d, false)));
    d.narrow.addEventListener("change", () => sync(d));
    d.panel.addEventListener("focusout", (e) => {
      const to = /** @type {Node | null} */ (e.relatedTarget);
      if (d.box.checked && d.narrow.matches && to && !d.panel.contains(to) && !d.buttons.includes(/** @type {any} */ (to))) set(d, false, false);
    });
    // A link followed inside the drawer: the drawer's work is done.
    d.panel.addEventListener("click", (e) => {
      if (d.box.checked && /** @type {Element} */ (e.target).closest("a[href]")) set(d, false, false);
    });
    sync(d);
  }
  addEventListener("keydown", (e) => {
    if (e.key != "Escape") return;
    for (const d of drawers) if (d.box.checked) set(d, false), e.preventDefault();
  });
  // Back from the back/forward cache: the checkboxes may come back checked.
  addEventListener("pageshow", () => drawers.forEach(sync));

  // The colour theme button says which theme is on (furo's own click handler changes it).
  const themeLabel = () => {
    for (const b of document.querySelectorAll("[data-dbt-theme]")) {
      const words = /** @type {HTMLElement} */ (b).dataset["label" + (document.body.dataset.theme || "auto").replace(/^./, (c) => c.toUpperCase())];
      if (words) b.setAttribute("aria-label", words);
    }
  };
  new MutationObserver(themeLabel).observe(document.body, { attributes: true, attributeFilter: ["data-theme"] });
  themeLabel();
  // Chromium does not scroll a focused control that is in view but under the sticky
  // header (scroll-padding counts only when it scrolls anyway): WCAG 2.4.11, e.g. by
  // Shift+Tab to a checklist's question button just above the next box.
  addEventListener("focusin", (e) => {
    const header = document.querySelector(".mobile-header")?.getBoundingClientRect().bottom || 0;
    const y = /** @type {Element} */ (e.target).getBoundingClientRect?.().top - header;
    if (y < 0) scrollBy(0, y - 8);
  });
})();
