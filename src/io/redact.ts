/**
 * The one redactor for everything phasegate prints, writes or stores: URLs (userinfo and
 * secret query parameters), `name=value` and `"name": "value"` pairs whose name says secret,
 * `Authorization` values, `Bearer`/`Basic` credentials, and the known secrets of a run (a
 * configured token, the password of a store or Prometheus URL) in every encoded form they
 * travel in (percent-encoded, JSON-escaped, base64 of `user:password`). Pure; every pattern
 * is linear in the text. Redact first, cut second: `excerpt` does both, in that order.
 */

/** What stands for a removed secret. */
export const REDACTED = '***';

/** Known secrets of a run: plain values, basic-auth pairs, and URLs whose password and secret parameters are secrets. */
export interface Secrets {
  values?: ReadonlyArray<string | undefined>;
  basic?: ReadonlyArray<{ username: string; password: string } | undefined>;
  urls?: ReadonlyArray<string | undefined>;
}

/** A redactor bound to known secrets; `excerpt` redacts, then cuts to `max` characters on one line. */
export interface Redactor {
  (text: string): string;
  excerpt(text: string, max: number): string;
}

/** Secrets shorter than this are not searched for as values (they would hide ordinary text); URL and pair rules still apply. */
export const MIN_SECRET_LENGTH = 4;
/** Usernames longer than this are hidden too: a long "user" is usually a token (`https://TOKEN@host`). */
const MAX_SHOWN_USER = 32;

const SECRET_NAME = /(?:api[_-]?key|token|passw(?:or)?d|pwd|secret|sig|signature|authorization|credentials?)$/i;
const HOST_AFTER_AT = /(?:\[[^\]\s/?#@]*\]|[^\s@/?#:[\]]*)(?::\d*)?(?=[/?#]|$)/y;

/** Index in `rest` (a URL after `scheme://`) of the `@` ending its userinfo, or -1: the last `@` followed by a host, else the last `@`. */
function userinfoEnd(rest: string): number {
  const last = rest.lastIndexOf('@');
  for (let at = last; at >= 0; at = at === 0 ? -1 : rest.lastIndexOf('@', at - 1)) {
    HOST_AFTER_AT.lastIndex = at + 1;
    if (HOST_AFTER_AT.test(rest)) return at;
  }
  return last;
}

function splitUserinfo(url: string): { head: string; user: string; password?: string; tail: string } | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!m) return undefined;
  const rest = url.slice(m[0].length);
  const at = userinfoEnd(rest);
  if (at < 0) return undefined;
  const info = rest.slice(0, at);
  const colon = info.indexOf(':');
  return { head: m[0], user: colon < 0 ? info : info.slice(0, colon), password: colon < 0 ? undefined : info.slice(colon + 1), tail: rest.slice(at) };
}

/**
 * Hides secret query parameters and `name=value` / `"name": "value"` / `Name: value` pairs whose
 * name says secret (`Name: value` needs the space, so `ci.token:3:1:` locations stay).
 */
function redactPairs(text: string): string {
  return text
    .replace(/(?<![\w.-])([\w.-]+)(=|%3D)([^&#\s"'<>]*)/gi, (all, name: string, eq: string, v: string) => (v && SECRET_NAME.test(name) ? `${name}${eq}${REDACTED}` : all))
    .replace(/"([\w.-]+)"([ \t]*:[ \t]*)"((?:[^"\\\r\n]|\\.)*)"/g, (all, name: string, sep: string, v: string) => (v && SECRET_NAME.test(name) ? `"${name}"${sep}"${REDACTED}"` : all))
    .replace(/(?<![\w.-])([\w.-]+)([ \t]*:[ \t]+)([^\r\n"',;]*)/g, (all, name: string, sep: string, v: string) => (v.trim() && SECRET_NAME.test(name) ? `${name}${sep}${REDACTED}` : all))
    // A credential is anything but a short lowercase word ("a Bearer token" is prose).
    .replace(/\b(Bearer|Basic|Digest)([ \t]+)([A-Za-z0-9._~+/=-]+)/g, (all, kind: string, sp: string, v: string) => (/[^a-z]/.test(v) || v.length >= 16 ? `${kind}${sp}${REDACTED}` : all));
}

/**
 * `url` as it may be shown: the password replaced by `***` whatever characters it holds (`/`,
 * `#`, `?`, `@`, percent-encoded: the userinfo ends at the last `@` before a host), a long
 * username hidden, secret query parameters (`api_key`, `token`, `password`, `sig`, …) hidden.
 * Text that does not start with a URL is redacted as free text (redactText).
 */
export function redactUrl(url: string): string {
  const parts = splitUserinfo(url);
  return parts ? redactPairs(joinShown(parts)) : redactText(url);
}

function joinShown(parts: NonNullable<ReturnType<typeof splitUserinfo>>): string {
  const user = parts.user.length > MAX_SHOWN_USER ? REDACTED : parts.user;
  // The placeholder of usage hints (USER:PASSWORD@HOST) is no secret.
  const password = parts.password === undefined ? '' : parts.password === 'PASSWORD' ? ':PASSWORD' : `:${REDACTED}`;
  return `${parts.head}${user}${password}${parts.tail}`;
}

/** Hides every secret shape phasegate knows without being told the secret: URL userinfo, secret pairs, credentials. */
export function redactText(text: string): string {
  const urls = text.replace(/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi, (u) => {
    const parts = splitUserinfo(u);
    return parts ? joinShown(parts) : u;
  });
  return redactPairs(urls);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function encodings(v: string): string[] {
  const u = new URL('http://h');
  u.password = v;
  const b64 = Buffer.from(v).toString('base64');
  const forms = [v, encodeURIComponent(v), u.password, new URLSearchParams({ a: v }).toString().slice(2), JSON.stringify(v).slice(1, -1), b64, b64.replace(/=+$/, ''), Buffer.from(v).toString('base64url')];
  return forms.flatMap((f) => (/%[0-9A-F]{2}/.test(f) ? [f, f.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())] : [f]));
}

/** Every form in which the known secrets may appear, longest first. */
export function secretForms(secrets: Secrets): string[] {
  const values = new Set<string>();
  const pairs: Array<{ username: string; password: string }> = [];
  for (const v of secrets.values ?? []) if (v) values.add(v);
  for (const b of secrets.basic ?? []) {
    if (!b) continue;
    pairs.push(b);
    values.add(b.password);
  }
  for (const url of secrets.urls ?? []) {
    if (!url) continue;
    const parts = splitUserinfo(url);
    if (parts?.password) {
      for (const p of [parts.password, decode(parts.password)]) values.add(p);
      pairs.push({ username: decode(parts.user), password: decode(parts.password) });
    }
    if (parts && parts.user.length > MAX_SHOWN_USER) values.add(decode(parts.user));
    for (const m of url.matchAll(/(?<![\w.-])([\w.-]+)=([^&#\s]*)/g)) if (SECRET_NAME.test(m[1]!) && m[2]) for (const p of [m[2], decode(m[2])]) values.add(p);
  }
  const forms = new Set<string>();
  for (const v of values) if (v.length >= MIN_SECRET_LENGTH) for (const f of encodings(v)) forms.add(f);
  for (const { username, password } of pairs) {
    if (!password) continue;
    const b64 = Buffer.from(`${username}:${password}`).toString('base64');
    for (const f of [b64, b64.replace(/=+$/, ''), Buffer.from(`${username}:${password}`).toString('base64url')]) forms.add(f);
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** A cut-off start of a known secret at the end of `text` (at least 3 characters), replaced. */
function dropPartial(text: string, forms: readonly string[]): string {
  for (const f of forms) {
    for (let k = Math.min(f.length - 1, text.length); k >= 3; k--) {
      if (text.endsWith(f.slice(0, k))) return `${text.slice(0, text.length - k)}${REDACTED}`;
    }
  }
  return text;
}

/** `text` on one line: control characters and runs of white space become one space. */
function oneLine(text: string): string {
  let out = '';
  let space = false;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const blank = c <= 0x20 || c === 0x7f || /\s/.test(ch);
    if (blank) space = out !== '';
    else {
      out += space ? ` ${ch}` : ch;
      space = false;
    }
  }
  return out;
}

/**
 * The redactor for `secrets`: removes every form of each known secret, then every generic
 * secret shape (redactText). `excerpt(text, max)` redacts the whole text first, then folds it
 * onto one line and cuts it to `max` characters (`…` marks the cut), so no secret straddling
 * the cut survives in part.
 */
export function createRedactor(secrets: Secrets = {}): Redactor {
  const forms = secretForms(secrets);
  const redact = (text: string): string => {
    let out = text;
    for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
    return redactText(out);
  };
  const excerpt = (text: string, max: number): string => {
    const line = oneLine(redact(text));
    return line.length <= max ? line : `${dropPartial(line.slice(0, max), forms)}…`;
  };
  return Object.assign(redact, { excerpt });
}

const generic = createRedactor();

/** `text` redacted, on one line, cut to `max` characters and quoted as a JSON string: how a value from a file is shown. */
export function quoteExcerpt(text: string, max = 40): string {
  return JSON.stringify(generic.excerpt(text, max));
}

/** The value of a basic Authorization header. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
