// @ts-check
// Wires checklists, summary and navigation to DbtAckState. The build hands over
// data only: #dbt-ack-data (words included) and data-ack-* attributes.
(() => {
  /** @type {any} */ const S = /** @type {any} */ (window).DbtAckState;
  /** @type {{text: Record<string, string>, language: string, languages: Record<string, string>, topics: {uri: string, items: string[][]}[]}} */
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
  /** Boxes, and the summary's list items: [key, hash, source hash]. */
  const items = (root) => all("[data-ack-item]", root).map((e) => [e.dataset.ackItem, e.dataset.ackHash, e.dataset.ackSource]);
  const lang = data.language;
  /** Words from the build, {name} filled in. @param {Record<string, string>} t */
  const sayFrom = (t) => (/** @type {string} */ n, v = {}) => t[n].replace(/\{(\w+)\}/g, (_, k) => v[k]);
  const say = sayFrom(data.text);
  const put = (el, text) => el && el.textContent != text && (el.textContent = text);
  /** @type {any} */ (window).DbtAckPage = { state, all, put, sayFrom }; // shared with kc.js
  let notice = "";

  function render() {
    const ticks = state.load();
    /** "3 of 5 agreed" @param {string[][]} pairs */
    const count = (pairs) => say("count", S.progress(ticks, pairs, lang));
    /** Agreed while reading another language edition: say which. */
    const elsewhere = (key, l = ticks[key]?.l) => l && l != lang && (Object.hasOwn(data.languages, l) ? data.languages[l] : l);
    const date = (t) => new Date(t).toLocaleDateString(lang);
    const tail = [notice, state.failed() && say("failed")].filter(Boolean).map((s) => ". " + s).join("");
    for (const el of all("[data-ack-item]")) {
      const key = el.dataset.ackItem;
      const st = (el.dataset.ackState = S.status(ticks, key, el.dataset.ackHash, el.dataset.ackSource, lang));
      const note = document.getElementById(el.id + "-changed");
      const other = st == "agreed" && elsewhere(key);
      el.checked = st == "agreed";
      el.dataset.ackNote = other ? say("agreed_in", { language: other }) : "";
      put(el.querySelector("[data-ack-status]"), other ? el.dataset.ackNote : say(st));
      for (const go of all("[data-ack-go]", el)) go.hidden = st == "agreed";
      if (note) put(note, (note.hidden = st != "changed") ? "" : say("changed_note", { when: date(ticks[key].t) }));
    }
    for (const el of all("[data-ack-block],[data-ack-summary]")) put(el.querySelector("[data-ack-progress]"), count(items(el)) + tail);
    for (const el of all("[data-ack-summary-topic]")) put(el.querySelector("[data-ack-count]"), count(items(el)));
    put(document.querySelector("[data-ack-made]"), say("made", { when: new Date().toLocaleString(lang) }));
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
        items: all("[data-ack-item]", sec).map((li) => ({ text: li.querySelector(".dbt-ack-summary__text").textContent, status: li.dataset.ackState, note: li.dataset.ackNote })),
      })),
      { agreed: say("mark_agreed"), open: say("mark_open"), changed: say("mark_changed") },
    );

  addEventListener("change", (e) => {
    const el = /** @type {any} */ (e.target);
    notice = "";
    if (el.matches("[data-ack-item]")) state.set(el.dataset.ackItem, el.checked && el.dataset.ackHash, Date.now(), { s: el.dataset.ackSource, l: lang });
    else if (el.matches("[data-ack-remember]")) notice = say(!state.remember(el.checked) ? "failed" : el.checked ? "kept" : "forgotten");
    else return;
    render();
  });
  // Clear every answer: ask first in a modal dialog (focus moves in; No or Escape
  // closes it and focus goes back), say how many went, offer undo right after.
  const ask = document.querySelector("[data-ack-confirm]");
  const q = (s) => document.querySelector(s);
  /** @type {any[] | null} */ let undo = null;
  const answers = () => Object.keys(state.load()).length;
  /** Emptied first, so words said twice are announced twice. @param {string} t */
  const tell = (t) => (put(q("[data-ack-clear-status]"), ""), setTimeout(() => put(q("[data-ack-clear-status]"), t), 99));
  /** After clear or undo: ack.js and kc.js show it. @param {string} type @param {string} to */
  const cleared = (type, to) => (q("[data-ack-undo]").hidden = type != "cleared", dispatchEvent(new Event("dbt-ack-" + type)), q(to).focus());
  ask?.addEventListener("close", () => undo || q("[data-ack-clear]").focus());

  addEventListener("click", (e) => {
    const el = /** @type {any} */ (e.target).closest("button") || document.body;
    if (el.matches("[data-ack-clear]")) {
      undo = null;
      q("[data-ack-undo]").hidden = true;
      if (!answers() && !state.name()) return tell(say("clear_none"));
      put(q("[data-ack-clear-what]"), say("clear_what", { count: answers() }));
      ask.showModal();
    } else if (el.matches("[data-ack-clear-yes]")) {
      tell(say("cleared", { count: answers() }));
      undo = state.clear();
      ask.close();
      cleared("cleared", "[data-ack-undo]");
    } else if (el.matches("[data-ack-clear-no]")) ask.close();
    else if (el.matches("[data-ack-undo]")) {
      tell(say(undo && state.restore(undo) ? "restored" : "failed"));
      undo = null;
      cleared("restored", "[data-ack-clear]");
    } else if (el.matches("[data-ack-download]")) {
      const url = URL.createObjectURL(new Blob([record()], { type: "text/plain;charset=utf-8" }));
      Object.assign(document.createElement("a"), { href: url, download: say("file") }).click();
      setTimeout(() => URL.revokeObjectURL(url), 1e3);
    } else if (!el.matches("[data-ack-print]")) return;
    render();
    if (el.matches("[data-ack-print]")) print();
  });
  // The name field: kept by the same rules as the ticks (this tab, or this device).
  const names = () => all("[data-ack-name]").forEach((f) => (f.value = state.name()));
  for (const type of ["dbt-ack-cleared", "dbt-ack-restored"]) addEventListener(type, () => (names(), render()));
  addEventListener("input", (e) => /** @type {any} */ (e.target).matches("[data-ack-name]") && state.setName(/** @type {any} */ (e.target).value));
  addEventListener("pageshow", names);
  addEventListener("storage", (e) => (!e.key || e.key.startsWith(S.PREFIX)) && render());
  addEventListener("pageshow", render); // also on return from the back/forward cache
  addEventListener("beforeprint", render);

  // Show what needs JavaScript, hide the notes that say so.
  for (const el of all("[data-ack-controls],[data-ack-actions],[data-ack-nojs]")) el.hidden = !el.hidden;
  const day = new Date(Date.now() - new Date().getTimezoneOffset() * 6e4).toISOString().slice(0, 10);
  for (const el of all("[data-ack-date]")) el.value ||= day;
  render();
})();
