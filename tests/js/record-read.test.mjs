// @ts-check
// Unit tests for build_tools/record_check/static/record-read.js, on records written by
// the real recordText (ack-state.js): run with `node --test tests/js/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import "../../build_tools/acknowledgment/static/ack-state.js";
import "../../build_tools/record_check/static/record-read.js";

/** @type {any} */
const S = /** @type {any} */ (globalThis).DbtAckState;
/** @type {any} */
const R = /** @type {any} */ (globalThis).DbtRecord;

/** As build_tools.acknowledgment.doctree.statement_hash. @param {string} s */
const hash = (s) => createHash("sha256").update(s.replace(/\s+/g, " ").trim()).digest("hex").slice(0, 12);
const digest = async (/** @type {string} */ s) => hash(s);

const COME = "I will come to every session I can.";
const CALL = "I will call if I cannot come.";
const GONE = "I will bring my diary card.";
const KC = "kc-coaching/emergency";
const words = { mark_agreed: "[x]", mark_open: "[ ]", mark_changed: "[changed]", mark_ask: "[?]", questions: "My questions" };
const say = (/** @type {string} */ n) => words[n];
const item = (/** @type {string} */ id, /** @type {string} */ text, /** @type {string} */ status, ask = false) => ({
  text, status, ask, at: [`attendance/${id}`, hash(text), hash(text)],
});

/** A client's record as the summary page writes it. */
function record(language = "en", edition = "1111-2222-3333") {
  const come = item("come", COME, "agreed", true), call = item("call", CALL, "open"), gone = item("diary", GONE, "changed");
  return S.recordText(`client ${language} ${edition} 2026-11-28`, [
    ["Riverside DBT Program"], ["Edition: " + edition], ["Still unclear to me: Is coaching for emergencies? ", `${KC} aaaaaaaaaaaa - changed`], [""], ["Legend"],
  ], [
    { title: "To talk about", items: [come, call, gone], questions: [["Attendance: What if I am late? (I work shifts)", "attendance"]] },
    { title: "Attendance", items: [come, call, gone] },
  ], say);
}

const data = {
  language: "en",
  client: {
    edition: "1111-2222-3333",
    topics: [{ title: "Attendance", items: [
      ["attendance/come", hash(COME), hash(COME), COME],
      ["attendance/call", hash("I will call when I cannot come."), hash("I will call when I cannot come."), "I will call when I cannot come."],
      ["attendance/new", hash("New words."), hash("New words."), "New words."],
    ] }],
  },
  trainer: { edition: "4444-5555-6666", topics: [] },
  checks: [[KC, "aaaaaaaaaaaa", "Is coaching for emergencies?"]],
};

test("a record reads back: header, statements once each, checks, questions and the count", () => {
  const r = R.read(record());
  assert.equal(r.problem, undefined);
  assert.deepEqual([r.version, r.audience, r.language, r.edition, r.date], [2, "client", "en", "1111-2222-3333", "2026-11-28"]);
  assert.deepEqual(r.statements.map((/** @type {any} */ s) => [s.key, s.status, s.ask]), [
    ["attendance/come", "agreed", true], ["attendance/call", "open", false], ["attendance/diary", "changed", false],
  ]);
  assert.equal(r.lines.length, 6);
  assert.deepEqual(r.checks.map((/** @type {any} */ c) => [c.key, c.status]), [[KC, "changed"]]);
  assert.deepEqual(r.questions, [{ topic: "attendance", text: "My questions: Attendance: What if I am late? (I work shifts)" }]);
  assert.equal(r.expected, r.found);
  assert.equal(r.found, 8);
});

test("the comparison sorts statements into same, changed and gone, and finds what is new", () => {
  const result = R.compare(R.read(record()), data);
  assert.equal(result.sameEdition, true);
  assert.deepEqual(result.statements.map((/** @type {any} */ s) => [s.key, s.now]), [
    ["attendance/come", "same"], ["attendance/call", "changed"], ["attendance/diary", "gone"],
  ]);
  assert.deepEqual(result.added.map((/** @type {any} */ a) => a.key), ["attendance/new"]);
  assert.deepEqual(result.checks.map((/** @type {any} */ c) => [c.key, c.now, c.question]), [[KC, "same", "Is coaching for emergencies?"]]);
});

test("a record in another language is compared by the source words", () => {
  const spanish = record("es", "9999-8888-7777").replaceAll(`attendance/come ${hash(COME)} `, "attendance/come 0123456789ab ");
  const r = R.read(spanish);
  const come = r.statements.find((/** @type {any} */ s) => s.key == "attendance/come");
  assert.equal(come.hash, "0123456789ab");
  const result = R.compare(r, data);
  assert.equal(result.sameLanguage, false);
  assert.equal(result.statements[0].now, "same", "the source hash still matches");
});

test("words edited after the record was made no longer give their code's hash", async () => {
  const text = record().replace("[x] [?] I will come to every session I can.", "[x] [?] I will come to some sessions.");
  assert.deepEqual([...(await R.edited(R.read(text), digest))], ["attendance/come"]);
  assert.deepEqual([...(await R.edited(R.read(record()), digest))], [], "the words as written all match");
  const result = R.compare(R.read(text), data, new Set(["attendance/come"]));
  assert.equal(result.statements[0].now, "edited");
});

test("a statement's own words in brackets or parentheses still match", () => {
  assert.ok(R.wordings("[x] I will call (or text). (Agreed, when you read it in English)").includes("I will call (or text)."));
  assert.ok(R.wordings("[ ] [?] I will call (or text).").includes("I will call (or text)."));
});

test("a cut or shortened record shows: no last line, or fewer codes than it says", () => {
  const full = record();
  const cut = R.read(full.slice(0, full.length - 40));
  assert.equal(cut.expected, null);
  const lines = full.split("\n");
  lines.splice(lines.findIndex((l) => l.includes("attendance/call")), 1);
  const shorter = R.read(lines.join("\n"));
  assert.equal(shorter.expected, 8);
  assert.ok(shorter.found < 8);
});

test("what is not a record is named, never thrown", () => {
  const png = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  assert.equal(R.read("").problem, "empty");
  assert.equal(R.read("  \n\n").problem, "empty");
  assert.equal(R.read(png).problem, "not_text");
  assert.equal(R.read("%PDF-1.7\n%\uFFFD\uFFFD\n1 0 obj").problem, "not_text");
  assert.equal(R.read("Dear therapist,\nhere are my notes.").problem, "not_record");
  assert.equal(R.read("[dbt-record 2 client en nonsense]").problem, "not_record");
  assert.equal(R.read("[dbt-record 3 client en 1111-2222-3333 2026-11-28]").problem, "newer");
  // A record from before the codes: the clinic's name first, an edition line in any language.
  assert.equal(R.read("Riverside DBT Program\nMis acuerdos\nEdición: 8148-9bee-1e6b\n").problem, "old_format");
});

test("Windows line endings and a byte-order mark read the same", () => {
  const r = R.read("\uFEFF" + record().replace(/\n/g, "\r\n"));
  assert.equal(r.problem, undefined);
  assert.equal(r.found, r.expected);
});
