// @ts-check
// Checklist state, no DOM. Storage may throw (private mode, full quota) or hold junk.
(() => {
  const PREFIX = "dbt-ack:", TICKS = PREFIX + "ticks", REMEMBER = PREFIX + "remember", NAME = PREFIX + "name";
  /** "topic/id": a tick; "topic/id?": a question on it; "topic?": the page's questions
   * (n). h: words' hash; t: time; s, l: source hash, language. @typedef {Record<string, {h: string, t: number, s?: string, l?: string, n?: string}>} Ticks */
  const safe = (f, d = null) => { try { return f(); } catch (e) { return d; } };
  const token = (v) => typeof v == "string" && /^[\w-]{1,99}$/.test(v);
  /** @returns {Ticks} */
  function parse(text) {
    const out = {};
    try {
      for (const [k, v] of Object.entries(Object(Object(JSON.parse(String(text))).items))) {
        // Anyone can edit storage: keep only the expected shape.
        if (/^[a-z0-9-]+(\/[a-z0-9-]+\??|\?)$/.test(k) && token(v?.h) && Number.isFinite(v.t)) {
          out[k] = { h: v.h, t: v.t };
          for (const f of ["s", "l"]) if (token(v[f])) out[k][f] = v[f];
          if (typeof v.n == "string") out[k].n = v.n.slice(0, 5e3);
        }
      }
    } catch (e) {}
    return out;
  }
  const json = (t) => JSON.stringify({ v: 1, items: t });
  const get = (s, k) => safe(() => s?.getItem(k));
  const put = (s, k, v) => safe(() => !!s && (s.setItem(k, v), true), false);
  const drop = (s, k) => safe(() => s?.removeItem(k));

  /** "agreed", "changed" or "open": a tick counts for the words it was given to, or from
   * another language, for the source words. @param {Ticks} ticks */
  const status = (ticks, key, hash, source = "", lang = "") => {
    const t = Object.hasOwn(ticks, key) && ticks[key];
    if (!t) return "open";
    return (t.l && lang && t.l != lang ? source && t.s == source : t.h == hash) ? "agreed" : "changed";
  };
  /** items: [key, hash, source?][] */
  const progress = (ticks, items, lang = "") => ({ agreed: items.filter(([k, h, s]) => status(ticks, k, h, s, lang) == "agreed").length, total: items.length });
  /** Union; the later entry wins. */
  const merge = (a, b) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) if (!out[k] || out[k].t <= v.t) out[k] = v;
    return out;
  };

  /** This tab (sessionStorage) unless the client chose the device (localStorage).
   * Refused writes stay in memory: failed(). */
  function create({ session, local }) {
    /** @type {Ticks | null} */ let memory = null;
    const remembering = () => get(local, REMEMBER) == "1";
    const active = () => (remembering() ? local : session);
    const keep = (t) => put(local, TICKS, json(merge(parse(get(local, TICKS)), t)));
    const forget = () => (drop(local, TICKS), drop(local, REMEMBER));
    const load = () => {
      if (memory) return { ...memory };
      const own = parse(get(session, TICKS));
      // Once another tab chose to remember, this tab's ticks join the device's.
      if (remembering() && Object.keys(own).length && keep(own)) drop(session, TICKS);
      return parse(get(active(), TICKS));
    };
    const save = (t) => !(memory = put(active(), TICKS, json(t)) ? null : t);
    const name = () => get(active(), NAME) || "";
    const setName = (v) => (v ? put(active(), NAME, v) : (drop(session, NAME), drop(local, NAME), true));
    return {
      load,
      remembering,
      failed: () => !!memory,
      name,
      setName,
      /** With the words' hash, or (false) remove; false if not stored. */
      set(key, hash, now, more = {}) {
        const t = load();
        if (hash) t[key] = { h: hash, t: now, ...more };
        else delete t[key];
        return save(t);
      },
      /** Keep on this device, or in this tab only; false if refused. */
      remember(on) {
        const t = load(), n = name();
        if (!on) return forget(), drop(local, NAME), setName(n), save(t);
        if (keep(t) && put(local, REMEMBER, "1")) return drop(session, TICKS), drop(session, NAME), setName(n), !(memory = null);
        return forget(), false;
      },
      /** Remove every key of ours; returns them, for undo. */
      clear() {
        memory = null;
        const gone = [];
        for (const s of [session, local]) {
          try {
            for (let i = (s?.length ?? 0) - 1; i >= 0; i--) {
              const k = s.key(i);
              if (k?.startsWith(PREFIX)) gone.push([s, k, String(get(s, k))]), drop(s, k);
            }
          } catch (e) {}
        }
        return gone;
      },
      restore: (gone) => gone.every(([s, k, v]) => put(s, k, v)),
    };
  }

  /** The record as text, format 2 (see record_check): a line the clinic can check ends
   * in its code, beside its words; [end n] counts the codes. say: the words. */
  function recordText(first, head, topics, say) {
    let n = 0;
    const out = [`[dbt-record 2 ${first}]`], add = (t, c) => out.push(c ? (n++, `${t} [${c}]`) : t);
    head.forEach((h) => add(...h));
    for (const t of topics) {
      out.push("", t.title);
      for (const i of t.items) add(`${say("mark_" + i.status)}${i.ask ? " " + say("mark_ask") : ""} ${i.text}${i.note ? ` (${i.note})` : ""}`, `${i.at.join(" ")} ${i.status}${i.ask ? " ?" : ""}`);
      for (const [q, k] of t.questions || []) add(`${say("questions")}: ${q}`, k + "?");
    }
    return out.join("\n") + `\n\n[end ${n}]\n`;
  }

  /** @type {any} */ (globalThis).DbtAckState = { PREFIX, safe, parse, status, progress, merge, create, recordText };
})();
