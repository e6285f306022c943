// @ts-check
// Checklists, questions, summary, navigation. The build hands over data only.
(() => {
  /** @type {any} */ const w = window, S = w.DbtAckState, D = document;
  if (!S) return;
  const read = (id) => S.safe(() => JSON.parse(D.getElementById(id)?.textContent || ""));
  const data = read("dbt-ack-data");
  if (!data) return;
  const state = S.create({ session: S.safe(() => w.sessionStorage), local: S.safe(() => w.localStorage) });
  /** @returns {any[]} */
  const all = (sel, root = D) => [...root.querySelectorAll(sel)];
  const q = (s) => D.querySelector(s), T = (e) => /** @type {any} */ (e.target);
  const lang = data.language;
  const at = ({ dataset: d }) => [d.ackItem, d.ackHash, d.ackSource];
  const items = (root) => all("[data-ack-item]", root).map(at);
  const sayFrom = (t) => (n, v = {}) => t[n].replace(/\{(\w+)\}/g, (_, k) => v[k]);
  const say = sayFrom(data.text);
  const make = (tag, textContent) => Object.assign(D.createElement(tag), { textContent });
  const words = (s) => (s || "").replace(/\s+/g, " ").trim();
  const put = (el, text) => el && el.textContent != text && (el.textContent = text);
  // A live region emptied first, so words said twice are announced twice.
  const announce = (el, lines) => (el.replaceChildren(), setTimeout(() => el.replaceChildren(...lines.filter(Boolean).map((t) => make("p", t))), 99));
  const hooks = []; // kc.js renders too
  w.DbtAckPage = { state, all, put, sayFrom, hooks, read, announce, words };
  // Tick, or (key "topic/id?") mark a question on the same words.
  const mark = (key, { dataset: d }, on) => state.set(key, on && d.ackHash, Date.now(), { s: d.ackSource, l: lang });
  const boxOf = (el) => el.closest(".dbt-ack__item").querySelector("[data-ack-item]");
  const row = (li) => {
    const f = (s) => li.querySelector(s).textContent, d = li.dataset;
    return { text: f(".dbt-ack-summary__text"), said: f("[data-ack-status]"), status: d.ackState, ask: !!d.ackAsked, note: d.ackNote, at: at(li) };
  };
  const title = (el) => el.querySelector("h2")?.textContent || "";
  let notice = "";

  // First on the summary: statements not agreed or asked about, and questions.
  const talk = (ticks) => ({
    title: title(q("[data-ack-talk]")),
    items: all("[data-ack-summary] [data-ack-item]").map(row).filter((r) => r.status != "agreed" || r.ask),
    questions: all("[data-ack-summary-topic]").map((s, k, n) => (k = s.dataset.ackSummaryTopic, n = words(ticks[k + "?"]?.n), n && [`${title(s)}: ${n}`, k])).filter(Boolean),
  });

  function render() {
    const ticks = state.load();
    const count = (pairs) => say("count", S.progress(ticks, pairs, lang));
    const tail = [notice, state.failed() && say("failed")].map((s) => (s ? ". " + s : "")).join("");
    for (const el of all("[data-ack-item]")) {
      const [key, hash, source] = at(el), d = el.dataset, l = ticks[key]?.l, note = D.getElementById(el.id + "-changed");
      const st = (d.ackState = S.status(ticks, key, hash, source, lang));
      // Agreed in another language edition: say which.
      const other = st == "agreed" && l && l != lang && (Object.hasOwn(data.languages, l) ? data.languages[l] : l);
      el.checked = st == "agreed";
      d.ackNote = other ? say("agreed_in", { language: other }) : "";
      d.ackAsked = S.status(ticks, key + "?", hash, source, lang) == "open" ? "" : "1";
      put(el.querySelector("[data-ack-status]"), (d.ackNote || say(st)) + (d.ackAsked && ". " + say("asked")));
      for (const go of all("[data-ack-go]", el)) go.hidden = st == "agreed";
      if (note) put(note, (note.hidden = st != "changed") ? "" : say("changed_note", { when: new Date(ticks[key].t).toLocaleDateString(lang) }));
    }
    for (const el of all("[data-ack-ask]")) el.ariaPressed = "" + !!boxOf(el).dataset.ackAsked;
    // Name and questions: kept like the ticks.
    for (const el of all("[data-ack-questions],[data-ack-name]")) if (el != D.activeElement) el.value = "ackName" in el.dataset ? state.name() : ticks[el.dataset.ackQuestions + "?"]?.n || "";
    const box = q("[data-ack-talk]");
    if (box) {
      const t = talk(ticks), lines = [...t.items.map((i) => `${i.said}. ${i.text}`), ...t.questions.map((s) => `${say("questions")}, ${s[0]}`)];
      box.querySelector("ul").replaceChildren(...lines.map((s) => make("li", s)));
      box.querySelector("[data-ack-talk-none]").hidden = !!lines.length;
    }
    for (const el of all("[data-ack-block],[data-ack-summary]")) put(el.querySelector("[data-ack-progress]"), count(items(el)) + tail);
    for (const el of all("[data-ack-summary-topic]")) put(el.querySelector("[data-ack-count]"), count(items(el)));
    put(q("[data-ack-made]"), say("made", { when: new Date().toLocaleString(lang) }));
    const root = D.documentElement.dataset.content_root;
    for (const a of all(".sidebar-tree a.reference")) {
      const t = data.topics.find((t) => new URL(root + t.uri, location.href).href == a.href.split("#")[0]);
      const badge = t && (a.querySelector(".dbt-ack-nav") || a.appendChild(make("span")));
      if (badge) put(badge, ` (${count(t.items)})`), (badge.className = "dbt-ack-nav");
    }
    for (const el of all("[data-ack-remember]")) el.checked = state.remembering();
    hooks.forEach((f) => f());
  }

  // The record: the conversation first, then every page.
  const record = (e = q("[data-ack-edition]")) =>
    S.recordText(
      `${e.dataset.ackEdition} ${lang} ${e.textContent} ${day}`,
      [...all("[data-ack-line]").map((el) => [el.labels ? `${el.labels[0].textContent}: ${el.value}` : el.textContent, el.dataset.ackRef]), [""], [say("legend")]],
      [talk(state.load()), ...all("[data-ack-summary-topic]").map((s) => ({ title: title(s), items: all("[data-ack-item]", s).map(row) }))],
      say,
    );

  addEventListener("change", (e) => {
    const el = T(e);
    notice = "";
    if (el.matches("[data-ack-item]")) mark(el.dataset.ackItem, el, el.checked);
    else if (el.matches("[data-ack-remember]")) notice = say(!state.remember(el.checked) ? "failed" : el.checked ? "kept" : "forgotten");
    else return;
    render();
  });
  // Clear: ask first (a modal dialog), say how many went, offer undo.
  const ask = q("[data-ack-confirm]");
  /** @type {any[] | null} */ let undo = null;
  const answers = () => Object.keys(state.load()).length;
  const tell = (t) => announce(q("[data-ack-clear-status]"), [t]);
  const cleared = (type, to) => (q("[data-ack-undo]").hidden = type != "cleared", dispatchEvent(new Event("dbt-ack-" + type)), q(to).focus());
  ask?.addEventListener("close", () => undo || q("[data-ack-clear]").focus());

  addEventListener("click", (e) => {
    const el = T(e).closest("button") || D.body, is = (s) => el.matches(`[data-ack-${s}]`);
    if (is("ask")) mark(boxOf(el).dataset.ackItem + "?", boxOf(el), el.ariaPressed != "true");
    else if (is("clear")) {
      undo = null;
      q("[data-ack-undo]").hidden = true;
      if (!answers() && !state.name()) return tell(say("clear_none"));
      put(q("[data-ack-clear-what]"), say("clear_what", { count: answers() }));
      ask.showModal();
    } else if (is("clear-yes")) {
      tell(say("cleared", { count: answers() }));
      undo = state.clear();
      ask.close();
      cleared("cleared", "[data-ack-undo]");
    } else if (is("clear-no")) ask.close();
    else if (is("undo")) {
      tell(say(undo && state.restore(undo) ? "restored" : "failed"));
      undo = null;
      cleared("restored", "[data-ack-clear]");
    } else if (is("download")) {
      const url = URL.createObjectURL(new Blob([record()], { type: "text/plain;charset=utf-8" }));
      Object.assign(make("a"), { href: url, download: say("file") }).click();
      setTimeout(() => URL.revokeObjectURL(url), 1e3);
    } else if (!is("print")) return;
    render();
    if (is("print")) print();
  });
  addEventListener("input", (e) => {
    const el = T(e);
    if (el.matches("[data-ack-name]")) state.setName(el.value);
    if (el.matches("[data-ack-questions]")) state.set(el.dataset.ackQuestions + "?", !!el.value.trim() && "q", Date.now(), { n: el.value }), render();
  });
  addEventListener("storage", (e) => (!e.key || e.key.startsWith(S.PREFIX)) && render());
  addEventListener("pageshow", render); // also from the back/forward cache
  addEventListener("beforeprint", render);

  // Show what needs JavaScript, hide the notes saying so.
  for (const el of all("[data-ack-controls],[data-ack-actions],[data-ack-nojs],[data-ack-js]")) el.hidden = !el.hidden;
  const day = new Date(Date.now() - new Date().getTimezoneOffset() * 6e4).toISOString().slice(0, 10);
  for (const el of all("[data-ack-date]")) el.value ||= day;
  render();
})();
