// @ts-check
// Reads a saved record (format 2, written by recordText in ack-state.js) and compares it
// with the pages this edition holds. No DOM, no network: unit-tested under Node.
(() => {
  const VERSION = 2;
  const HEAD = /^\[dbt-record (\d+)(?: (.*))?\]$/;
  const HEAD_REST = /^(client|trainer) ([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?) ([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}) (\d{4}-\d{2}-\d{2})$/;
  // A statement's or a check's code (checks have no source hash: "-"), and a page's questions.
  const CODE = / \[([a-z0-9-]+\/[a-z0-9-]+) ([0-9a-f]{12}) ([0-9a-f]{12}|-) (agreed|changed|open)( \?)?\]$/;
  const ASKED = / \[([a-z0-9-]+)\?\]$/;
  const END = /^\[end (\d+)\]$/;
  // An edition code on a line of its own ("Edition: 8148-9bee-1e6b"): a record from
  // before the codes, whatever the language of its label.
  const OLD = /^[^\n[]*: [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/m;

  /** @typedef {{key: string, hash: string, source: string, status: string, ask: boolean, text: string}} Coded */
  /** @typedef {{problem?: string, version?: number, audience?: string, language?: string, edition?: string,
   *   date?: string, statements?: Coded[], lines?: Coded[], checks?: Coded[], questions?: {topic: string, text: string}[],
   *   expected?: number | null, found?: number}} Record */

  /** @param {string} raw @returns {Record} */
  function read(raw) {
    const text = String(raw).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    if (!text.trim()) return { problem: "empty" };
    // A picture or a PDF decodes to replacement characters and control bytes.
    if (/[\uFFFD\0-\x08\x0E-\x1F]/.test(text)) return { problem: "not_text" };
    const lines = text.split("\n");
    const head = HEAD.exec(lines[0].trim());
    if (!head) return { problem: OLD.test(text) ? "old_format" : "not_record" };
    const version = Number(head[1]);
    if (version > VERSION) return { problem: "newer", version };
    const rest = version == VERSION && HEAD_REST.exec(head[2] || "");
    if (!rest) return { problem: "not_record" };
    /** @type {Record} */
    const out = { version, audience: rest[1], language: rest[2], edition: rest[3], date: rest[4], statements: [], lines: [], checks: [], questions: [], expected: null, found: 0 };
    const seen = new Set();
    for (const line of lines.slice(1)) {
      const end = END.exec(line);
      if (end) {
        out.expected = Number(end[1]);
        break; // nothing after the last line counts
      }
      const code = CODE.exec(line), asked = !code && ASKED.exec(line);
      if (code) {
        const [, key, hash, source, status, ask] = code;
        const item = { key, hash, source, status, ask: !!ask, text: line.slice(0, code.index) };
        out.found++;
        if (source == "-") out.checks.push(item);
        else {
          out.lines.push(item);
          // The conversation lists a statement before its page does: the same code twice.
          if (!seen.has(key)) seen.add(key), out.statements.push(item);
        }
      } else if (asked) out.found++, out.questions.push({ topic: asked[1], text: line.slice(0, asked.index) });
    }
    return out;
  }

  /** The words a statement line may hold once its marks ("[x] [?] ") and a note after
   * the words ("(Agreed, when...)") are taken off, whitespace folded as the build does. */
  function wordings(line) {
    const fold = (s) => s.replace(/\s+/g, " ").trim();
    const out = new Set();
    let rest = line;
    for (let marks = 0; marks < 3 && /^\[[^\]]*\] /.test(rest); marks++) {
      rest = rest.replace(/^\[[^\]]*\] /, "");
      out.add(fold(rest));
      out.add(fold(rest.replace(/ \([^()]*\)$/, "")));
    }
    return [...out].filter(Boolean);
  }

  /** Keys of statement lines whose words no longer give the hash in their code.
   * digest(words) -> the first 12 hex characters of its SHA-256 (as the build hashes).
   * @param {Record} record @param {(s: string) => Promise<string>} digest */
  async function edited(record, digest) {
    const out = new Set();
    for (const line of record.lines || []) {
      let ok = false;
      for (const words of wordings(line.text)) if (!ok && (await digest(words)) == line.hash) ok = true;
      if (!ok) out.add(line.key);
    }
    return out;
  }

  /** The record against the current pages. data: the page's JSON (record_check). */
  function compare(record, data, changed = new Set()) {
    const edition = data[record.audience], same = record.language == data.language;
    const now = new Map();
    for (const t of edition.topics) for (const [key, hash, source, text] of t.items) now.set(key, { key, hash, source, text, title: t.title });
    const checks = new Map(data.checks.map(([key, hash, question]) => [key, { hash, question }]));
    const statements = record.statements.map((s) => {
      const c = now.get(s.key);
      // Another language edition is compared by the source words it was made from.
      const match = c && (same ? s.hash == c.hash : s.source == c.source);
      return { ...s, title: c?.title || "", now: changed.has(s.key) ? "edited" : !c ? "gone" : match ? "same" : "changed" };
    });
    const held = new Set(record.statements.map((s) => s.key));
    return {
      edition: edition.edition,
      sameEdition: record.edition == edition.edition,
      sameLanguage: same,
      statements,
      added: [...now.values()].filter((c) => !held.has(c.key)),
      checks: record.checks.map((c) => {
        const cur = checks.get(c.key);
        return { ...c, question: cur?.question || "", now: !cur ? "gone" : cur.hash == c.hash ? "same" : "changed" };
      }),
      questions: record.questions,
    };
  }

  /** @type {any} */ (globalThis).DbtRecord = { VERSION, read, wordings, edited, compare };
})();
