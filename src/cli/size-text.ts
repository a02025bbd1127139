/** The code-size language table as `phasegate collect` prints it (on stderr, beside the JSON). */
import type { SizeEvidence, SizeLanguage } from '../evidence/types.js';

const COLUMNS = ['files', 'code', 'comment', 'blank'] as const;

/** `yes`, `no (data)`, `no (docs)`; `(policy)` where the policy's settings.size overrode the class. */
function countedText(r: SizeLanguage): string {
  if (r.counted) return r.class === 'code' ? 'yes' : 'yes (policy)';
  return r.class === 'code' ? 'no (policy)' : `no (${r.class})`;
}

/** `code size: N code lines (K KLOC) in L languages`, then one aligned row per language cloc found. */
export function sizeText(size: SizeEvidence): string {
  const counted = size.languages.filter((r) => r.counted);
  const code = counted.reduce((n, r) => n + r.code, 0);
  const head = `code size: ${code} code lines (${code / 1000} KLOC) in ${counted.length} language${counted.length === 1 ? '' : 's'}; cloc's table:`;
  if (size.languages.length === 0) return `${head} no file of a language cloc knows\n`;
  const header = ['language', ...COLUMNS, 'counted'];
  const rows = [header, ...size.languages.map((r) => [r.language, ...COLUMNS.map((c) => String(r[c])), countedText(r)])];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return `${head}\n${rows.map((row) => `  ${line(row)}`).join('\n')}\n`;
}
