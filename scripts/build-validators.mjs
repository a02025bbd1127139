// Build step (before tsc): compiles every JSON Schema the code checks at run time into ajv
// standalone code, one ES module per schema file in src/generated/, so that a run (or a bundle
// of the core, such as an action's dist/index.js) validates without loading ajv, compiling a
// schema or reading one from disk. Each VALIDATORS entry keeps the ajv options its caller used
// when it compiled the schema itself; test/io/generated.test.ts checks that every generated
// file is what this script writes now, and that each validator judges as ajv compiling the
// schema does. ajv's standalone code `require`s its few run-time helpers even as ES module
// code; they are rewritten into imports from src/io/ajv-runtime.ts.
// Usage: node scripts/build-validators.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The options every schema is compiled with (as `newAjv` did): strict, all errors, ajv-formats' formats. */
export const BASE_AJV_OPTIONS = { strict: true, allErrors: true };

/** Loads the SARIF subset the reader checks, src/evidence/sarif/schema.ts (TypeScript, so through esbuild). */
export async function sarifSchemas(root = ROOT) {
  const out = await build({ entryPoints: [path.join(root, 'src/evidence/sarif/schema.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return [mod.SARIF_HEADER_SCHEMA, mod.SARIF_RUN_SCHEMA, mod.SARIF_RESULT_SCHEMA];
}

const json = (root, file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

/**
 * Each generated module: its file, what it is compiled from (named in its header), the ajv
 * options beyond BASE_AJV_OPTIONS, its schemas and the validators it exports (name: schema $id).
 */
export async function validatorSpecs(root = ROOT) {
  const evidence = json(root, 'schemas/evidence.schema.json');
  const [header, run, result] = await sarifSchemas(root);
  const one = (name, options = {}) => {
    const schema = json(root, `schemas/${name}.schema.json`);
    return { file: `src/generated/validate-${name}.ts`, from: `schemas/${name}.schema.json`, options, schemas: [schema], exports: { [name]: schema.$id } };
  };
  return [
    // src/evidence/validate.ts: the bundle and a facts file.
    { file: 'src/generated/validate-evidence.ts', from: 'schemas/evidence.schema.json', options: {}, schemas: [evidence], exports: { evidence: evidence.$id, facts: `${evidence.$id}#/definitions/facts` } },
    // src/evidence/validate.ts: the parts of a SARIF log.
    { file: 'src/generated/validate-sarif.ts', from: 'src/evidence/sarif/schema.ts', options: {}, schemas: [header, run, result], exports: { sarifHeader: header.$id, sarifRun: run.$id, sarifResult: result.$id } },
    // src/policy/schema.ts. verbose: errors keep their schema, which "did you mean" offers keys
    // from; allowUnionTypes: `extends` is a string or a list, and a type list says so most plainly.
    one('policy', { verbose: true, allowUnionTypes: true }),
    // src/metrics/plan-messages.ts (verbose, for its "did you mean" too).
    one('plan', { verbose: true }),
    // src/gate/render/validate.ts.
    one('verdict'),
    // src/report/validate.ts. allowUnionTypes: "number or null" is how the schema says "not measured".
    one('report', { allowUnionTypes: true }),
    // src/release/record/store.ts.
    one('decision', { allowUnionTypes: true }),
    // src/store/validate.ts.
    one('records'),
  ];
}

/** A new ajv instance for `options` (beyond BASE_AJV_OPTIONS), with ajv-formats' formats. */
export function newAjv(options = {}) {
  const { Ajv } = require('ajv');
  const formats = require('ajv-formats');
  const ajv = new Ajv({ ...BASE_AJV_OPTIONS, ...options });
  (formats.default ?? formats)(ajv);
  return ajv;
}

/** What each `require` in ajv's standalone code becomes: an import from src/io/ajv-runtime.ts. */
const RUNTIME = {
  'require("ajv/dist/runtime/ucs2length").default': 'ucs2length',
  'require("ajv/dist/runtime/equal").default': 'equal',
  'require("ajv-formats/dist/formats").fullFormats': 'fullFormats',
};

/** The module text for one spec. */
export function validatorSource(spec) {
  const ajv = newAjv({ ...spec.options, code: { source: true, esm: true, lines: true } });
  for (const s of spec.schemas) ajv.addSchema(s);
  let code = require('ajv/dist/standalone').default(ajv, spec.exports);
  const used = new Set();
  code = code.replace(/require\("[^"]*"\)(\.\w+)?/g, (call) => {
    const name = RUNTIME[call];
    if (!name) throw new Error(`${spec.file}: ajv's code needs ${call}; add it to src/io/ajv-runtime.ts and RUNTIME in scripts/build-validators.mjs`);
    used.add(name);
    return name;
  });
  let exported = 0;
  code = code.replace(/^export const (\w+) = (validate\d+);$/gm, (_, name, fn) => {
    exported++;
    return `export const ${name}: ValidateFunction = ${fn};`;
  });
  if (exported !== Object.keys(spec.exports).length) throw new Error(`${spec.file}: expected ${Object.keys(spec.exports).length} exports in ajv's code, found ${exported}`);
  code = code.replace(/^"use strict";\n/, '');
  const options = JSON.stringify({ ...BASE_AJV_OPTIONS, ...spec.options }).replace(/,/g, ', ').replace(/:/g, ': ');
  return [
    '// @ts-nocheck',
    `// Generated by scripts/build-validators.mjs (npm run build) from ${spec.from}: do not edit.`,
    `// ajv standalone code, options ${options} and ajv-formats' formats.`,
    "import type { ValidateFunction } from 'ajv';",
    ...(used.size ? [`import { ${[...used].sort().join(', ')} } from '../io/ajv-runtime.js';`] : []),
    code.trimEnd(),
    '',
  ].join('\n');
}

/** Every generated file and its text. */
export async function validatorSources(root = ROOT) {
  return (await validatorSpecs(root)).map((spec) => ({ file: spec.file, text: validatorSource(spec) }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const { file, text } of await validatorSources()) writeFileSync(path.join(ROOT, file), text);
}
