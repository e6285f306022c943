// @ts-check
// The record check: reads a saved record in this browser and shows it against the
// current pages. Nothing is sent (File.text(), no request); the results are built with
// createElement and textContent only, as the page's policy requires Trusted Types.
(() => {
  /** @type {any} */ const R = /** @type {any} */ (globalThis).DbtRecord, D = document;
  const root = D.querySelector("[data-rc]");
  const data = (() => {
    try {
      return JSON.parse(D.getElementById("dbt-rc-data")?.textContent || "");
    } catch (e) {
      return null;
    }
  })();
  if (!R || !root || !data) return;
  /** @returns {any} */
  const $ = (s) => root.querySelector(s);
  const say = (n, v = {}) => data.text[n].replace(/\{(\w+)\}/g, (_, k) => String(v[k]));
  const make = (tag, text = "") => Object.assign(D.createElement(tag), { textContent: text });
  const status = $("[data-rc-status]"), results = $("[data-rc-results]"), out = $("[data-rc-out]");
  // A live region emptied first, so the same outcome twice is announced twice.
  const tell = (lines) => {
    status.replaceChildren();
    setTimeout(() => status.replaceChildren(...lines.filter(Boolean).map((t) => make("p", t))), 99);
  };
  // A language's name in the page's language ("Spanish"), from the browser's own list.
  const named = (code) => {
    try {
      return new Intl.DisplayNames([data.language], { type: "language" }).of(code.replace("_", "-")) || code;
    } catch (e) {
      return code;
    }
  };

  // The build's hash: the first 12 hex digits of SHA-256. Web Crypto exists only on https
  // or this computer; elsewhere the words are not compared with their codes.
  const subtle = globalThis.crypto?.subtle;
  const digest = async (s) => {
    const bytes = new Uint8Array(await subtle.digest("SHA-256", new TextEncoder().encode(s)));
    return [...bytes.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
  };

  /** A titled list of [label, words] rows, or a line saying there are none. */
  function part(title, rows, none) {
    const box = make("section");
    box.className = "dbt-rc__part";
    box.append(make("h3", title));
    if (!rows.length) box.append(make("p", none));
    else {
      const list = make("ul");
      for (const [label, words] of rows) {
        const li = make("li");
        li.append(make("strong", label), " " + words);
        list.append(li);
      }
      box.append(list);
    }
    return box;
  }

  const words = (s) => (s.title ? s.title + ": " : "") + s.text.replace(/^(\[[^\]]*\] )+/, "");
  const question = (c) => c.question || c.text.replace(/^[^:]*: /, "");

  async function check(text) {
    results.hidden = true;
    const record = R.read(text);
    if (record.problem) return tell([say(record.problem, { version: record.version })]);
    const edited = subtle ? await R.edited(record, digest) : new Set();
    const r = R.compare(record, data, edited);
    const st = r.statements;
    const outdated = st.filter((s) => s.now != "same");
    const open = st.filter((s) => s.status != "agreed");
    const label = { gone: "gone", changed: "changed_words", edited: "edited_words" };
    const checkLabel = (c) => (c.now == "same" ? "c_" + c.status : c.now == "gone" ? "c_gone" : "c_outdated");
    out.replaceChildren(
      part(say("talk"), [
        // "My questions: Page: words": the record's own label goes, "Question:" says it.
        ...r.questions.map((q) => [say("question"), q.text.replace(/^[^:]*: /, "")]),
        ...st.filter((s) => s.ask).map((s) => [say("asked"), words(s)]),
        ...r.checks.filter((c) => c.status == "changed").map((c) => [say("unclear"), question(c)]),
      ], say("talk_none")),
      part(say("open_title"), open.map((s) => [say("s_" + s.status), words(s)]), say("open_none")),
      part(say("outdated_title"), outdated.map((s) => [say(label[s.now]), words(s)]), say("outdated_none")),
      part(say("new_title"), r.added.map((a) => [say("new"), words(a)]), say("new_none")),
      part(say("checks_title"), r.checks.map((c) => [say(checkLabel(c)), question(c)]), say("checks_none")),
      part(say("agreed_title"), st.filter((s) => s.status == "agreed" && s.now == "same").map((s) => ["✓", words(s)]), say("agreed_none")),
      part(say("about"), [
        [say("kind_" + record.audience), say("made", { date: record.date, language: named(record.language) })],
        [say("edition_label"), r.sameEdition ? say("edition_same", { code: record.edition })
          : say(r.sameLanguage ? "edition_other" : "edition_language", { code: record.edition, current: r.edition, language: named(record.language) })],
      ], ""),
    );
    results.hidden = false;
    tell([
      say("checked", { statements: st.length, questions: r.questions.length + st.filter((s) => s.ask).length, outdated: outdated.length, open: open.length }),
      record.expected == null ? say("cut") : record.expected != record.found && say("count", { expected: record.expected, found: record.found }),
      edited.size && say("edited", { count: edited.size }),
      !subtle && say("no_digest"),
    ]);
  }

  // Whatever the file or text holds, the outcome is said in words, never thrown.
  const safely = (text) => check(text).catch(() => tell([say("not_record")]));
  const tooBig = (size) => size > data.limit && (results.hidden = true, tell([say("too_big", { size: Math.ceil(size / 1024), limit: Math.round(data.limit / 1024) })]), true);

  $("[data-rc-file]").addEventListener("change", async (e) => {
    const file = /** @type {any} */ (e.target).files?.[0];
    if (!file || tooBig(file.size)) return;
    tell([say("reading")]);
    let text = "";
    try {
      text = await file.text();
    } catch (err) {
      return tell([say("not_text")]);
    }
    safely(text);
  });
  $("[data-rc-check]").addEventListener("click", () => {
    const text = $("[data-rc-text]").value;
    if (!tooBig(text.length)) safely(text);
  });

  $("[data-rc-controls]").hidden = false;
  $("[data-rc-nojs]").hidden = true;
})();
