import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonStream, setMember } from '../../src/evidence/json-stream.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-json-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isContainer = (c: number): boolean => c === 123 || c === 91;

/**
 * Rebuilds the value at the cursor: above depth 2 containers entry by entry and leaves with
 * text(); at depth 2 containers whole with text() and leaves skipped.
 */
async function walk(s: JsonStream, depth: number): Promise<unknown> {
  const c = await s.peek();
  if (depth === 2) {
    if (isContainer(c)) return JSON.parse(await s.text());
    await s.skip();
    return 'skipped';
  }
  if (!isContainer(c)) return JSON.parse(await s.text());
  const out = (c === 123 ? {} : []) as Record<string | number, unknown>;
  for await (const key of s.entries()) setMember(out, String(key), await walk(s, depth + 1));
  return out;
}

/** What walk() gives for `v`. */
function expected(v: unknown, depth: number): unknown {
  const container = v !== null && typeof v === 'object';
  if (depth === 2) return container ? v : 'skipped';
  if (Array.isArray(v)) return v.map((x) => expected(x, depth + 1));
  if (container) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expected(x, depth + 1)]));
  return v;
}

describe('JsonStream', () => {
  it('walks any JSON cut into chunks of any size as JSON.parse reads it', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), async (value, chunk, pretty) => {
        const file = path.join(dir, `v${n++}.json`);
        const text = JSON.stringify({ v: value, s: 'a\\"b\\\\', t: ['x\\\\', { y: '\\"' }] }, null, pretty ? 2 : undefined);
        writeFileSync(file, text);
        const s = new JsonStream(file, 'v.json', chunk);
        const got = await walk(s, 0);
        await s.end();
        expect(got).toEqual(expected(JSON.parse(text), 0));
      }),
      { numRuns: 150, examples: [[{ ['__proto__']: null } as never, 1, false]] },
    );
  }, 30_000); // a file per case: slow when the machine is busy

  it('hands each element of an array over whole, whether it lies in the buffer or across chunks', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 12 }), fc.integer({ min: 1, max: 200 }), fc.boolean(), async (values, chunk, pretty) => {
        const file = path.join(dir, `a${n++}.json`);
        const array = [...values, 'a\\"b\\\\', ['x\\\\', { y: '\\"' }], 12.5e3, true, null];
        writeFileSync(file, JSON.stringify(array, null, pretty ? 2 : undefined));
        const s = new JsonStream(file, 'a.json', chunk);
        const got: unknown[] = [];
        expect(await s.eachElement((text) => got.push(JSON.parse(text)) > 0)).toBe(true);
        await s.end();
        expect(got).toEqual(JSON.parse(JSON.stringify(array)));
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('stops where the caller says, and takes an empty array', async () => {
    const file = path.join(dir, 'stop.json');
    writeFileSync(file, '[1, {"a": "\\""}, 3]');
    const seen: string[] = [];
    expect(await new JsonStream(file, 'stop.json', 4).eachElement((t) => seen.push(t) < 2)).toBe(false);
    expect(seen).toEqual(['1', '{"a": "\\""}']);
    writeFileSync(file, ' [ ] ');
    const s = new JsonStream(file, 'stop.json');
    expect(await s.eachElement(() => false)).toBe(true);
    await s.end();
    writeFileSync(file, '[1 2]');
    await expect(new JsonStream(file, 'stop.json').eachElement(() => true)).rejects.toThrow(/invalid JSON at offset 3/);
  });

  it('throws a structure error on broken JSON', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{"a": [1, 2 "b"]}');
    const s = new JsonStream(file, 'bad.json', 3);
    await expect(walk(s, 0)).rejects.toThrow(/invalid JSON at offset/);
  });
});

describe('SARIF streamed in two passes', () => {
  it('reads a run whose results come before its tool and uriBaseIds as one in the usual order', async () => {
    const { collectEvidence } = await import('../../src/evidence/index.js');
    const result = { ruleId: 'r1', level: 'error', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.ts', uriBaseId: 'SRC' }, region: { startLine: 3 } } }] };
    const tool = { driver: { name: 'T', rules: [{ id: 'r1', properties: { 'security-severity': '9.5' } }] } };
    const base = { SRC: { uri: 'file:///repo/src/' } };
    writeFileSync(path.join(dir, 'usual.sarif'), JSON.stringify({ version: '2.1.0', runs: [{ tool, originalUriBaseIds: base, results: [result] }] }));
    writeFileSync(path.join(dir, 'sorted.sarif'), JSON.stringify({ runs: [{ results: [result], originalUriBaseIds: base, tool }], version: '2.1.0' }));
    const read = (f: string) => collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [f], docs: [] });
    const [usual, sorted] = [await read('usual.sarif'), await read('sorted.sarif')];
    expect(sorted.items).toEqual(usual.items);
    expect(sorted.metrics).toEqual(usual.metrics);
    expect(usual.items[0]).toMatchObject({ file: '/repo/src/a.ts', level: 'critical' });
  });
});
