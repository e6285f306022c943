// @ts-check
// Checklist state, no DOM (tests pass fake storages). Storage calls are all
// guarded (private mode, full quota); corrupt JSON reads as no ticks.
(() => {
  const PREFIX = "dbt-ack:", TICKS = PREFIX + "ticks", REMEMBER = PREFIX + "remember", NAME = PREFIX + "name";
  /** "topic/id": hash of the words ticked, time, and (ticked in a language edition) the
   * hash of the statement as written in the pages' own language and the edition's language.
   * @typedef {Record<string, {h: string, t: number, s?: string, l?: string}>} Ticks */
  /** @typedef {"agreed" | "changed" | "open"} Status */
  /** @typedef {Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length"> | null} Store */

  /** A hash or language code. @param {unknown} v */
  const token = (v) => typeof v == "string" && /^[\w-]{1,99}$/.test(v);
  /** @param {string | null} text @returns {Ticks} */
  function parse(text) {
    /** @type {Ticks} */ const out = {};
    try {
      for (const [k, v] of Object.entries(Object(Object(JSON.parse(String(text))).items))) {
        // Anyone can edit storage: keep only the expected shape.
        if (/^[a-z0-9-]+\/[a-z0-9-]+$/.test(k) && token(v?.h) && Number.isFinite(v.t)) {
          out[k] = { h: v.h, t: v.t };
          for (const f of ["s", "l"]) if (token(v[f])) out[k][f] = v[f];
        }
      }
    } catch (e) {}
    return out;
  }
  const json = (t) => JSON.stringify({ v: 1, items: t });
  /** @param {Store} s */
  const get = (s, k) => { try { return s && s.getItem(k); } catch (e) { return null; } };
  /** @param {Store} s */
  const put = (s, k, v) => { try { return !!s && (s.setItem(k, v), true); } catch (e) { return false; } };
  /** @param {Store} s */
  const drop = (s, k) => { try { s?.removeItem(k); } catch (e) {} };

  /** A tick counts only for the text it was given to: in the same language, the same
   * words; given in another language, the same statement as written (source hash).
   * @param {Ticks} ticks @param {string} key @param {string} hash
   * @param {string} [source] @param {string} [lang] @returns {Status} */
  const status = (ticks, key, hash, source = "", lang = "") => {
    if (!Object.hasOwn(ticks, key)) return "open";
    const t = ticks[key];
    if (t.l && lang && t.l != lang) return source && t.s == source ? "agreed" : "changed";
    return t.h == hash ? "agreed" : "changed";
  };

  /** @param {Ticks} ticks @param {string[][]} items [key, hash, source?] @param {string} [lang] */
  const progress = (ticks, items, lang = "") => ({ agreed: items.filter(([k, h, s]) => status(ticks, k, h, s, lang) == "agreed").length, total: items.length });

  /** Union; the later tick of an item wins. @param {Ticks} a @param {Ticks} b */
  const merge = (a, b) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) if (!out[k] || out[k].t <= v.t) out[k] = v;
    return out;
  };

  /** Ticks live in sessionStorage (this tab) unless the client chose to be
   * remembered (localStorage). Refused writes stay in memory: failed().
   * @param {{session: Store, local: Store}} stores */
  function create({ session, local }) {
    /** @type {Ticks | null} */ let memory = null;
    const remembering = () => get(local, REMEMBER) == "1";
    const active = () => (remembering() ? local : session);
    const keep = (t) => put(local, TICKS, json(merge(parse(get(local, TICKS)), t)));
    const forget = () => (drop(local, TICKS), drop(local, REMEMBER));
    /** @returns {Ticks} */
    const load = () => {
      if (memory) return { ...memory };
      const own = parse(get(session, TICKS));
      // Once another tab chose to remember, this tab's ticks join the device's.
      if (remembering() && Object.keys(own).length && keep(own)) drop(session, TICKS);
      return parse(get(active(), TICKS));
    };
    const save = (t) => !(memory = put(active(), TICKS, json(t)) ? null : t);
    // The summary's name field: kept where the ticks are, by the same rules.
    const name = () => get(remembering() ? local : session, NAME) || "";
    /** @param {string} v */
    const setName = (v) => (v ? put(active(), NAME, v) : (drop(session, NAME), drop(local, NAME), true));
    return {
      load,
      remembering,
      failed: () => !!memory,
      /** Tick with the statement's hash, or untick; false if not stored.
       * @param {string} key @param {string | false} hash @param {number} now
       * @param {{s?: string, l?: string}} [where] source hash and language, when known */
      set(key, hash, now, where = {}) {
        const t = load();
        if (hash) t[key] = { h: hash, t: now, ...where };
        else delete t[key];
        return save(t);
      },
      /** Keep ticks on this device, or in this tab only; false if refused. @param {boolean} on */
      remember(on) {
        const t = load(), n = name();
        if (!on) return forget(), drop(local, NAME), setName(n), save(t);
        if (keep(t) && put(local, REMEMBER, "1")) return drop(session, TICKS), drop(session, NAME), setName(n), !(memory = null);
        return forget(), false;
      },
      name,
      setName,
      /** Remove every key this site wrote, from both storages; returns them, for undo. */
      clear() {
        memory = null;
        /** @type {[Store, string, string][]} */ const gone = [];
        for (const s of [session, local]) {
          try {
            for (let i = (s?.length ?? 0) - 1; i >= 0; i--) {
              const k = s?.key(i);
              if (k?.startsWith(PREFIX)) gone.push([s, k, String(get(s, k))]), drop(s, k);
            }
          } catch (e) {}
        }
        return gone;
      },
      /** Put back what clear() removed. @param {[Store, string, string][]} gone */
      restore: (gone) => gone.every(([s, k, v]) => put(s, k, v)),
    };
  }

  /** The client's copy as plain text; marks and notes in the edition's language.
   * @param {string[]} head @param {{title: string, items: {text: string, status: Status, note?: string}[]}[]} topics
   * @param {Record<Status, string>} mark */
  function recordText(head, topics, mark) {
    const lines = [...head];
    for (const t of topics) lines.push("", t.title, ...t.items.map((i) => `${mark[i.status]} ${i.text}${i.note ? ` (${i.note})` : ""}`));
    return lines.join("\n") + "\n";
  }

  /** @type {any} */ (globalThis).DbtAckState = { PREFIX, parse, status, progress, merge, create, recordText };
})();
