// @ts-check
/* Wires the checklists, the summary and the navigation to DbtAckState.
   The build hands over data only: the JSON script #dbt-ack-data and data-ack-*
   attributes. Native controls throughout: keyboard and mouse share `change`. */
(() => {
  "use strict";
  /** @type {any} */
  const S = /** @type {any} */ (window).DbtAckState;
  const source = document.getElementById("dbt-ack-data");
  if (!S || !source) return;
  /** @type {{edition: string, topics: {topic: string, uri: string, items: Record<string, string>}[]}} */
  let data;
  try {
    data = JSON.parse(source.textContent || "");
  } catch (e) {
    return;
  }
  /** @param {"localStorage" | "sessionStorage"} name */
  const store = (name) => {
    try {
      return window[name];
    } catch (e) {
      return null; // storage blocked outright
    }
  };
  const state = S.create({ session: store("sessionStorage"), local: store("localStorage") });
  /** @param {string} sel @param {ParentNode} [root] @returns {HTMLElement[]} */
  const all = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const boxes = /** @type {HTMLInputElement[]} */ (all("input[data-ack-item]"));
  const words = { agreed: "Agreed", open: "Not ticked yet", changed: "Changed since you ticked it" };
  const FAILED = "This browser is not letting the site keep your ticks: they go when you leave.";
  let notice = "";

  /** @param {{agreed: number, total: number}} p */
  const count = (p) => `${p.agreed} of ${p.total} agreed`;
  /** @param {number | Date} t */
  const when = (t) => new Date(t).toLocaleString(undefined, { dateStyle: "long", timeStyle: "short" });
  /** @param {Element | null} el @param {string} text */
  const say = (el, text) => {
    if (el && el.textContent !== text) el.textContent = text;
  };
  /** @param {HTMLElement[]} els @returns {Record<string, string>} */
  const hashes = (els) =>
    Object.fromEntries(els.map((el) => [el.dataset.ackItem || el.dataset.ackSummaryItem, el.dataset.ackHash]));

  function render() {
    const ticks = state.load();
    const extra = [notice, state.failed() ? FAILED : ""].filter(Boolean).join(" ");
    const tail = extra ? `. ${extra}` : "";
    for (const box of boxes) {
      const key = box.dataset.ackItem || "";
      const st = S.status(ticks, key, box.dataset.ackHash);
      box.checked = st === "agreed";
      const note = document.getElementById(`${box.id}-changed`);
      if (note) {
        note.hidden = st !== "changed";
        say(note, st === "changed" ? `This changed after you ticked it on ${when(ticks[key].t)}. Read it again, and tick it if you still agree.` : "");
      }
    }
    for (const block of all("[data-ack-block]")) {
      const p = S.progress(ticks, hashes(all("input[data-ack-item]", block)));
      say(block.querySelector("[data-ack-progress]"), count(p) + tail);
    }
    for (const summary of all("[data-ack-summary]")) {
      const items = all("[data-ack-summary-item]", summary);
      for (const li of items) {
        const st = S.status(ticks, li.dataset.ackSummaryItem, li.dataset.ackHash);
        li.dataset.ackState = st;
        say(li.querySelector("[data-ack-status]"), words[/** @type {"open"} */ (st)]);
        const go = /** @type {HTMLElement | null} */ (li.querySelector("[data-ack-go]"));
        if (go) go.hidden = st === "agreed";
      }
      for (const sec of all("[data-ack-summary-topic]", summary)) {
        say(sec.querySelector("[data-ack-count]"), count(S.progress(ticks, hashes(all("[data-ack-summary-item]", sec)))));
      }
      say(summary.querySelector("[data-ack-progress]"), `In all, ${count(S.progress(ticks, hashes(items)))}${tail}`);
      say(summary.querySelector("[data-ack-made]"), `Made on ${when(Date.now())}`);
    }
    const root = document.documentElement.dataset.content_root || "";
    const here = (/** @type {string} */ href) => new URL(href, location.href).href.split("#")[0];
    for (const a of /** @type {HTMLAnchorElement[]} */ (all(".sidebar-tree a.reference"))) {
      const topic = data.topics.find((t) => here(root + t.uri) === here(a.getAttribute("href") || ""));
      if (!topic) continue;
      const items = Object.fromEntries(Object.entries(topic.items).map(([id, h]) => [`${topic.topic}/${id}`, h]));
      let badge = a.querySelector(".dbt-ack-nav");
      if (!badge) badge = a.appendChild(Object.assign(document.createElement("span"), { className: "dbt-ack-nav" }));
      say(badge, ` (${count(S.progress(ticks, items))})`);
    }
    for (const sw of /** @type {HTMLInputElement[]} */ (all("input[data-ack-remember]"))) {
      sw.checked = state.remembering();
    }
  }

  /** The summary as the text of the client's copy. */
  function record() {
    const text = (/** @type {Element | null} */ el) => (el ? el.textContent || "" : "");
    const value = (/** @type {string} */ sel) => (/** @type {HTMLInputElement | null} */ (document.querySelector(sel)) || { value: "" }).value;
    const ticks = state.load();
    return S.recordText({
      clinic: text(document.querySelector("[data-ack-clinic]")),
      what: text(document.querySelector(".dbt-ack-record__what")),
      edition: data.edition,
      name: value("[data-ack-name]"),
      date: value("[data-ack-date]"),
      made: when(Date.now()),
      topics: all("[data-ack-summary-topic]").map((sec) => ({
        title: text(sec.querySelector("h2")),
        items: all("[data-ack-summary-item]", sec).map((li) => ({
          text: text(li.querySelector(".dbt-ack-summary__text")),
          status: S.status(ticks, li.dataset.ackSummaryItem, li.dataset.ackHash),
        })),
      })),
    });
  }

  document.addEventListener("change", (e) => {
    const el = /** @type {HTMLInputElement} */ (e.target);
    if (el.matches("input[data-ack-item]")) {
      notice = "";
      state.set(el.dataset.ackItem, el.checked ? el.dataset.ackHash : null, Date.now());
    } else if (el.matches("input[data-ack-remember]")) {
      const ok = state.remember(el.checked);
      notice = !ok ? FAILED : el.checked ? "Your ticks are kept on this device until you clear them" : "Your ticks are forgotten when you close this tab";
    } else return;
    render();
  });
  document.addEventListener("click", (e) => {
    const el = /** @type {HTMLElement} */ (e.target).closest("button");
    if (!el) return;
    if (el.matches("[data-ack-clear]")) {
      state.clear();
      for (const f of /** @type {HTMLInputElement[]} */ (all("[data-ack-name]"))) f.value = "";
      notice = "Your answers were cleared from this device";
      render();
    } else if (el.matches("[data-ack-print]")) {
      render();
      window.print();
    } else if (el.matches("[data-ack-download]")) {
      const url = URL.createObjectURL(new Blob([record()], { type: "text/plain;charset=utf-8" }));
      const a = Object.assign(document.createElement("a"), { href: url, download: "my-treatment-agreements.txt" });
      document.body.appendChild(a).click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
  });
  addEventListener("storage", (e) => {
    if (!e.key || e.key.startsWith(S.PREFIX)) render();
  });
  addEventListener("pageshow", render); // includes a return from the back/forward cache
  addEventListener("beforeprint", render);

  for (const el of all("[data-ack-controls],[data-ack-actions]")) el.hidden = false;
  for (const el of all("[data-ack-nojs]")) el.hidden = true;
  const day = new Date();
  day.setMinutes(day.getMinutes() - day.getTimezoneOffset());
  for (const f of /** @type {HTMLInputElement[]} */ (all("[data-ack-date]"))) f.value ||= day.toISOString().slice(0, 10);
  render();
})();
