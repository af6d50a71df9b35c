/**
 * The connector editor's text (Quản trị › Kết nối): the definition as JSON typed by an admin, checked in the page
 * only for being JSON (the server checks the rest, naming the field of each issue), the server's issues placed on the
 * line of the field they name, and the few main fields a form edits in the same text.
 */

/**
 * A definition as the editor's text. Four spaces a level: the editor writes in the product's proportional face
 * (monospace faces lack Vietnamese letters), where two spaces barely show the nesting.
 */
export function definitionText(value: unknown): string {
  return JSON.stringify(value, null, 4);
}

/** A text that is not JSON: `empty`, or a `syntax` error (the parser's message, and where when it can be found). */
export type ParsedText = { ok: true; value: unknown } | { ok: false; code: 'empty' | 'syntax'; message: string; line: number | null; column: number | null };

/** Where a JSON text goes wrong: the offset of the first character that cannot be there. */
class JsonSyntax extends Error {
  constructor(readonly offset: number) {
    super(`not JSON at ${offset}`);
  }
}

/**
 * Reads a JSON text strictly, as JSON.parse does, noting the line where each path (`a.b.0`) is written. A scanner of
 * its own because engines disagree on where they say a text went wrong (V8 in Node 20 often says nowhere).
 */
function scanJson(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const fail = (): never => {
    throw new JsonSyntax(i);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) {
      if (text[i] === '\n') line += 1;
      i += 1;
    }
  };
  const expect = (c: string): void => {
    if (text[i] !== c) fail();
    i += 1;
  };
  const string = (): string => {
    const start = i;
    expect('"');
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i += 1;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i += 1;
    }
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (at: string): void => {
    space();
    if (!lines.has(at)) lines.set(at, line);
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i += 1;
      space();
      if (text[i] === close) {
        i += 1;
        return;
      }
      for (let index = 0; ; index += 1) {
        space();
        let key = String(index);
        if (c === '{') {
          const keyLine = line;
          key = string();
          if (!lines.has(at ? `${at}.${key}` : key)) lines.set(at ? `${at}.${key}` : key, keyLine);
          space();
          expect(':');
        }
        value(at ? `${at}.${key}` : key);
        space();
        if (text[i] === ',') i += 1;
        else return expect(close);
      }
    }
    if (c === '"') return void string();
    const literal = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal![0].length;
  };
  value('');
  space();
  if (i < text.length) fail();
  return lines;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, Math.max(0, Math.min(offset, text.length))).split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** The text as JSON, or where it stops being JSON (line and column of the first character that cannot be there). */
export function parseDefinitionText(text: string): ParsedText {
  if (text.trim() === '') return { ok: false, code: 'empty', message: 'empty', line: null, column: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    try {
      scanJson(text);
    } catch (e) {
      if (e instanceof JsonSyntax) return { ok: false, code: 'syntax', message, ...lineColumn(text, e.offset) };
    }
    return { ok: false, code: 'syntax', message, line: null, column: null };
  }
}

/**
 * The line where a dotted path (`mapping.observations.0.value.num`) is written in a JSON text, or that of its nearest
 * written parent (a missing field is reported on the object that lacks it); null when the text is not JSON.
 */
export function lineOfPath(text: string, path: string): number | null {
  let lines: Map<string, number>;
  try {
    lines = scanJson(text);
  } catch {
    return null;
  }
  const parts = path === 'definition' ? [] : path.split('.');
  for (let n = parts.length; n >= 0; n -= 1) {
    const found = lines.get(parts.slice(0, n).join('.'));
    if (found !== undefined) return found;
  }
  return null;
}

export interface DefinitionIssue {
  /** The field as the server names it (`request.url`), or `definition` for the whole. */
  field: string;
  reason: string;
  /** Where the field is written in the editor's text. */
  line: number | null;
}

/** The server's `issues` (`"field.path: reason"`, core/connectors/definition.ts), each placed on its line of the text. */
export function definitionIssues(issues: readonly string[], text: string): DefinitionIssue[] {
  return issues.map((issue) => {
    const m = /^([^\s:]+):\s(.*)$/s.exec(issue);
    const field = m ? m[1]! : 'definition';
    return { field, reason: m ? m[2]! : issue, line: lineOfPath(text, field) };
  });
}

/** The fields the form above the editor shows; the rest of the definition is edited as text. */
export interface MainFields {
  id: string;
  name: string;
  url: string;
  every: 'minutes' | 'cron';
  everyMinutes: number | null;
  cron: string;
  paused: boolean;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (x: unknown): string => (typeof x === 'string' ? x : '');

/** The main fields of a parsed definition; null when it is not an object. */
export function mainFieldsOf(value: unknown): MainFields | null {
  if (!isObject(value)) return null;
  const schedule = isObject(value.schedule) ? value.schedule : {};
  const request = isObject(value.request) ? value.request : {};
  return {
    id: text(value.id),
    name: text(value.name),
    url: text(request.url),
    every: 'cron' in schedule ? 'cron' : 'minutes',
    everyMinutes: typeof schedule.everyMinutes === 'number' ? schedule.everyMinutes : null,
    cron: text(schedule.cron),
    paused: value.paused === true,
  };
}

/** The definition's text with one main field changed: the rest of the text is kept as the parsed value holds it. */
export function withMainField<K extends keyof MainFields>(source: string, key: K, v: MainFields[K]): string {
  const parsed = parseDefinitionText(source);
  if (!parsed.ok || !isObject(parsed.value)) return source;
  const def: Record<string, unknown> = { ...parsed.value };
  const request = isObject(def.request) ? { ...def.request } : {};
  switch (key) {
    case 'id':
    case 'name':
    case 'paused':
      def[key] = v;
      break;
    case 'url':
      def.request = { ...request, url: v };
      break;
    case 'every':
      def.schedule = v === 'cron' ? { cron: '0 7 * * *' } : { everyMinutes: 15 };
      break;
    case 'everyMinutes':
      def.schedule = { everyMinutes: v };
      break;
    case 'cron':
      def.schedule = { cron: v };
      break;
  }
  return definitionText(def);
}
