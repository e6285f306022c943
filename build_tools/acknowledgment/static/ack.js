// @ts-check
// Wires checklists, summary and navigation to DbtAckState. The build hands over
// data only: #dbt-ack-data (words included) and data-ack-* attributes.
(() => {
  /** @type {any} */ const S = /** @type {any} */ (window).DbtAckState;
  /** @type {{text: Record<string, string>, topics: {uri: string, items: string[][]}[]}} */
  let data;
  try {
    data = JSON.parse(document.getElementById("dbt-ack-data")?.textContent || "");
  } catch (e) {
    return;
  }
  if (!S) return;
  /** @param {"localStorage" | "sessionStorage"} n */
  const store = (n) => { try { return window[n]; } catch (e) { return null; } };
  const state = S.create({ session: store("sessionStorage"), local: store("localStorage") });
  /** @param {string} sel @returns {any[]} */
  const all = (sel, root = document) => [...root.querySelectorAll(sel)];
  /** Boxes, and the summary's list items: [key, hash] pairs. */
  const items = (root) => all("[data-ack-item]", root).map((e) => [e.dataset.ackItem, e.dataset.ackHash]);
  /** Words from the build, {name} filled in. @param {Record<string, string>} t */
  const sayFrom = (t) => (/** @type {string} */ n, v = {}) => t[n].replace(/\{(\w+)\}/g, (_, k) => v[k]);
  const say = sayFrom(data.text);
  const put = (el, text) => el && el.textContent != text && (el.textContent = text);
  /** @type {any} */ (window).DbtAckPage = { state, all, put, sayFrom }; // shared with kc.js
  let notice = "";

  function render() {
    const ticks = state.load();
    /** "3 of 5 agreed" @param {string[][]} pairs */
    const count = (pairs) => say("count", S.progress(ticks, pairs));
    const tail = [notice, state.failed() && say("failed")].filter(Boolean).map((s) => ". " + s).join("");
    for (const el of all("[data-ack-item]")) {
      const st = (el.dataset.ackState = S.status(ticks, el.dataset.ackItem, el.dataset.ackHash));
      const note = document.getElementById(el.id + "-changed");
      el.checked = st == "agreed";
      put(el.querySelector("[data-ack-status]"), say(st));
      for (const go of all("[data-ack-go]", el)) go.hidden = st == "agreed";
      if (note) put(note, (note.hidden = st != "changed") ? "" : say("changed_note", { when: new Date(ticks[el.dataset.ackItem].t).toLocaleDateString() }));
    }
    for (const el of all("[data-ack-block],[data-ack-summary]")) put(el.querySelector("[data-ack-progress]"), count(items(el)) + tail);
    for (const el of all("[data-ack-summary-topic]")) put(el.querySelector("[data-ack-count]"), count(items(el)));
    put(document.querySelector("[data-ack-made]"), say("made", { when: new Date().toLocaleString() }));
    const root = document.documentElement.dataset.content_root;
    for (const a of all(".sidebar-tree a.reference")) {
      const t = data.topics.find((t) => new URL(root + t.uri, location.href).href == a.href.split("#")[0]);
      const badge = t && (a.querySelector(".dbt-ack-nav") || a.appendChild(document.createElement("span")));
      if (badge) put(badge, ` (${count(t.items)})`), (badge.className = "dbt-ack-nav");
    }
    for (const el of all("[data-ack-remember]")) el.checked = state.remembering();
  }

  /** The summary as the plain text of the client's copy. */
  const record = () =>
    S.recordText(
      [...all("[data-ack-line]").map((el) => (el.labels ? `${el.labels[0].textContent}: ${el.value}` : el.textContent)), "", say("legend")],
      all("[data-ack-summary-topic]").map((sec) => ({
        title: sec.querySelector("h2").textContent,
        items: all("[data-ack-item]", sec).map((li) => ({ text: li.querySelector(".dbt-ack-summary__text").textContent, status: li.dataset.ackState })),
      })),
    );

  addEventListener("change", (e) => {
    const el = /** @type {any} */ (e.target);
    notice = "";
    if (el.matches("[data-ack-item]")) state.set(el.dataset.ackItem, el.checked && el.dataset.ackHash, Date.now());
    else if (el.matches("[data-ack-remember]")) notice = say(!state.remember(el.checked) ? "failed" : el.checked ? "kept" : "forgotten");
    else return;
    render();
  });
  addEventListener("click", (e) => {
    const el = /** @type {any} */ (e.target).closest("button") || document.body;
    if (el.matches("[data-ack-clear]")) {
      state.clear();
      for (const f of all("[data-ack-name]")) f.value = "";
      notice = say("cleared");
    } else if (el.matches("[data-ack-download]")) {
      const url = URL.createObjectURL(new Blob([record()], { type: "text/plain;charset=utf-8" }));
      Object.assign(document.createElement("a"), { href: url, download: say("file") }).click();
      setTimeout(() => URL.revokeObjectURL(url), 1e3);
    } else if (!el.matches("[data-ack-print]")) return;
    render();
    if (el.matches("[data-ack-print]")) print();
  });
  addEventListener("storage", (e) => (!e.key || e.key.startsWith(S.PREFIX)) && render());
  addEventListener("pageshow", render); // also on return from the back/forward cache
  addEventListener("beforeprint", render);

  // Show what needs JavaScript, hide the notes that say so.
  for (const el of all("[data-ack-controls],[data-ack-actions],[data-ack-nojs]")) el.hidden = !el.hidden;
  const day = new Date(Date.now() - new Date().getTimezoneOffset() * 6e4).toISOString().slice(0, 10);
  for (const el of all("[data-ack-date]")) el.value ||= day;
  render();
})();
