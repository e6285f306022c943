// @ts-check
// Knowledge checks, kept in the checklists' state (from ack.js) by the same rules.
(() => {
  /** @type {any} */ const w = window, S = w.DbtAckState, page = w.DbtAckPage;
  const data = page?.read("dbt-kc-data");
  if (!data) return;
  const { state, all, put, announce } = page;
  const say = page.sayFrom(data.text);
  const words = (el) => (el?.textContent || "").replace(/\s+/g, " ").trim();

  function render() {
    const ticks = state.load();
    for (const b of all("[data-kc]")) {
      const key = b.dataset.kcKey, el = b.querySelector("[data-kc-before]"), right = S.status(ticks, key, b.dataset.kcHash) == "agreed";
      put(el, (el.hidden = !right) ? "" : say("before", { when: new Date(ticks[key].t).toLocaleDateString() }));
    }
    for (const li of all("[data-kc-state]")) put(li.firstChild, say("s_" + S.status(ticks, li.dataset.kcKey, li.dataset.kcHash)) + " ");
    for (const m of data.modules) {
      const count = S.progress(ticks, m.items);
      for (const el of all(`[data-kc-progress="${m.id}"]`)) put(el, say("module", count));
      for (const el of all(`[data-kc-record="${m.id}"] [data-kc-count]`)) put(el, say("record", count));
    }
  }

  function check(block) {
    const options = all("[data-kc-option]", block);
    const chosen = options.filter((o) => o.checked);
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
    const button = /** @type {any} */ (e.target).closest("button");
    if (button?.matches("[data-kc-check]")) check(button.closest("[data-kc]"));
  });
  addEventListener("dbt-ack-cleared", () => all("[data-kc-feedback]").forEach((el) => el.replaceChildren()));
  page.hooks.push(render); // on each ack.js render

  for (const el of all("[data-kc-controls]")) el.hidden = false;
  render();
})();
