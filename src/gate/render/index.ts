/**
 * Verdict renderers: one module per output format behind one signature. The CLI picks the
 * format and decides on colour; the renderers are pure (verdict in, text out).
 */
import { PhasegateError } from '../../errors.js';
import type { Verdict } from '../types.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

/** The output formats of `phasegate gate --format`. */
export const VERDICT_FORMATS = ['text', 'json', 'junit', 'sarif', 'markdown'] as const;
export type VerdictFormat = (typeof VERDICT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour in the text format; the caller decides (a TTY and no NO_COLOR). */
  color: boolean;
  /** tool.driver.version in SARIF; defaults to the installed package's version. */
  toolVersion?: string;
}

/** What every format module provides: the whole document for one verdict, ending in a newline. */
export type VerdictRenderer = (v: Verdict, opts: RenderOptions) => string;

const RENDERERS: Readonly<Record<VerdictFormat, VerdictRenderer>> = {
  text: renderText,
  json: renderJson,
  junit: renderJunit,
  sarif: renderSarif,
  markdown: renderMarkdown,
};

/** Renders `v` in `format`; an unknown format (from untyped callers) is a user error. */
export function renderVerdict(v: Verdict, format: VerdictFormat, opts: RenderOptions): string {
  const render = Object.hasOwn(RENDERERS, format) ? RENDERERS[format] : undefined;
  if (!render) throw new PhasegateError({ message: `unknown verdict format "${String(format)}"; expected one of ${VERDICT_FORMATS.join(', ')}` });
  return render(v, opts);
}
