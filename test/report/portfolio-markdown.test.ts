/**
 * The portfolio's Markdown within a limit (a PR comment, a job summary): whole rows of the
 * healthiest projects are left out first, the headline still counts every project, and a note
 * says how many rows are missing. Without options the text is the whole table, as the CLI prints it.
 */
import { describe, expect, it } from 'vitest';
import type { PortfolioRow } from '../../src/report/portfolio.js';
import { renderPortfolioMarkdown } from '../../src/report/portfolio.js';

const asOf = new Date('2026-11-27T12:00:00.000Z');
const row = (project: string, health: number | null): PortfolioRow => ({
  project, tier: 'operational', phase: 'testing', health,
  healthStatus: health === null ? null : health >= 80 ? 'healthy' : health >= 60 ? 'at-risk' : 'critical',
  spi: null, cpi: null, defectDensity: null, warnings: 0, asOf: asOf.toISOString(),
});
// 3 critical, 3 at risk, 3 not scored, 291 healthy, names in no order of health.
const rows = Array.from({ length: 300 }, (_, i) => row(`project-${String(299 - i).padStart(3, '0')}`, i < 3 ? 10 + i : i < 6 ? 60 + i : i < 9 ? null : 80 + (i % 20)));
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('renderPortfolioMarkdown within a limit', () => {
  it('without options: every row by name, no marker, no note', () => {
    const text = renderPortfolioMarkdown(rows, asOf);
    expect(text.split('\n').filter((l) => l.startsWith('| project-'))).toHaveLength(300);
    expect(text.split('\n')[0]).toBe('### Portfolio: 300 projects, 6 at risk or critical');
    expect(text).not.toContain('✂️');
    expect(renderPortfolioMarkdown(rows, asOf, { limit: bytes(text) })).toBe(text);
  });

  it('over the limit: the healthiest rows go first, the rest stay by name, a note counts what is missing, the marker ends it', () => {
    const marker = '<!-- phasegate:portfolio -->';
    const text = renderPortfolioMarkdown(rows, asOf, { limit: 4_000, unit: 'bytes', marker });
    expect(bytes(text)).toBeLessThanOrEqual(4_000);
    const shown = text.split('\n').filter((l) => l.startsWith('| project-')).map((l) => l.split(' | ')[0]!.slice(2));
    expect(shown).toEqual([...shown].sort());
    // Every critical, at-risk and unscored project is kept; what is dropped is healthy.
    for (const r of rows.slice(0, 9)) expect(shown).toContain(r.project);
    const left = 300 - shown.length;
    expect(left).toBeGreaterThan(250);
    expect(text).toContain(`\n> ✂️ Shortened to fit 4,000 bytes: left out ${left} projects, the healthiest first. The HTML and JSON portfolio have every project.\n\n${marker}\n`);
    expect(text.split('\n')[0]).toBe('### Portfolio: 300 projects, 6 at risk or critical');
    // The next row to keep, the healthiest one's least healthy, would not fit (the note's count keeps its 3 digits).
    const next = rows.filter((r) => !shown.includes(r.project)).sort((a, b) => (a.health ?? 0) - (b.health ?? 0) || (a.project < b.project ? -1 : 1))[0]!;
    expect(next.healthStatus).toBe('healthy');
    const nextLine = renderPortfolioMarkdown(rows, asOf).split('\n').find((l) => l.startsWith(`| ${next.project} |`))!;
    expect(bytes(text) + bytes(nextLine) + 1).toBeGreaterThan(4_000);
  });

  it('a limit that cannot hold the headline is a RangeError', () => {
    expect(() => renderPortfolioMarkdown(rows, asOf, { limit: 100 })).toThrow(RangeError);
  });
});
