/**
 * HTML escaping for the report pages. Every string that comes from a report (test names,
 * messages, policy text, project names) goes through `esc`, so it can never open a tag, close
 * a script or break out of an attribute. The output stays XML-compatible too: characters
 * XML 1.0 forbids become U+FFFD, and bidirectional overrides are dropped.
 */
import { xmlSafe } from '../../charts/spec.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Bidirectional overrides and isolates could reorder the text around a name (Trojan Source).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** Escapes text for an HTML text node or a quoted attribute value. */
export function esc(text: unknown): string {
  return xmlSafe(text).replace(BIDI, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Text cut to `max` characters (with an ellipsis and how much was cut), then escaped. */
export function escCut(text: string, max: number): string {
  if (text.length <= max) return esc(text);
  return `${esc(text.slice(0, max))}… <span class="muted">(${(text.length - max).toLocaleString('en-US')} more characters)</span>`;
}

/** An escaped dotted name with break opportunities after the dots (`coverage.<wbr />line`). */
export const dotted = (name: string): string => esc(name).replace(/\./g, '.<wbr />');
