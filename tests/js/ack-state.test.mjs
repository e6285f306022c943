// @ts-check
// Unit tests for build_tools/acknowledgment/static/ack-state.js: run with `node --test tests/js/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../build_tools/acknowledgment/static/ack-state.js";

/** @type {any} */
const S = /** @type {any} */ (globalThis).DbtAckState;

/** An in-memory Storage; `fail` makes chosen methods throw like private mode or a full quota. */
class FakeStorage {
  /** @param {{fail?: string[]}} [options] */
  constructor({ fail = [] } = {}) {
    /** @type {Map<string, string>} */
    this.map = new Map();
    this.fail = new Set(fail);
  }
  /** @param {string} name */
  check(name) {
    if (this.fail.has(name)) throw new DOMException(`${name} refused`, "QuotaExceededError");
  }
  get length() {
    this.check("length");
    return this.map.size;
  }
  /** @param {number} i */
  key(i) {
    this.check("key");
    return [...this.map.keys()][i] ?? null;
  }
  /** @param {string} k */
  getItem(k) {
    this.check("getItem");
    return this.map.has(k) ? /** @type {string} */ (this.map.get(k)) : null;
  }
  /** @param {string} k @param {string} v */
  setItem(k, v) {
    this.check("setItem");
    this.map.set(k, String(v));
  }
  /** @param {string} k */
  removeItem(k) {
    this.check("removeItem");
    this.map.delete(k);
  }
}

const KEY = "attendance/come-each-week";
const pair = /** @type {const} */ ([KEY, "aaaa1111"]);

function fresh() {
  const session = new FakeStorage();
  const local = new FakeStorage();
  return { session, local, state: S.create({ session, local }) };
}

test("corrupt, foreign or hostile stored JSON reads as no ticks", () => {
  for (const text of [null, "", "{", "null", "42", '"x"', "[]", '{"items": "abc"}', '{"items": [1, 2]}']) {
    assert.deepEqual(S.parse(text), {}, String(text));
  }
  const mixed = JSON.stringify({
    items: {
      [KEY]: { h: "aaaa1111", t: 5 },
      "bad key": { h: "x", t: 1 },
      "a/b": { h: 3, t: 1 },
      "c/d": { h: "x", t: "1" },
      "e/f": null,
    },
  });
  assert.deepEqual(S.parse(mixed), { [KEY]: { h: "aaaa1111", t: 5 } });
  const proto = '{"items": {"__proto__": {"h": "x", "t": 1}, "constructor": {"h": "x", "t": 1}}}';
  const parsed = S.parse(proto);
  assert.deepEqual(Object.keys(parsed), []);
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
});

test("a stored language or hash that is not a plain token is dropped", () => {
  const stored = JSON.stringify({
    items: {
      [KEY]: { h: "aaaa1111", t: 5, l: "__proto__", s: "<img src=x>" },
      "g/h": { h: "<b>", t: 5 },
      "i/j": { h: "bbbb", t: 6, l: "es", s: "cccc" },
    },
  });
  const parsed = S.parse(stored);
  assert.deepEqual(parsed[KEY], { h: "aaaa1111", t: 5, l: "__proto__" });
  assert.equal(Object.hasOwn(parsed, "g/h"), false);
  assert.deepEqual(parsed["i/j"], { h: "bbbb", t: 6, l: "es", s: "cccc" });
});

test("a tick counts only for the statement text it was given to", () => {
  const ticks = { [KEY]: { h: "aaaa1111", t: 1 } };
  assert.equal(S.status(ticks, KEY, "aaaa1111"), "agreed");
  assert.equal(S.status(ticks, KEY, "bbbb2222"), "changed");
  assert.equal(S.status(ticks, "attendance/other", "aaaa1111"), "open");
  assert.equal(S.status({}, "constructor", "x"), "open");
  const items = [pair, ["attendance/other", "cccc3333"], ["attendance/third", "dddd"]];
  assert.deepEqual(S.progress(ticks, items), { agreed: 1, total: 3 });
  assert.deepEqual(S.progress({ [KEY]: { h: "old", t: 1 } }, items), { agreed: 0, total: 3 });
  assert.deepEqual(S.progress(ticks, []), { agreed: 0, total: 0 });
});

test("merge keeps the later tick of each item", () => {
  const a = { "x/a": { h: "1", t: 1 }, "x/b": { h: "1", t: 5 } };
  const b = { "x/a": { h: "2", t: 2 }, "x/b": { h: "2", t: 3 }, "x/c": { h: "2", t: 1 } };
  assert.deepEqual(S.merge(a, b), { "x/a": { h: "2", t: 2 }, "x/b": { h: "1", t: 5 }, "x/c": { h: "2", t: 1 } });
});

test("by default ticks stay in this tab (sessionStorage) and nothing goes to localStorage", () => {
  const { session, local, state } = fresh();
  assert.equal(state.set(KEY, pair[1], 1000), true);
  assert.deepEqual(state.load(), { [KEY]: { h: pair[1], t: 1000 } });
  assert.equal(local.map.size, 0);
  assert.deepEqual([...session.map.keys()], ["dbt-ack:ticks"]);
  assert.equal(state.remembering(), false);
  state.set(KEY, false, 2000);
  assert.deepEqual(state.load(), {});
});

test("remember moves ticks to localStorage and back; a new tab then sees them", () => {
  const { session, local, state } = fresh();
  state.set(KEY, pair[1], 1000);
  assert.equal(state.remember(true), true);
  assert.equal(state.remembering(), true);
  assert.equal(session.map.size, 0);
  assert.deepEqual(S.parse(local.getItem("dbt-ack:ticks")).hasOwnProperty(KEY), true);

  const otherTab = S.create({ session: new FakeStorage(), local });
  assert.deepEqual(Object.keys(otherTab.load()), [KEY]);
  otherTab.set("attendance/two", "eeee", 3000);
  assert.deepEqual(Object.keys(state.load()).sort(), [KEY, "attendance/two"]);

  assert.equal(state.remember(false), true);
  assert.equal(local.map.size, 0, "turning it off leaves nothing on the device");
  assert.deepEqual(Object.keys(state.load()).sort(), [KEY, "attendance/two"], "this tab keeps them");
});

test("a tab's own ticks join the device's when another tab chose to remember", () => {
  const local = new FakeStorage();
  const tabA = S.create({ session: new FakeStorage(), local });
  const sessionB = new FakeStorage();
  const tabB = S.create({ session: sessionB, local });
  tabA.set("x/a", "1", 1);
  tabB.set("x/b", "2", 2);
  tabA.remember(true);
  assert.deepEqual(Object.keys(tabB.load()).sort(), ["x/a", "x/b"]);
  assert.equal(sessionB.map.size, 0);
});

test("clear removes every key the site wrote and nothing else", () => {
  const { session, local, state } = fresh();
  state.set(KEY, pair[1], 1);
  state.remember(true);
  session.setItem("dbt-ack:extra", "1");
  session.setItem("other-site-key", "keep");
  local.setItem("sphinx-design-tab-id-x", "keep");
  state.clear();
  assert.deepEqual([...session.map.keys()], ["other-site-key"]);
  assert.deepEqual([...local.map.keys()], ["sphinx-design-tab-id-x"]);
  assert.deepEqual(state.load(), {});
  assert.equal(state.remembering(), false);
});

test("clear hands back what it removed, and restore puts exactly that back", () => {
  const { session, local, state } = fresh();
  state.set(KEY, pair[1], 1);
  state.remember(true);
  state.setName("Sam");
  session.setItem("dbt-ack:extra", "1");
  const before = [new Map(session.map), new Map(local.map)];
  const gone = state.clear();
  assert.equal(gone.length, 4);
  assert.deepEqual(state.load(), {});
  assert.equal(state.name(), "");
  assert.equal(state.restore(gone), true);
  assert.deepEqual([session.map, local.map], before);
  assert.deepEqual(Object.keys(state.load()), [KEY]);
  assert.equal(state.remembering(), true);
  assert.equal(state.name(), "Sam");
});

test("the name is kept where the ticks are, and moves with them", () => {
  const { session, local, state } = fresh();
  assert.equal(state.name(), "");
  state.setName("Sam");
  assert.deepEqual([...session.map.keys()], ["dbt-ack:name"]);
  assert.equal(local.map.size, 0, "this tab only, by default");
  state.remember(true);
  assert.equal(session.map.has("dbt-ack:name"), false);
  assert.equal(local.map.get("dbt-ack:name"), "Sam");
  assert.equal(S.create({ session: new FakeStorage(), local }).name(), "Sam", "a new tab sees it");
  state.remember(false);
  assert.equal(local.map.has("dbt-ack:name"), false);
  assert.equal(state.name(), "Sam");
  state.setName("");
  assert.equal(session.map.has("dbt-ack:name"), false);
});

test("storage that refuses writes keeps ticks in memory and says so", () => {
  const session = new FakeStorage({ fail: ["setItem"] });
  const local = new FakeStorage({ fail: ["setItem"] });
  const state = S.create({ session, local });
  assert.equal(state.failed(), false);
  assert.equal(state.set(KEY, pair[1], 1), false);
  assert.equal(state.failed(), true);
  assert.deepEqual(Object.keys(state.load()), [KEY]);
  state.set("x/b", "2", 2);
  assert.deepEqual(Object.keys(state.load()).sort(), [KEY, "x/b"]);
  assert.equal(state.remember(true), false, "cannot remember on a device that refuses");
  assert.equal(state.remembering(), false);
  assert.deepEqual(Object.keys(state.load()).sort(), [KEY, "x/b"]);
  state.clear();
  assert.deepEqual(state.load(), {});
  assert.equal(state.failed(), false);
});

test("storage that throws on every call, or is missing, never throws out", () => {
  const all = ["getItem", "setItem", "removeItem", "key", "length"];
  for (const stores of [
    { session: new FakeStorage({ fail: all }), local: new FakeStorage({ fail: all }) },
    { session: null, local: null },
  ]) {
    const state = S.create(stores);
    assert.deepEqual(state.load(), {});
    assert.equal(state.remembering(), false);
    assert.equal(state.set(KEY, pair[1], 1), false);
    assert.deepEqual(Object.keys(state.load()), [KEY]);
    assert.equal(state.remember(true), false);
    assert.equal(state.remember(false), false);
    state.clear();
    assert.deepEqual(state.load(), {});
  }
});

test("a full localStorage leaves the ticks in this tab", () => {
  const session = new FakeStorage();
  const local = new FakeStorage({ fail: ["setItem"] });
  const state = S.create({ session, local });
  state.set(KEY, pair[1], 1);
  assert.equal(state.remember(true), false);
  assert.equal(state.remembering(), false);
  assert.equal(state.failed(), false);
  assert.deepEqual(Object.keys(state.load()), [KEY]);
  assert.ok(session.getItem("dbt-ack:ticks"));
});

test("corrupt stored ticks are replaced by the next tick", () => {
  const { session, state } = fresh();
  session.setItem("dbt-ack:ticks", "{not json");
  assert.deepEqual(state.load(), {});
  state.set(KEY, pair[1], 1);
  assert.deepEqual(JSON.parse(/** @type {string} */ (session.getItem("dbt-ack:ticks"))), {
    v: 1,
    items: { [KEY]: { h: pair[1], t: 1 } },
  });
});

const H1 = "0123456789ab", H2 = "ba9876543210", SRC = "aaaabbbbcccc";

test("the record text lists every statement with its mark, in the edition's words, and its code", () => {
  const words = { mark_agreed: "[x]", mark_open: "[ ]", mark_changed: "[cambió]" };
  const marks = (/** @type {string} */ name) => words[name];
  const text = S.recordText("client es 1234-abcd-5678 2026-11-28", [["Clinic"], ["Edition: 1234-abcd"], ["Your name (optional): Sam"]], [
    {
      title: "Coming to sessions",
      items: [
        { text: "I will come.", status: "agreed", note: "Agreed, when you read it in English", at: ["attendance/come", H1, SRC] },
        { text: "I will call.", status: "open", at: ["attendance/call", H2, SRC] },
        { text: "I know the rule.", status: "changed", at: ["attendance/rule", H1, H2] },
      ],
    },
  ], marks);
  assert.equal(
    text,
    "[dbt-record 2 client es 1234-abcd-5678 2026-11-28]\nClinic\nEdition: 1234-abcd\nYour name (optional): Sam\n\nComing to sessions\n" +
      `[x] I will come. (Agreed, when you read it in English) [attendance/come ${H1} ${SRC} agreed]\n` +
      `[ ] I will call. [attendance/call ${H2} ${SRC} open]\n` +
      `[cambió] I know the rule. [attendance/rule ${H1} ${H2} changed]\n\n[end 3]\n`,
  );
});

test("head lines may carry a code too (the quick checks), and the last line counts every code", () => {
  const text = S.recordText("client en 1-2-3 2026-11-28", [["Clinic"], [`I got this: Is coaching for emergencies? `, `kc-coaching/emergency ${H1} - agreed`], [""], ["Legend"]], [], () => "");
  const lines = text.split("\n");
  assert.equal(lines[2], `I got this: Is coaching for emergencies?  [kc-coaching/emergency ${H1} - agreed]`);
  assert.equal(lines[3], "");
  assert.equal(lines.at(-2), "[end 1]");
  assert.equal(lines.at(-1), "", "the file ends with a newline");
});

test("a tick given in one language counts in another while the statement is unchanged", () => {
  const ticks = { [KEY]: { h: "en-hash", t: 1, s: "source-1", l: "en" } };
  // The same edition compares the words it showed.
  assert.equal(S.status(ticks, KEY, "en-hash", "source-1", "en"), "agreed");
  assert.equal(S.status(ticks, KEY, "en-hash-2", "source-1", "en"), "changed");
  // Another language compares the statement as written.
  assert.equal(S.status(ticks, KEY, "es-hash", "source-1", "es"), "agreed");
  assert.equal(S.status(ticks, KEY, "es-hash", "source-2", "es"), "changed");
  assert.deepEqual(S.progress(ticks, [[KEY, "es-hash", "source-1"]], "es"), { agreed: 1, total: 1 });
  // Stored and read back with its language.
  assert.deepEqual(S.parse(JSON.stringify({ v: 1, items: ticks })), ticks);
});

test("questions are kept like ticks: a mark on a statement's words, and a page's text", () => {
  const stored = {
    [KEY + "?"]: { h: "aaaa1111", t: 2 },
    "attendance?": { h: "q", t: 3, n: "What if I am late?" },
    "attendance": { h: "q", t: 3, n: "a key with neither statement nor question mark" },
    "attendance??": { h: "q", t: 3 },
    "attendance/x?": { h: "q", t: 3, n: 42 },
  };
  const parsed = S.parse(JSON.stringify({ v: 1, items: stored }));
  assert.deepEqual(Object.keys(parsed), [KEY + "?", "attendance?", "attendance/x?"]);
  assert.equal(parsed["attendance?"].n, "What if I am late?");
  assert.equal(parsed["attendance/x?"].n, undefined);
  // A question about words that changed since shows as changed, like a tick.
  assert.equal(S.status(parsed, KEY + "?", "aaaa1111"), "agreed");
  assert.equal(S.status(parsed, KEY + "?", "bbbb2222"), "changed");
  const { session, local, state } = fresh();
  state.set("attendance?", "q", 4, { n: "Why?" });
  assert.equal(state.load()["attendance?"].n, "Why?");
  assert.equal(local.getItem("dbt-ack:ticks"), null);
  state.clear();
  assert.deepEqual(state.load(), {});
  assert.equal(session.getItem("dbt-ack:ticks"), null);
});

test("the record lists questions: [?] beside a statement, then the page's questions with their topic", () => {
  const words = { mark_agreed: "[x]", mark_open: "[ ]", mark_changed: "[changed]", mark_ask: "[?]", questions: "My questions" };
  const marks = (/** @type {string} */ name) => words[name];
  const call = { text: "I will call.", status: "open", ask: true, at: ["attendance/call", H2, SRC] };
  const text = S.recordText("client en 1-2-3 2026-11-28", [["Clinic"]], [
    { title: "To talk about", items: [call], questions: [["Coming to sessions: What if I am late? [x]", "attendance"]] },
    { title: "Coming to sessions", items: [call] },
  ], marks);
  assert.equal(
    text,
    "[dbt-record 2 client en 1-2-3 2026-11-28]\nClinic\n\nTo talk about\n" +
      `[ ] [?] I will call. [attendance/call ${H2} ${SRC} open ?]\n` +
      "My questions: Coming to sessions: What if I am late? [x] [attendance?]\n\n" +
      `Coming to sessions\n[ ] [?] I will call. [attendance/call ${H2} ${SRC} open ?]\n\n[end 3]\n`,
  );
});
