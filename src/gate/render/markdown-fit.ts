/**
 * The verdict's Markdown within a size limit (a check run summary takes 65,535 characters, a
 * job summary 1 MiB, a comment 65,536 characters), degraded in documented stages until it
 * fits, failing rules kept longest:
 *   1. at most 5 evidence items under each fix (the rest counted);
 *   2. no evidence items (counted);
 *   3. no passed-rules section, waivers or waiver notices;
 *   4. no "How to fix" section;
 *   5. only as many rows of the rules that did not pass as fit (the rest counted);
 *   6. the headline alone.
 * Whenever something is left out a note says what, and `more` (e.g. where the full verdict is)
 * follows it. Measured in UTF-8 bytes by default, which fits a character limit too.
 */
import { measure, type LimitUnit } from '../../report/markdown/size.js';
import type { Verdict } from '../types.js';
import { renderMarkdown, type MarkdownDetail } from './markdown.js';

export interface FitOptions {
  limit: number;
  unit?: LimitUnit;
  /** Said after the note when something was left out, e.g. "The full verdict is in the artifact phasegate-testing." */
  more?: string;
  /** Appended after everything (e.g. a hidden marker that finds a comment again); always kept. */
  marker?: string;
}

const FULL: MarkdownDetail = { openRows: Infinity, evidencePerRule: Infinity, fixes: true, passed: true, extras: true };
const STAGES: Array<[MarkdownDetail, string]> = [
  [FULL, ''],
  [{ ...FULL, evidencePerRule: 5 }, 'evidence beyond 5 items per rule'],
  [{ ...FULL, evidencePerRule: 0 }, 'the evidence items'],
  [{ ...FULL, evidencePerRule: 0, passed: false, extras: false }, 'the evidence items, the passed rules, waivers and notices'],
  [{ ...FULL, evidencePerRule: 0, passed: false, extras: false, fixes: false }, 'the evidence items, how to fix, the passed rules, waivers and notices'],
];

/** Renders `v` as Markdown of at most `opts.limit`; throws a RangeError when not even the headline fits. */
export function renderMarkdownWithin(v: Verdict, opts: FitOptions): string {
  const unit = opts.unit ?? 'bytes';
  const finish = (body: string, left: string): string => {
    const note = left ? `\n> ✂️ Shortened to fit ${opts.limit.toLocaleString('en-US')} ${unit}: left out ${left}.${opts.more ? ` ${opts.more}` : ''}\n` : '';
    return `${body}${note}${opts.marker ? `\n${opts.marker}\n` : ''}`;
  };
  const fits = (text: string): boolean => measure(text, unit) <= opts.limit;
  for (const [detail, left] of STAGES) {
    const text = finish(renderMarkdown(v, { color: false }, detail), left);
    if (fits(text)) return text;
  }
  // Stage 5: as many rows of the open rules as fit (binary search; the rows' order is kept).
  const last = STAGES.at(-1)![0];
  const rows = (n: number): string => finish(renderMarkdown(v, { color: false }, { ...last, openRows: n }), `${STAGES.at(-1)![1]}, and the rules that did not pass beyond the first ${n}`);
  let lo = 0;
  let hi = v.rules.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(rows(mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo > 0) return rows(lo);
  const bare = finish(renderMarkdown(v, { color: false }, { ...last, openRows: 0, passed: false }), 'everything but the headline');
  if (fits(bare)) return bare;
  throw new RangeError(`renderMarkdownWithin: the limit of ${opts.limit} ${unit} cannot hold even the headline`);
}
