// @ts-check
// Knowledge checks: Check, announced feedback, counts of right answers. Results share
// the checklists' state (DbtAckPage from ack.js), so the same storage rules hold.
(() => {
  /** @type {any} */ const w = window, S = w.DbtAckState, page = w.DbtAckPage;
  /** @type {{text: Record<string, string>, modules: {id: string, items: string[][]}[]}} */
  let data;
  try {
    data = JSON.parse(document.getElementById("dbt-kc-data")?.textContent || "");
  } catch (e) {
    return;
  }
  if (!S || !page) return;
  const { state, all, put } = page;
  const say = page.sayFrom(data.text);
  const words = (el) => (el?.textContent || "").replace(/\s+/g, " ").trim();

  function render() {
    const ticks = state.load();
    for (const block of all("[data-kc]")) {
      const key = block.dataset.kcKey;
      const right = S.status(ticks, key, block.dataset.kcHash) == "agreed";
      const before = block.querySelector("[data-kc-before]");
      before.hidden = !right;
      put(before, right ? say("before", { when: new Date(ticks[key].t).toLocaleDateString() }) : "");
    }
    for (const m of data.modules) {
      const count = S.progress(ticks, m.items);
      for (const el of all(`[data-kc-progress="${m.id}"]`)) put(el, say("module", count));
      for (const el of all(`[data-kc-record="${m.id}"] [data-kc-count]`)) put(el, say("record", count));
    }
  }

  /** Emptied first, so a repeated message is announced again. */
  function announce(region, lines) {
    region.replaceChildren();
    setTimeout(() => region.replaceChildren(...lines.filter(Boolean).map((t) => Object.assign(document.createElement("p"), { textContent: t }))), 100);
  }

  function check(block) {
    const options = all("[data-kc-option]", block);
    const chosen = options.filter((o) => o.checked);
    const feedback = block.querySelector("[data-kc-feedback]");
    if (!chosen.length) return announce(feedback, [say("choose")]);
    const right = options.every((o) => o.checked == o.hasAttribute("data-kc-right"));
    const missed = !right && chosen.every((o) => o.hasAttribute("data-kc-right"));
    const stored = state.set(block.dataset.kcKey, right && block.dataset.kcHash, Date.now());
    const why = chosen.map((o) => {
      const answer = block.querySelector(`[data-kc-answer="${o.value}"]`);
      return say("chosen", { option: words(answer.querySelector("[data-kc-text]")), why: words(answer.querySelector("[data-kc-why]")) });
    });
    announce(feedback, [say(right ? "right" : "wrong"), ...why, missed && say("missed"), !right && say("again"), !stored && say("failed")]);
    render();
  }

  addEventListener("click", (e) => {
    const button = /** @type {any} */ (e.target).closest("button");
    if (button?.matches("[data-kc-check]")) check(button.closest("[data-kc]"));
  });
  // ack.js clears every answer (after the client confirms) and may bring them back.
  addEventListener("dbt-ack-cleared", () => (all("[data-kc-feedback]").forEach((el) => el.replaceChildren()), render()));
  addEventListener("dbt-ack-restored", render);
  addEventListener("change", (e) => /** @type {any} */ (e.target).matches?.("[data-ack-remember]") && render());
  addEventListener("storage", (e) => (!e.key || e.key.startsWith(S.PREFIX)) && render());
  addEventListener("pageshow", render); // also on return from the back/forward cache

  for (const el of all("[data-kc-controls]")) el.hidden = false;
  render();
})();
