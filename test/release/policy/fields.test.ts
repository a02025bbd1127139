import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARTS, SPECS, type Part } from '../../../src/release/policy/fields.js';

type Schema = { properties?: Record<string, Schema>; items?: Schema; $ref?: string; enum?: string[] };
const SCHEMA = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../schemas/policy.schema.json'), 'utf8')) as { definitions: Record<string, Schema> };
const deref = (s: Schema): Schema => (s.$ref ? SCHEMA.definitions[s.$ref.split('/').at(-1)!]! : s);
const RELEASE = SCHEMA.definitions.release!;

/** The schema of one entry of a part. */
function entrySchema(part: Part): Schema {
  const s = deref(RELEASE.properties![part]!);
  return s.items ? deref(s.items) : s;
}

/** Every key an entry may have, flattened as the layering names them (`approvals.min`). */
function schemaFields(part: Part): string[] {
  const props = entrySchema(part).properties!;
  return Object.entries(props).flatMap(([key, sub]) => {
    const inner = deref(sub).properties;
    return inner ? Object.keys(inner).map((k) => `${key}.${k}`) : [key];
  });
}

describe('the release field table', () => {
  it.each(PARTS)('knows every key the schema allows in %s, so none is dropped when layers merge', (part) => {
    const spec = SPECS[part];
    const handled = [...Object.keys(spec.fields), ...(spec.key ? [spec.key] : []), ...(spec.key ? ['locked'] : [])];
    expect(schemaFields(part).sort()).toEqual([...new Set(handled)].sort());
  });

  it.each(['steps', 'metrics'] as const)('lets a lock on a %s entry name exactly the lockable settings', (part) => {
    expect(deref(entrySchema(part).properties!.locked!).items?.enum).toEqual(SPECS[part].lockable);
  });

  it('lets the section lock name exactly its parts', () => {
    expect(RELEASE.properties!.locked!.items?.enum).toEqual([...PARTS]);
  });
});
