/** Locating JSON syntax errors and JSON-pointer targets for error messages. */
import { describe, expect, it } from 'vitest';
import { findSyntaxError, locatePointer, positionAt } from '../../src/evidence/json-locate.js';
import { JsonSlicer, JsonStructureError } from '../../src/evidence/json-slicer.js';

describe('json-locate', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['{"a": 1,}', { line: 1, col: 9, message: 'expected a property name in double quotes' }],
    ['[1 2]', { line: 1, col: 4, message: "expected ',' or ']'" }],
    ['{\n  "a": tru\n}', { line: 2, col: 8, message: 'unexpected character "t"' }],
    ['{"a": "x', { line: 1, col: 9, message: 'unterminated string' }],
    ['{"a": 1} x', { line: 1, col: 10, message: 'unexpected text after the JSON value' }],
    ['{"a": "\\q"}', { line: 1, col: 8, message: 'bad escape in string' }],
  ])('findSyntaxError(%j)', (text, expected) => {
    expect(findSyntaxError(text)).toEqual(expected);
  });

  it.each([
    ['', { line: 1, col: 1 }],
    ['/a', { line: 2, col: 8 }],
    ['/a/1/b', { line: 2, col: 18 }],
    ['/c~1d', { line: 3, col: 10 }],
    ['/missing', { line: 1, col: 1 }],
  ])('locatePointer(%s)', (pointer, expected) => {
    expect(locatePointer('{\n  "a": [1, {"b": true}],\n  "c/d": null\n}', pointer)).toEqual(expected);
  });

  it('positionAt counts lines and columns from 1', () => {
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 2, col: 2 });
  });

  it('slices members and elements without parsing them', () => {
    const text = '{"runs": [ {"x": "a]}\\"b"}, [1, 2] ], "v": 2}';
    const s = new JsonSlicer(text);
    const members = s.members(0);
    expect(members.map((m) => [m.key, text.slice(m.value.start, m.value.end)])).toEqual([['runs', '[ {"x": "a]}\\"b"}, [1, 2] ]'], ['v', '2']]);
    expect([...s.elements(members[0]!.value.start)].map((r) => text.slice(r.start, r.end))).toEqual(['{"x": "a]}\\"b"}', '[1, 2]']);
    expect(() => [...s.elements(new JsonSlicer('[1 2]').ws(0))]).toThrow();
    expect(() => new JsonSlicer('{"a" 1}').members(0)).toThrow(JsonStructureError);
  });
});
