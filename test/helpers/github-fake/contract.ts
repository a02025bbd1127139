/**
 * The GitHub REST contract the fake holds every request and every answer to: the committed cut
 * of GitHub's OpenAPI description (test/fixtures/github/api.github.com.subset.json, written by
 * scripts/github-contract.mjs), loaded into openapi-backend for routing and request validation,
 * and into ajv for the fake's own answers.
 *
 * Stricter than the description in one way: an object schema that lists its properties and says
 * nothing of others gets `additionalProperties: false`, in requests and in answers. A client that
 * sends a key the description does not know has a typo or a wrong idea of the API (GitHub
 * answers such keys on its schema-checked endpoints with 422 "Invalid request. "x" is not a
 * permitted key", e.g. emilyriederer/projmgr#43); a fake that answers a key the description
 * does not know is inventing GitHub.
 *
 * And read as OpenAPI 3.0 means it in another: `nullable: true` allows null even beside an
 * `enum` that does not list it (ajv would refuse the `conclusion: null` of every queued check
 * run GitHub sends), and beside a `oneOf` or `anyOf` without a `type` (a commit's `author`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, Options as AjvOptions, ValidateFunction } from 'ajv';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';

export const CONTRACT_FILE = fileURLToPath(new URL('../../fixtures/github/api.github.com.subset.json', import.meta.url));

const require = createRequire(import.meta.url);
const AjvClass = (require('ajv') as { Ajv: new (o: AjvOptions) => Ajv }).Ajv;
const formatsModule = require('ajv-formats') as { default?: (a: Ajv) => Ajv };
const addFormats = (formatsModule.default ?? formatsModule) as (a: Ajv) => Ajv;

type Json = Record<string, unknown>;

/** ajv with the formats the description uses: the standard ones, and OpenAPI's int32/int64. */
function withFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  return ajv;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Closes every object schema under `s` that lists properties and says nothing of others. */
function closeSchema(s: unknown, allOfMember = false): void {
  if (!isObject(s) || '$ref' in s) return;
  if (s.nullable === true && Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...(s.enum as unknown[]), null];
  // `nullable` beside oneOf/anyOf and no `type` (a commit's `author`): ajv takes nullable only
  // with a type, so null becomes one more branch.
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (s.nullable === true && s.type === undefined && Array.isArray(s[key])) {
      s[key] = [...(s[key] as unknown[]), { type: 'null' }];
      delete s.nullable;
    }
  }
  if (s.allOf) throw new Error('allOf in the contract: closing its members would reject valid objects; handle it first');
  if (isObject(s.properties) && s.additionalProperties === undefined && !allOfMember) s.additionalProperties = false;
  for (const child of Object.values(isObject(s.properties) ? s.properties : {})) closeSchema(child);
  closeSchema(s.items);
  closeSchema(s.additionalProperties);
  for (const key of ['anyOf', 'oneOf'] as const) for (const branch of (s[key] as unknown[] | undefined) ?? []) closeSchema(branch);
}

/**
 * GitHub's error envelopes stay open: its error bodies carry `status` (a string, since 2023),
 * which validation-error does not list, and the shared error responses (`service_unavailable`…)
 * are left as described for the same reason.
 */
const OPEN_ERRORS = new Set(['basic-error', 'validation-error', 'validation-error-simple']);

function eachMediaSchema(content: unknown, fn: (schema: unknown) => void): void {
  if (isObject(content)) for (const media of Object.values(content)) if (isObject(media)) fn(media.schema);
}

/** The subset with every schema closed (see the module comment). */
export function strictContract(doc: Json): Json {
  const copy = structuredClone(doc) as Json & { paths: Json; components: Record<string, Json> };
  for (const [name, s] of Object.entries(copy.components.schemas ?? {})) if (!OPEN_ERRORS.has(name)) closeSchema(s);
  for (const p of Object.values(copy.components.parameters ?? {})) closeSchema((p as Json).schema);
  for (const item of Object.values(copy.paths)) {
    for (const op of Object.values(item as Json) as Json[]) {
      for (const p of (op.parameters as Json[] | undefined) ?? []) closeSchema(p.schema);
      eachMediaSchema((op.requestBody as Json | undefined)?.content, (s) => closeSchema(s));
      for (const r of Object.values(op.responses as Json)) eachMediaSchema((r as Json).content, (s) => closeSchema(s));
    }
  }
  return copy;
}

/** A request as the router sees it. */
export interface ContractRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[]>;
  body?: unknown;
}

/** One validation problem, in ajv's terms. */
export type Problem = ErrorObject;

const pointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The loaded contract: routing, request validation and answer validation. */
export class Contract {
  readonly doc: Json & { paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>> };
  private readonly api: OpenAPIBackend;
  private readonly answers: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  private constructor(doc: Contract['doc'], api: OpenAPIBackend) {
    this.doc = doc;
    this.api = api;
    this.answers = withFormats(new AjvClass({ strict: false, allErrors: true }));
    this.answers.addSchema(doc, 'contract');
  }

  /** Loads and closes the committed subset. */
  static async load(file = CONTRACT_FILE): Promise<Contract> {
    const doc = strictContract(JSON.parse(readFileSync(file, 'utf8')) as Json) as Contract['doc'];
    const api = new OpenAPIBackend({
      definition: structuredClone(doc) as unknown as Document,
      strict: true,
      // quick: request validators are compiled on an operation's first request, and answers are
      // validated here with ajv, not by openapi-backend's eager compile of every response (4 s).
      // The fixture test checks once that the subset is a valid OpenAPI document.
      quick: true,
      validate: true,
      ajvOpts: { allErrors: true, strict: false },
      customizeAjv: (ajv) => withFormats(ajv),
    });
    await api.init();
    return new Contract(doc, api);
  }

  /** The operation a method and path name, or undefined (also for a known path with another method). */
  match(method: string, path: string): Operation | undefined {
    return this.api.matchOperation({ method, path, headers: {} });
  }

  /** The path parameters of a request for `op`, percent-decoded. */
  pathParams(path: string, op: Operation): Record<string, string> {
    const raw = this.api.router.parseRequest({ method: op.method, path, headers: {} }, op).params as Record<string, string>;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decodeURIComponent(v)]));
  }

  /** What is wrong with a request for `op`: path and query parameters, and the JSON body. */
  validateRequest(req: ContractRequest, op: Operation): Problem[] {
    return this.api.validateRequest(req, op).errors ?? [];
  }

  /** Whether `op` declares `status` at all. */
  declares(op: Operation, status: number): boolean {
    return this.response(op, status) !== undefined;
  }

  /** The response headers `op` declares for `status`, lower-cased. */
  declaredHeaders(op: Operation, status: number): string[] {
    return Object.keys((this.response(op, status)?.value.headers as Json | undefined) ?? {}).map((h) => h.toLowerCase());
  }

  /**
   * Problems of an answer body against the schema `op` declares for `status` and `mediaType`;
   * an error status the operation does not declare, or declares without a body, is held to
   * GitHub's generic error shapes (`validation-error` for 422, `basic-error` otherwise).
   */
  validateAnswer(op: Operation | undefined, status: number, mediaType: string, body: unknown): Problem[] {
    const res = op && this.response(op, status);
    const described = res && isObject((res.value.content as Json | undefined)?.[mediaType]);
    let ref: string;
    if (res && described) {
      ref = `contract#${res.pointer}/content/${pointer(mediaType)}/schema`;
    } else if (res && status < 400) {
      return [{ keyword: 'mediaType', instancePath: '', schemaPath: res.pointer, params: { mediaType }, message: `declares no ${mediaType} body for ${status}` }];
    } else {
      // An error the operation does not describe a body for (teams' 404 says only "if user has no
      // team membership"): GitHub still sends its error JSON; hold it to that.
      ref = `contract#/components/schemas/${status === 422 ? 'validation-error' : 'basic-error'}`;
    }
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.answers.getSchema(ref);
      if (!validate) throw new Error(`no schema at ${ref}`);
      this.compiled.set(ref, validate);
    }
    return validate(body) ? [] : [...(validate.errors ?? [])];
  }

  /** The `externalDocs` URL of an operation, which GitHub puts in its error bodies. */
  documentationUrl(op: Operation): string {
    return op.externalDocs?.url ?? 'https://docs.github.com/rest';
  }

  private response(op: Operation, status: number): { value: Json; pointer: string } | undefined {
    const raw = (this.doc.paths[op.path]?.[op.method]?.responses as Json | undefined)?.[String(status)];
    if (!isObject(raw)) return undefined;
    if (typeof raw.$ref === 'string') {
      const name = raw.$ref.replace('#/components/responses/', '');
      const value = this.doc.components.responses?.[name];
      return value && { value, pointer: `/components/responses/${pointer(name)}` };
    }
    return { value: raw, pointer: `/paths/${pointer(op.path)}/${op.method}/responses/${status}` };
  }
}
