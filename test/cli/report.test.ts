/**
 * `phasegate report` as a process: the acme-payments health report from its twelve-week
 * history, and the portfolio across several projects of a file store and of PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertValidReport } from '../../src/report/validate.js';
import { openStore } from '../../src/store/open.js';
import type { HistoryRecord } from '../../src/store/records.js';
import { ROOT, cli, expectNoStack, tempDir } from '../helpers/cli.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const EXAMPLE = path.join(ROOT, 'examples', 'acme-payments');
const PLAN = path.join(EXAMPLE, '.phasegate', 'plan.yaml');

/** The example history for three projects: acme-payments as built, two more renamed, each with its tier and plan. */
async function portfolioHistory(): Promise<HistoryRecord[]> {
  const { history } = (await import(pathToFileURL(path.join(EXAMPLE, 'history', 'build-history.mjs')).href)) as { history: () => HistoryRecord[] };
  const as = (project: string, tier: 'strategic' | 'operational' | 'innovation', keep: (r: HistoryRecord) => boolean) =>
    history()
      .filter(keep)
      .map((r) => ({ ...r, project, id: `${project}/${r.id}`, ...(r.kind === 'verdict' ? { tier } : {}) }) as HistoryRecord);
  // core-trading has only passed its requirements gate; ai-pilot has no deployments yet.
  return [
    ...as('acme-payments', 'operational', () => true),
    ...as('core-trading', 'strategic', (r) => r.kind !== 'verdict' || r.phase === 'requirements'),
    ...as('ai-pilot', 'innovation', (r) => r.kind !== 'deployment' && r.kind !== 'incident'),
  ];
}

async function fill(url: string): Promise<void> {
  const store = await openStore(url);
  try {
    await store.append(await portfolioHistory());
  } finally {
    await store.close();
  }
  const plan = cli(['record', 'plan', '--project', 'acme-payments', '--store', url, '--plan', PLAN, '--time', '2026-08-28T00:00:00Z']);
  expect(plan.code).toBe(0);
}

const asOf = ['--as-of', '2026-11-21'];

function portfolio(url: string) {
  const r = cli(['report', '--portfolio', '--store', url, '--format', 'json', ...asOf]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).projects as Array<Record<string, unknown>>;
}

function expectPortfolio(rows: Array<Record<string, unknown>>): void {
  expect(rows.map((r) => [r.project, r.tier, r.phase])).toEqual([
    ['acme-payments', 'operational', 'testing'],
    ['ai-pilot', 'innovation', 'testing'],
    ['core-trading', 'strategic', 'design'],
  ]);
  // Only acme-payments has a recorded plan: SPI 80,000 / 82,631.58 (see history.test.ts).
  expect(rows[0]!.spi).toBeCloseTo(80_000 / (70_000 + (20_000 * 12) / 19), 9);
  expect(rows[1]!.spi).toBeNull();
}

describe('phasegate report on a file store', () => {
  const dir = tempDir();
  const url = `file:${path.join(dir, 'history')}`;
  const ready = fill(url);

  it('writes a valid JSON health report of a project', async () => {
    await ready;
    const r = cli(['report', '--project', 'acme-payments', '--store', url, '--tier', 'operational', '--format', 'json', '--out', path.join(dir, 'r.json'), ...asOf]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    assertValidReport(report);
    expect(report).toMatchObject({ project: 'acme-payments', tier: 'operational', asOf: '2026-11-21T00:00:00.000Z' });
    expect(report.phases.map((p: { gate: string }) => p.gate)).toEqual(['pass', 'pass', 'pass', 'fail', 'not-evaluated']);
  });

  it('fits Markdown into a check-run summary, marker last', async () => {
    await ready;
    const r = cli(['report', '--project', 'acme-payments', '--store', url, '--format', 'md', '--markdown-for', 'check-run', ...asOf]);
    expect(r.code).toBe(0);
    expect(Buffer.byteLength(r.stdout, 'utf8')).toBeLessThanOrEqual(65_535); // GitHub counts the summary in bytes
    expect(r.stdout.trimEnd().endsWith('<!-- phasegate:report:acme-payments -->')).toBe(true);
  });

  it('lists every project of the store in the portfolio, as JSON, Markdown and HTML', async () => {
    await ready;
    expectPortfolio(portfolio(url));
    const md = cli(['report', '--portfolio', '--store', url, '--format', 'md', ...asOf]).stdout;
    expect(md.split('\n')[0]).toMatch(/^### Portfolio: 3 projects, [0-3] at risk or critical$/);
    for (const p of ['acme-payments', 'ai-pilot', 'core-trading']) expect(md).toContain(`| ${p} |`);
    const html = cli(['report', '--portfolio', '--store', url, '--format', 'html', ...asOf]).stdout;
    for (const p of ['acme-payments', 'ai-pilot', 'core-trading']) expect(html).toContain(p);
  });

  it.each([
    [['report', '--format', 'md'], 'give either --project NAME or --portfolio'],
    [['report', '--project', 'a', '--portfolio', '--format', 'md'], 'give either --project NAME or --portfolio'],
    [['report', '--project', 'a'], "required option '--format <format>' not specified"],
    [['report', '--project', 'a', '--format', 'pdf'], "argument 'pdf' is invalid"],
  ])('%j: exit 2 with one line', (args, message) => {
    const r = cli(args, { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expectNoStack(r.stderr);
  });
});

describe.skipIf(postgresSkipReason() !== undefined)('phasegate report --portfolio on PostgreSQL', () => {
  const pg = usePostgres();
  it('lists the same projects with the same figures as the file store', async () => {
    const url = await pg().newDatabase();
    const file = `file:${path.join(tempDir(), 'history')}`;
    await fill(url);
    await fill(file);
    const rows = portfolio(url);
    expectPortfolio(rows);
    expect(rows).toEqual(portfolio(file));
  });
});
