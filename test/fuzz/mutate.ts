/**
 * Input generators: mutations of a real seed (truncation at any byte, byte flips, duplicated
 * or removed lines, wrong-typed JSON fields, huge runs of one character, deep nesting) and
 * arbitrary bytes. Positions are plain naturals taken modulo the input length, so fast-check
 * shrinks them towards the start of the file.
 */
import fc from 'fast-check';
import type { Seed } from './corpus.js';

/** One edit, applied to the bytes so far. */
type Mutation =
  | { op: 'truncate' | 'dupLine' | 'dropLine'; at: number }
  | { op: 'flip'; at: number; bits: number }
  | { op: 'run'; at: number; char: string; count: number }
  | { op: 'nest'; at: number; open: string; count: number }
  | { op: 'retype'; at: number; value: unknown };

const OPENERS = ['[', '{"a":', '<a>', '- ', '  ', '{{', '*', '_', '../', '['.repeat(1) + '{"x":['];
const RUN_CHARS = [' ', '*', '_', '/', '../', '\\', '"', '<', '{', '[', '0', '9', '-', '\t', '#', '`', 'a', '\u00e9', '\0', '\n', 'ok # '];

const at = fc.nat({ max: 1 << 20 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('truncate' as const, 'dupLine' as const, 'dropLine' as const), at }),
  fc.record({ op: fc.constant('flip' as const), at, bits: fc.integer({ min: 1, max: 255 }) }),
  // Up to 120k: the sizes that made regexes and path normalisation quadratic (issue 10).
  fc.record({ op: fc.constant('run' as const), at, char: fc.constantFrom(...RUN_CHARS), count: fc.oneof(fc.nat({ max: 200 }), fc.integer({ min: 10_000, max: 120_000 })) }),
  fc.record({ op: fc.constant('nest' as const), at, open: fc.constantFrom(...OPENERS), count: fc.oneof(fc.nat({ max: 100 }), fc.integer({ min: 5_000, max: 50_000 })) }),
  fc.record({ op: fc.constant('retype' as const), at, value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.string()) }),
);

/** Line start offsets, to pick the line an edit touches. */
function lineBounds(b: Buffer, n: number): [number, number] {
  const starts = [0];
  for (let i = 0; i < b.length; i++) if (b[i] === 10) starts.push(i + 1);
  const i = n % starts.length;
  return [starts[i]!, i + 1 < starts.length ? starts[i + 1]! : b.length];
}

/** Replaces one value of a JSON document (or of one JSON line) by a value of another type. */
function retype(b: Buffer, n: number, value: unknown): Buffer {
  const text = b.toString('utf8');
  const slots: { set: (v: unknown) => void }[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      const holder = node as Record<string, unknown>;
      slots.push({ set: (v) => (holder[key] = v) });
      walk(holder[key]);
    }
  };
  try {
    const doc: unknown = JSON.parse(text);
    walk(doc);
    if (slots.length === 0) return b;
    slots[n % slots.length]!.set(value);
    return Buffer.from(JSON.stringify(doc));
  } catch {
    // JSON lines (go test -json, Dart): retype a field of one line; a single bad line stays as is.
    const lines = text.split('\n');
    if (lines.length < 2) return b;
    const i = n % lines.length;
    lines[i] = retype(Buffer.from(lines[i]!), Math.floor(n / lines.length), value).toString('utf8');
    return Buffer.from(lines.join('\n'));
  }
}

function apply(b: Buffer, m: Mutation): Buffer {
  const pos = b.length === 0 ? 0 : m.at % (b.length + 1);
  switch (m.op) {
    case 'truncate':
      return b.subarray(0, pos);
    case 'flip': {
      if (b.length === 0) return b;
      const out = Buffer.from(b);
      out[pos % b.length]! ^= m.bits;
      return out;
    }
    case 'dupLine': {
      const [s, e] = lineBounds(b, m.at);
      return Buffer.concat([b.subarray(0, e), b.subarray(s, e), b.subarray(e)]);
    }
    case 'dropLine': {
      const [s, e] = lineBounds(b, m.at);
      return Buffer.concat([b.subarray(0, s), b.subarray(e)]);
    }
    case 'run':
      return Buffer.concat([b.subarray(0, pos), Buffer.from(m.char.repeat(m.count)), b.subarray(pos)]);
    case 'nest':
      return Buffer.concat([b.subarray(0, pos), Buffer.from(m.open.repeat(m.count)), b.subarray(pos)]);
    case 'retype':
      return retype(b, m.at, m.value);
  }
}

/** Bytes for one case: mostly 1–3 mutations of a seed, sometimes arbitrary bytes or text. */
export function inputs(seeds: readonly Seed[]): fc.Arbitrary<Seed> {
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([seed, ms]) => ({ name: seed.name, bytes: ms.reduce(apply, seed.bytes) }));
  const names = seeds.map((s) => s.name);
  const arbitrary = fc.tuple(fc.constantFrom(...names), fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 })))
    .map(([name, data]) => ({ name, bytes: typeof data === 'string' ? Buffer.from(data) : Buffer.from(data) }));
  return fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary, weight: 1 });
}
