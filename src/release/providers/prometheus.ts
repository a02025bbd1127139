/**
 * The Prometheus metric provider: range (`/api/v1/query_range`) and instant (`/api/v1/query`)
 * queries over Node's fetch (injectable), a timeout per attempt (AbortController), retries with
 * exponential backoff on network errors, timeouts and 5xx (never on 4xx), bearer or basic
 * auth. Tokens, passwords and URL userinfo never appear in results or errors.
 */
import { inputError } from '../../errors.js';
import { parsePrometheusBody } from './prometheus-parse.js';
import { basicAuthHeader, createRedactor, redactUrl } from '../../io/redact.js';
import { failure, samplesResult, substituteVariant, type FetchResult, type MetricProvider, type MetricQuery, type VariantValues } from './types.js';

/** Settings of the Prometheus provider. */
export interface PrometheusOptions {
  /** Base URL, e.g. `http://prometheus:9090` or `https://host/prometheus`; userinfo becomes basic auth. */
  url: string;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  /** Per attempt (default 10000). */
  timeoutMs?: number;
  /** Extra attempts after the first (default 2). */
  retries?: number;
  /** First backoff delay, doubled after each retry (default 250). */
  backoffMs?: number;
  /** Label values for `{{variant}}` (default: `canary`, `baseline`). */
  variantValues?: VariantValues;
  fetchImpl?: typeof fetch;
}

/** Characters of an answer's body kept in a message, after redaction. */
const MAX_EXCERPT = 200;
/** Characters of a whole failure message (it is stored in the decision record). */
const MAX_MESSAGE = 600;

type Attempt = { kind: 'done'; status: number; text: string } | { kind: 'timeout' | 'network' | 'redirect'; message: string };

function parseBaseUrl(raw: string): { base: URL; user?: { username: string; password: string } } {
  let base: URL;
  try {
    base = new URL(raw);
  } catch {
    throw inputError(undefined, `Prometheus URL ${JSON.stringify(redactUrl(raw))} is not a valid URL (expected http(s)://host:port[/path])`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw inputError(undefined, `Prometheus URL ${redactUrl(raw)} must be http or https, not ${base.protocol}`);
  }
  const user = base.username || base.password
    ? { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) }
    : undefined;
  base.username = '';
  base.password = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return { base, user };
}

/** Creates a Prometheus provider; throws a PhasegateError for a bad URL or conflicting auth. */
export function prometheusProvider(opts: PrometheusOptions): MetricProvider {
  const { base, user } = parseBaseUrl(opts.url);
  const basic = opts.basicAuth ?? user;
  if (basic && opts.bearerToken) throw inputError(undefined, 'Prometheus: give either a bearer token or basic auth, not both');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 250;
  if (!(timeoutMs > 0) || !Number.isInteger(retries) || retries < 0) {
    throw inputError(undefined, 'Prometheus: timeoutMs must be > 0 and retries an integer >= 0');
  }
  const fetchImpl = opts.fetchImpl ?? fetch;
  const auth = opts.bearerToken ? `Bearer ${opts.bearerToken}` : basic ? basicAuthHeader(basic.username, basic.password) : undefined;
  // Every message goes through one redactor that knows the token, the password and the header.
  const redact = createRedactor({ values: [opts.bearerToken, auth], basic: [basic], urls: [opts.url] });
  const source = redact(base.toString());

  async function attempt(url: URL): Promise<Attempt> {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (auth) headers.authorization = auth;
      // Redirects are not followed, so credentials never go to another host.
      const res = await fetchImpl(url, { headers, signal: ctl.signal, redirect: 'manual' });
      if (res.status >= 300 && res.status < 400) {
        const to = redact.excerpt(res.headers.get('location') ?? '(no Location)', MAX_EXCERPT);
        return { kind: 'redirect', message: `HTTP ${res.status} redirect to ${to}; configure the final URL` };
      }
      return { kind: 'done', status: res.status, text: await res.text() };
    } catch (e) {
      if (ctl.signal.aborted) return { kind: 'timeout', message: `no answer within ${timeoutMs} ms` };
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return { kind: 'network', message: `${e instanceof Error ? e.message : String(e)}${cause}` };
    } finally {
      clearTimeout(timer);
    }
  }

  async function fetchMetric(q: MetricQuery): Promise<FetchResult> {
    const query = substituteVariant(q.query, q.variant, opts.variantValues);
    const instant = q.kind === 'instant';
    const url = new URL(instant ? 'api/v1/query' : 'api/v1/query_range', base);
    url.searchParams.set('query', query);
    if (instant) url.searchParams.set('time', String(q.end.getTime() / 1000));
    else {
      url.searchParams.set('start', String(q.start.getTime() / 1000));
      url.searchParams.set('end', String(q.end.getTime() / 1000));
      url.searchParams.set('step', String(q.step ?? 60));
    }
    const what = `${q.variant} ${query}`;
    let last: Attempt = { kind: 'network', message: 'not tried' };
    for (let i = 0; i <= retries; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (i - 1)));
      last = await attempt(url);
      if ((last.kind === 'done' && last.status < 500) || last.kind === 'redirect') break;
    }
    const tries = `${source} (${retries + 1} attempt${retries ? 's' : ''})`;
    if (last.kind !== 'done') {
      const reason = last.kind === 'timeout' ? 'timeout' : last.kind === 'redirect' ? 'bad-response' : 'unreachable';
      return failure(reason, redact.excerpt(`${what}: ${tries}: ${last.message}`, MAX_MESSAGE));
    }
    // Redacted before it is cut: a secret straddling the cut would otherwise survive in part.
    if (last.status >= 500) return failure('unreachable', redact.excerpt(`${what}: ${tries}: HTTP ${last.status}: ${redact.excerpt(last.text, MAX_EXCERPT)}`, MAX_MESSAGE));
    const parsed = parsePrometheusBody(last.text, what, redact.excerpt);
    if (!parsed.ok) {
      const status = last.status >= 300 ? ` (HTTP ${last.status})` : '';
      return failure(parsed.reason, redact.excerpt(`${parsed.message}${status}`, MAX_MESSAGE));
    }
    return samplesResult(parsed.points, source, what);
  }

  return { name: 'prometheus', fetch: fetchMetric };
}
