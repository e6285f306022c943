// @ts-check
/* Acknowledgment state without the DOM: what is ticked, where it is kept, what
   it counts for. Storage is passed in, so `node --test` can use fakes. Every
   storage call is guarded: private mode, a full quota or corrupt JSON must
   never break a page. Every key starts with PREFIX, so Clear can find them. */
(() => {
  "use strict";
  const PREFIX = "dbt-ack:";
  const TICKS = PREFIX + "ticks";
  const REMEMBER = PREFIX + "remember";
  const KEY = /^[a-z0-9-]+\/[a-z0-9-]+$/;

  /** @typedef {{h: string, t: number}} Tick  statement hash, time ticked (ms) */
  /** @typedef {Record<string, Tick>} Ticks  by "topic/id" */
  /** @typedef {"agreed" | "changed" | "open"} Status */
  /** @typedef {Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">} Store */

  /** @param {string | null} text @returns {Ticks} */
  function parse(text) {
    /** @type {Ticks} */
    const out = {};
    try {
      const items = Object(JSON.parse(String(text))).items;
      for (const key of Object.keys(Object(items))) {
        const v = items[key];
        if (KEY.test(key) && v && typeof v.h === "string" && typeof v.t === "number") {
          out[key] = { h: v.h, t: v.t };
        }
      }
    } catch (e) {
      // Corrupt or missing: start again; the next tick overwrites it.
    }
    return out;
  }

  /** @param {Ticks} ticks */
  const serialize = (ticks) => JSON.stringify({ v: 1, items: ticks });

  /** @param {Store | null} s @param {string} k @returns {string | null} */
  function get(s, k) {
    try {
      return s ? s.getItem(k) : null;
    } catch (e) {
      return null;
    }
  }

  /** @param {Store | null} s @param {string} k @param {string} v @returns {boolean} saved */
  function put(s, k, v) {
    try {
      if (!s) return false;
      s.setItem(k, v);
      return true;
    } catch (e) {
      return false;
    }
  }

  /** @param {Store | null} s @param {string} k */
  function drop(s, k) {
    try {
      if (s) s.removeItem(k);
    } catch (e) {
      // Nothing more we can do.
    }
  }

  /** A tick counts only for the text it was given for.
   * @param {Ticks} ticks @param {string} key @param {string} hash @returns {Status} */
  function status(ticks, key, hash) {
    const tick = Object.prototype.hasOwnProperty.call(ticks, key) ? ticks[key] : null;
    return !tick ? "open" : tick.h === hash ? "agreed" : "changed";
  }

  /** @param {Ticks} ticks @param {Record<string, string>} items hash by key */
  function progress(ticks, items) {
    const keys = Object.keys(items);
    const agreed = keys.filter((k) => status(ticks, k, items[k]) === "agreed").length;
    return { agreed, total: keys.length };
  }

  /** Union of two records; the later tick of an item wins.
   * @param {Ticks} a @param {Ticks} b @returns {Ticks} */
  function merge(a, b) {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) if (!out[k] || out[k].t <= v.t) out[k] = v;
    return out;
  }

  /** Ticks live in sessionStorage (this tab) unless the client chose to be
   * remembered: then in localStorage. If storage refuses a write, they live in
   * memory until the page closes, and failed() says so.
   * @param {{session: Store | null, local: Store | null}} stores */
  function create({ session, local }) {
    /** @type {Ticks | null} */
    let memory = null;
    const remembering = () => get(local, REMEMBER) === "1";
    const active = () => (remembering() ? local : session);

    /** @returns {Ticks} */
    function load() {
      if (memory) return { ...memory };
      if (remembering()) {
        // Ticks from this tab made before another tab chose to remember.
        const own = parse(get(session, TICKS));
        const mine = Object.keys(own).length > 0;
        if (mine && put(local, TICKS, serialize(merge(parse(get(local, TICKS)), own)))) {
          drop(session, TICKS);
        }
      }
      return parse(get(active(), TICKS));
    }

    /** @param {Ticks} ticks @returns {boolean} */
    function save(ticks) {
      memory = put(active(), TICKS, serialize(ticks)) ? null : ticks;
      return !memory;
    }

    return {
      load,
      remembering,
      failed: () => memory !== null,
      /** Tick (with the statement's hash) or untick (hash null).
       * @param {string} key @param {string | null} hash @param {number} now */
      set(key, hash, now) {
        const ticks = load();
        if (hash) ticks[key] = { h: hash, t: now };
        else delete ticks[key];
        return save(ticks);
      },
      /** Move the ticks to this device (on) or back to this tab only (off).
       * @param {boolean} on @returns {boolean} done */
      remember(on) {
        const ticks = load();
        if (!on) {
          drop(local, TICKS);
          drop(local, REMEMBER);
          return save(ticks);
        }
        const merged = merge(parse(get(local, TICKS)), ticks);
        if (put(local, TICKS, serialize(merged)) && put(local, REMEMBER, "1")) {
          drop(session, TICKS);
          memory = null;
          return true;
        }
        drop(local, TICKS);
        drop(local, REMEMBER);
        return false;
      },
      /** Remove every key this site wrote, in both storages. */
      clear() {
        memory = null;
        for (const s of [session, local]) {
          try {
            for (let i = s ? s.length - 1 : -1; i >= 0; i--) {
              const k = s && s.key(i);
              if (k && k.startsWith(PREFIX)) drop(s, k);
            }
          } catch (e) {
            // Unreadable storage holds nothing of ours we could reach.
          }
        }
      },
    };
  }

  /** The client's copy as plain text.
   * @param {{clinic: string, what: string, edition: string, name: string, date: string,
   *   made: string, topics: {title: string, items: {text: string, status: Status}[]}[]}} r */
  function recordText(r) {
    const mark = { agreed: "[x]", open: "[ ]", changed: "[changed]" };
    const lines = [r.clinic, r.what, "", `Edition: ${r.edition}`, `Name: ${r.name}`];
    lines.push(`Date: ${r.date}`, `Made: ${r.made}`, "");
    lines.push("[x] = I agree. [ ] = not ticked. [changed] = changed since I ticked it.");
    for (const topic of r.topics) {
      lines.push("", topic.title);
      for (const item of topic.items) lines.push(`${mark[item.status]} ${item.text}`);
    }
    return lines.join("\n") + "\n";
  }

  /** @type {any} */ (globalThis).DbtAckState = {
    PREFIX,
    parse,
    status,
    progress,
    merge,
    create,
    recordText,
  };
})();
