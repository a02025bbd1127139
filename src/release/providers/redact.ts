/**
 * Keeps credentials out of provider messages: every message a provider returns or throws goes
 * through a redactor that knows the configured secrets, and URLs lose their userinfo.
 */

/** Replaces `user:password@` in any URL inside `text` with `***@`. */
export function redactUrlUserinfo(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1***@');
}

/**
 * A function that removes the given secrets (and their URL- and base64-encoded forms, as they
 * appear in echoed headers) and URL userinfo from a text. Empty secrets are ignored.
 */
export function redactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
  }
  // Longest first, so a secret containing another is replaced whole.
  const list = [...forms].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = redactUrlUserinfo(text);
    for (const s of list) out = out.split(s).join('***');
    return out;
  };
}

/** The value of a basic Authorization header. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
