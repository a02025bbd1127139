#!/usr/bin/env node
// Cuts the GitHub REST contract that the GitHub fake (test/helpers/github-fake.ts) validates
// every request and every answer against: the operations phasegate's actions call, out of
// @octokit/openapi's description of api.github.com, with every component they reference.
//
//   node scripts/github-contract.mjs           writes test/fixtures/github/api.github.com.subset.json
//   node scripts/github-contract.mjs --stdout  prints it instead (the fixture test compares the two)
//
// The source is the package's `generated/api.github.com.json` (components kept as $ref), not
// `api.github.com.deref.json`: the same description with every reference inlined, which makes
// the cut 3.4 times larger (735 KB against 214 KB before pruning) and hides which shared schema
// a change touched. What is dropped cannot change a validation: prose (`description`, except
// where OpenAPI requires it on a response), `example`/`examples`, tags and `x-*` vendor keys
// other than `x-multi-segment`. Among the dropped keys are `x-github-breaking-changes`, the
// patches for API versions after 2022-11-28: the cut describes version 2022-11-28 only.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE = path.join(root, 'test/fixtures/github/api.github.com.subset.json');

/** The operations the actions call (operationId), in the fixture's order. */
export const OPERATIONS = [
  'actions/download-artifact',
  'actions/list-workflow-run-artifacts',
  'checks/create',
  'checks/list-for-ref',
  'checks/update',
  'issues/create-comment',
  'issues/list-comments',
  'issues/update-comment',
  'pulls/get',
  'pulls/list-files',
  'pulls/list-reviews',
  'repos/get',
  'repos/get-content',
  'repos/list-commits',
  'repos/list-pull-requests-associated-with-commit',
  'teams/get-membership-for-user-in-org',
];

/** Components kept although no operation names them: the fake checks the error bodies it sends
 *  for a status an operation does not declare (401, 403, 429, 5xx…) against these. */
const ERROR_SCHEMAS = ['#/components/schemas/basic-error', '#/components/schemas/validation-error'];

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];
const SCHEMA_DROP = new Set(['description', 'example', 'examples', '$comment', 'externalDocs']);

function pick(obj, keys) {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

function mapValues(obj, fn) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));
}

/** A JSON Schema without prose; keys under `properties` are property names, never keywords. */
function schema(s) {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
  if (s.$ref) return { $ref: s.$ref };
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (SCHEMA_DROP.has(k) || k.startsWith('x-')) continue;
    if (k === 'properties' || k === 'patternProperties') out[k] = mapValues(v, schema);
    else if (k === 'items' || k === 'additionalProperties' || k === 'not') out[k] = schema(v);
    else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') out[k] = v.map(schema);
    else out[k] = v;
  }
  return out;
}

function content(c) {
  return c && mapValues(c, (media) => pick({ schema: schema(media.schema) }, ['schema']));
}

function parameter(p) {
  if (p.$ref) return { $ref: p.$ref };
  const out = pick(p, ['name', 'in', 'required', 'deprecated', 'style', 'explode', 'x-multi-segment']);
  if (p.schema) out.schema = schema(p.schema);
  if (p.content) out.content = content(p.content);
  return out;
}

function header(h) {
  return h.$ref ? { $ref: h.$ref } : pick({ required: h.required, schema: schema(h.schema) }, ['required', 'schema']);
}

function response(r) {
  if (r.$ref) return { $ref: r.$ref };
  const out = { description: r.description };
  if (r.headers) out.headers = mapValues(r.headers, header);
  if (r.content) out.content = content(r.content);
  return out;
}

function operation(op) {
  const out = pick(op, ['summary', 'operationId', 'externalDocs', 'deprecated']);
  if (op.parameters) out.parameters = op.parameters.map(parameter);
  if (op.requestBody) out.requestBody = pick({ required: op.requestBody.required, content: content(op.requestBody.content) }, ['required', 'content']);
  out.responses = mapValues(op.responses, response);
  return out;
}

const COMPONENT_KIND = { parameters: parameter, schemas: schema, responses: response, headers: header };

/** Every `$ref` string in a value. */
function refsIn(value, found = []) {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === 'object') {
    if (typeof value.$ref === 'string') found.push(value.$ref);
    Object.values(value).forEach((v) => refsIn(v, found));
  }
  return found;
}

function sortKeys(obj) {
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
}

/**
 * The subset of `spec` (an OpenAPI 3.0 description with component references) holding only
 * `operations` and the components they reach, each pruned as the header says.
 */
export function buildSubset(spec, { source, operations = OPERATIONS }) {
  const paths = {};
  const missing = new Set(operations);
  for (const [p, item] of Object.entries(spec.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op || !operations.includes(op.operationId)) continue;
      missing.delete(op.operationId);
      (paths[p] ??= {})[m] = operation(op);
      if (item.parameters) throw new Error(`${p}: path-level parameters are not carried over`);
    }
  }
  if (missing.size) throw new Error(`not in the description: ${[...missing].join(', ')}`);

  const components = {};
  const queue = [...refsIn(paths), ...ERROR_SCHEMAS];
  const seen = new Set();
  while (queue.length) {
    const ref = queue.shift();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [hash, comp, kind, name, ...rest] = ref.split('/');
    const original = spec.components?.[kind]?.[name];
    if (hash !== '#' || comp !== 'components' || rest.length || !COMPONENT_KIND[kind] || !original) {
      throw new Error(`unsupported or dangling reference ${ref}`);
    }
    const pruned = COMPONENT_KIND[kind](original);
    (components[kind] ??= {})[name] = pruned;
    queue.push(...refsIn(pruned));
  }

  return {
    openapi: spec.openapi,
    info: {
      title: 'api.github.com: the operations phasegate calls',
      version: spec.info.version,
      'x-source': source,
      'x-operations': [...operations].sort(),
    },
    servers: spec.servers,
    paths: sortKeys(paths),
    components: mapValues(sortKeys(components), sortKeys),
  };
}

/** The fixture's text: two-space JSON and a final newline, so that a change diffs line by line. */
export function renderSubset(subset) {
  return `${JSON.stringify(subset, null, 2)}\n`;
}

/** Reads the installed @octokit/openapi and cuts the subset from it. */
export function subsetFromInstalledPackage() {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('@octokit/openapi/package.json');
  const { version } = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const spec = JSON.parse(readFileSync(path.join(path.dirname(pkgFile), 'generated/api.github.com.json'), 'utf8'));
  return buildSubset(spec, { source: `@octokit/openapi@${version}` });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = renderSubset(subsetFromInstalledPackage());
  if (process.argv.includes('--stdout')) {
    process.stdout.write(text);
  } else {
    mkdirSync(path.dirname(FIXTURE), { recursive: true });
    writeFileSync(FIXTURE, text);
    console.log(`${path.relative(root, FIXTURE)}: ${OPERATIONS.length} operations, ${text.length} bytes`);
  }
}
