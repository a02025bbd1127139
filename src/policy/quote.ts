/**
 * How text taken from a policy file appears in a message: quoted, escaped and cut, so that a
 * message never carries more than a short, inert excerpt of what a file holds (no terminal
 * escapes, no line breaks, no long secrets).
 */

/** Longest excerpt of file content a message may show, in characters. */
export const MAX_QUOTED = 40;

// C0 and C1 controls, DEL, line/paragraph separators, bidi overrides and isolates, BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

const escapeChar = (c: string): string => {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };
  return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
};

/** The text escaped (controls as `\uXXXX`, `"` and `\` backslashed) and cut to `max` characters with `...`. */
export function excerpt(text: string, max = MAX_QUOTED): string {
  const chars = [...text];
  const cut = chars.length > max ? `${chars.slice(0, max - 3).join('')}...` : text;
  return cut.replace(/["\\]/g, escapeChar).replace(UNSAFE, escapeChar);
}

/** The text as `"excerpt"`: what every message uses to show a key or value written in a file. */
export function quoted(text: string, max = MAX_QUOTED): string {
  return `"${excerpt(text, max)}"`;
}
