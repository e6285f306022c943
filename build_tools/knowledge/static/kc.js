// @ts-check
// Knowledge checks, kept in ack.js's state by the same rules.
(() => {
  /** @type {any} */ const w = window, S = w.DbtAckState, page = w.DbtAckPage;
  const data = page?.read("dbt-kc-data");
  if (!data) return;
  const { state, all, put, announce } = page;
  const say = page.sayFrom(data.text);
  const words = (el) => (el?.textContent || "").replace(/\s+/g, " ").trim();

  function render(reset = 0) {
    const ticks = state.load();
    for (const b of all("[data-kc]")) {
      const key = b.dataset.kcKey, el = b.querySelector("[data-kc-before]"), is = S.status(ticks, key, b.dataset.kcHash);
      put(el, (el.hidden = is != "agreed") ? "" : say("before", { when: new Date(ticks[key].t).toLocaleDateString() }));
      if (reset && is == "open") for (const e of all("[data-kc-option],[data-kc-feedback]", b)) (e.checked = false), e.replaceChildren();
    }
    for (const li of all("[data-kc-state]")) put(li.firstChild, say("s_" + S.status(ticks, li.dataset.kcKey, li.dataset.kcHash)) + " ");
    for (const m of data.modules) {
      const count = S.progress(ticks, m.items);
      for (const el of all(`[data-kc-progress="${m.id}"]`)) put(el, say("module", count));
      for (const el of all(`[data-kc-record="${m.id}"] [data-kc-count]`)) put(el, say("record", count));
    }
  }

  function check(block) {
    const options = all("[data-kc-option]", block), chosen = options.filter((o) => o.checked);
    const feedback = block.querySelector("[data-kc-feedback]");
    if (!chosen.length) return announce(feedback, [say("choose")]);
    const ok = (o) => o.hasAttribute("data-kc-right"), right = options.every((o) => o.checked == ok(o));
    const missed = !right && chosen.every(ok);
    // A client's miss is kept: still unclear, for the summary.
    const stored = state.set(block.dataset.kcKey, right ? block.dataset.kcHash : "kcClient" in block.dataset && "unclear", Date.now());
    const why = chosen.map((o) => {
      const part = (p) => words(block.querySelector(`[data-kc-answer="${o.value}"] [data-kc-${p}]`));
      return say("chosen", { option: part("text"), why: part("why") });
    });
    announce(feedback, [say(right ? "right" : "wrong"), ...why, missed && say("missed"), !right && say("again"), !stored && say("failed")]);
    render();
  }

  addEventListener("click", (e) => {
    const button = /** @type {any} */ (e.target).closest("[data-kc-check]");
    if (button) check(button.closest("[data-kc]"));
  });
  // Once cleared (here or on another page): no feedback, nor a choice Back restores.
  for (const type of ["pageshow", "dbt-ack-cleared"]) addEventListener(type, () => render(1));
  page.hooks.push(render); // on each ack.js render

  for (const el of all("[data-kc-controls]")) el.hidden = false;
  render();
})();
