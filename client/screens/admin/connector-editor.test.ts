import { describe, expect, it } from 'vitest';
import { definitionIssues, lineOfPath, mainFieldsOf, parseDefinitionText, withMainField } from './connector-editor';

const TEXT = `{
  "id": "ho-so",
  "request": {
    "url": "ftp://x",
    "headers": { "X-A": "1" }
  },
  "mapping": {
    "observations": [
      { "indicator": { "const": "a" }, "value": { "value": "v" } },
      {
        "indicator": { "const": "b" },
        "value": { "num": "n" }
      }
    ]
  }
}`;

describe('parseDefinitionText', () => {
  it('answers the value of JSON text', () => {
    expect(parseDefinitionText(' {"id": "a"} ')).toEqual({ ok: true, value: { id: 'a' } });
  });

  it('says where the text stops being JSON, as line and column', () => {
    const r = parseDefinitionText('{\n  "id": "a",\n  "name": \'x\'\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBe(3);
    expect(r.column).toBe(11);
    const end = parseDefinitionText('{\n  "id": "a",\n');
    expect(end.ok).toBe(false);
    if (!end.ok) expect(end.line).toBe(3);
    expect(parseDefinitionText('  ')).toMatchObject({ ok: false, code: 'empty', line: null });
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['{ "a": tru }', 1, 8],
    ['{ "a": 01 }', 1, 9],
    ['{ "a": "x\ty" }', 1, 10],
    ['{ "a": 1 } x', 1, 12],
    ['[1, 2', 1, 6],
  ])('names the place of a JSON mistake in %j', (text, line, column) => {
    expect(parseDefinitionText(text)).toMatchObject({ ok: false, line, column });
  });
});

describe('lineOfPath', () => {
  it('finds the line of a field, of an array item and of a nested field', () => {
    expect(lineOfPath(TEXT, 'id')).toBe(2);
    expect(lineOfPath(TEXT, 'request.url')).toBe(4);
    expect(lineOfPath(TEXT, 'request.headers.X-A')).toBe(5);
    expect(lineOfPath(TEXT, 'mapping.observations.0.value.value')).toBe(9);
    expect(lineOfPath(TEXT, 'mapping.observations.1')).toBe(10);
    expect(lineOfPath(TEXT, 'mapping.observations.1.value.num')).toBe(12);
  });

  it('places a missing field on its nearest written parent, the whole on line 1', () => {
    expect(lineOfPath(TEXT, 'mapping.observations.1.value.den')).toBe(12);
    expect(lineOfPath(TEXT, 'request.timeoutMs')).toBe(3);
    expect(lineOfPath(TEXT, 'schedule')).toBe(1);
    expect(lineOfPath(TEXT, 'definition')).toBe(1);
    expect(lineOfPath('{ "a": [1, 2', 'a')).toBeNull();
  });

  it('reads whatever JSON.parse reads: numbers, escapes, empty containers, unicode', () => {
    const value = { a: [-0.5e-3, 1e21, 0, true, false, null], b: 'Đà Nẵng \u0007 "q" \\ / \n', c: {}, d: [], 'e.f': { g: [[], [{}]] }, h: 'x' };
    const text = JSON.stringify(value, null, 2);
    const hLine = text.split('\n').findIndex((l) => l.includes('"h"')) + 1;
    expect(lineOfPath(text, 'h')).toBe(hLine);
    expect(lineOfPath(JSON.stringify(value), 'h')).toBe(1);
  });

  it('reads escaped quotes in strings without losing its place', () => {
    expect(lineOfPath('{\n  "a": "say \\"hi\\", ok",\n  "b": 1\n}', 'b')).toBe(3);
  });
});

describe('definitionIssues', () => {
  it('splits each server issue into its field and reason, on its line', () => {
    expect(
      definitionIssues(['request.url: an http(s) URL', 'auth.token: give the secret (••• keeps a saved one: none)', 'definition: Unrecognized key: "x"'], TEXT),
    ).toEqual([
      { field: 'request.url', reason: 'an http(s) URL', line: 4 },
      { field: 'auth.token', reason: 'give the secret (••• keeps a saved one: none)', line: 1 },
      { field: 'definition', reason: 'Unrecognized key: "x"', line: 1 },
    ]);
    expect(definitionIssues(['odd'], TEXT)).toEqual([{ field: 'definition', reason: 'odd', line: 1 }]);
  });
});

describe('main fields', () => {
  const def = { id: 'a', name: 'A', schedule: { everyMinutes: 15 }, request: { url: 'https://x', timeoutMs: 2000 }, format: { type: 'json' } };
  it('reads them from a definition, with blanks for what is missing', () => {
    expect(mainFieldsOf(def)).toEqual({ id: 'a', name: 'A', url: 'https://x', every: 'minutes', everyMinutes: 15, cron: '', paused: false });
    expect(mainFieldsOf({ schedule: { cron: '0 7 * * *' }, paused: true })).toMatchObject({ every: 'cron', cron: '0 7 * * *', url: '', paused: true });
    expect(mainFieldsOf([1])).toBeNull();
  });

  it('writes one into the text and keeps the rest', () => {
    const text = JSON.stringify(def);
    const changed = JSON.parse(withMainField(withMainField(text, 'url', 'https://y'), 'name', 'B'));
    expect(changed).toEqual({ ...def, name: 'B', request: { url: 'https://y', timeoutMs: 2000 } });
    expect(JSON.parse(withMainField(text, 'cron', '0 6 * * *')).schedule).toEqual({ cron: '0 6 * * *' });
    expect(JSON.parse(withMainField(text, 'every', 'cron')).schedule).toEqual({ cron: '0 7 * * *' });
    expect(JSON.parse(withMainField(text, 'paused', true)).paused).toBe(true);
    expect(withMainField('{ broken', 'name', 'B')).toBe('{ broken');
  });
});
