// Build step (after tsc): compiles the evidence bundle schema into standalone validator code,
// dist/evidence/evidence-validators.cjs, so that `collect` checks its bundle without loading
// and compiling ajv on every run. The file records the schema's hash; src/evidence/validate.ts
// uses it only when that hash matches the schema it would compile, else it compiles with ajv.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newAjv } from '../dist/io/ajv.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const standalone = createRequire(import.meta.url)('ajv/dist/standalone').default;
const text = readFileSync(path.join(root, 'schemas/evidence.schema.json'), 'utf8');
const schema = JSON.parse(text);
const ajv = newAjv({ code: { source: true } });
ajv.addSchema(schema);
const code = standalone(ajv, { evidence: schema.$id, facts: `${schema.$id}#/definitions/facts` });
const hash = createHash('sha256').update(text).digest('hex');
writeFileSync(path.join(root, 'dist/evidence/evidence-validators.cjs'), `${code}\nmodule.exports.schemaHash = ${JSON.stringify(hash)};\n`);
