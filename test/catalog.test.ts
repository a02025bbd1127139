import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRICS, metricInfo, suggestMetrics } from '../src/catalog/metrics.js';
import { ROOT } from './helpers/cli.js';

describe('metric catalogue', () => {
  it('the README lists every metric name exactly as the catalogue does', async () => {
    // @ts-expect-error plain JS script without types
    const { metricsTable } = (await import('../scripts/metrics-table.mjs')) as { metricsTable: () => string };
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = /<!-- metrics:start -->\n([\s\S]*?)\n<!-- metrics:end -->/.exec(readme)?.[1];
    expect(table, 'run `npm run build && node scripts/metrics-table.mjs --write`').toBe(metricsTable());
  });

  it('names are unique', () => {
    expect(new Set(METRICS.map((m) => m.name)).size).toBe(METRICS.length);
  });

  it.each([
    ['docs.requirements.present', 'docs.<kind>.present'],
    ['size.typescript.kloc', 'size.<language>.kloc'],
    ['coverage.line', 'coverage.line'],
    ['coverage.lines', undefined],
  ])('%s is known as %s', (name, pattern) => {
    expect(metricInfo(name)?.name).toBe(pattern);
  });

  it('suggests close names', () => {
    expect(suggestMetrics('coverage.lines')[0]).toBe('coverage.line');
    expect(suggestMetrics('test.failed')[0]).toBe('tests.failed');
  });
});
