// @ts-check
// Knowledge checks, kept in ack.js's state by the same rules.
(() => {
  /** @type {any} */ const w = window, S = w.DbtAckState, page = w.DbtAckPage;
  const data = page?.read("dbt-kc-data");
  if (!data) return;
  const { state, all, put, announce, words } = page;
  const say = page.sayFrom(data.text);

  function render(reset = 0) {
    const ticks = state.load();
    for (const b of all("[data-kc]")) {
      const key = b.dataset.kcKey, el = b.querySelector("[data-kc-before]"), is = S.status(ticks, key, b.dataset.kcHash);
      put(el, (el.hidden = is != "agreed") ? "" : say("before", { when: new Date(ticks[key].t).toLocaleDateString() }));
      if (reset && is == "open") for (const e of all("[data-kc-option],[data-kc-feedback]", b)) (e.checked = false), e.replaceChildren();
    }
    for (const li of all("[data-kc-state]")) {
      const d = li.dataset, st = S.status(ticks, d.kcKey, d.kcHash);
      put(li.firstChild, say("s_" + st) + " "), (d.ackRef = `${d.kcKey} ${d.kcHash} - ${st}`); // the record's code
    }
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
    const ok = (o) => "kcRight" in o.dataset, right = options.every((o) => o.checked == ok(o));
    const missed = !right && chosen.every(ok);
    // A client's miss is kept: still unclear, for the summary.
    const stored = state.set(block.dataset.kcKey, right ? block.dataset.kcHash : "kcClient" in block.dataset && "unclear", Date.now());
    const part = (o, p) => words(block.querySelector(`[data-kc-answer="${o.value}"] [data-kc-${p}]`)?.textContent);
    const why = chosen.map((o) => say("chosen", { option: part(o, "text"), why: part(o, "why") }));
    announce(feedback, [say(right ? "right" : "wrong"), ...why, missed && say("missed"), !right && say("again"), !stored && say("failed")]);
    render();
  }

  addEventListener("click", (e) => {
    const b = /** @type {any} */ (e.target).closest("[data-kc-check]");
    if (b) check(b.closest("[data-kc]"));
  });
  // Once cleared (here or on another page): no feedback, nor a choice Back restores.
  for (const t of ["pageshow", "dbt-ack-cleared"]) addEventListener(t, () => render(1));
  page.hooks.push(render);

  for (const el of all("[data-kc-controls]")) el.hidden = false;
  render();
})();
