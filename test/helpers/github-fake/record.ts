/** What the GitHub fake records of each request, and how it words a contract problem. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Problem } from './contract.js';

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  /** `api` for the REST API, `blob` for the artifact download host. */
  server: 'api' | 'blob';
  method: string;
  /** The path as received, without the query. */
  path: string;
  query: Record<string, string | string[]>;
  /** The contract operation, null when the request matches none (or on the blob host). */
  operationId: string | null;
  /** Lower-case names; `authorization` keeps its scheme only (`token ***`). */
  headers: Record<string, string>;
  /** The JSON body parsed, the text of a body that is not JSON, undefined without a body. */
  body: unknown;
  /** The name of the token used; null without a known token. */
  token: string | null;
  /** The status answered. */
  status: number;
  /** The injected fault answered, if any. */
  fault?: string;
  /** What the request did that the contract does not allow (empty for a good request). */
  violations: string[];
  /** Where the fake's own answer broke the contract (a bug of the fake; `close()` rejects). */
  fakeBugs: string[];
}

/** Request headers with the token value removed. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    out[k] = k === 'authorization' ? `${value.trim().split(/\s+/)[0] ?? ''} ***` : value;
  }
  return out;
}

/** An ajv problem of a request as one line: where, what, and the offending name or values. */
export function describeProblem(p: Problem): string {
  const where = p.instancePath.replace(/^\/requestBody/, 'body').replace(/^\/(path|query)/, '$1') || 'body';
  const params = (p.params ?? {}) as Record<string, unknown>;
  const detail = params.additionalProperty ?? params.missingProperty ?? params.allowedValues ?? params.limit;
  return `${where} ${p.message ?? p.keyword}${detail !== undefined ? ` (${JSON.stringify(detail)})` : ''}`;
}
