/**
 * `phasegate report` as a process: the acme-payments health report from its twelve-week
 * history, and the portfolio across several projects of a file store and of PostgreSQL.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STYLESHEET_FILE } from '../../src/report/html/index.js';
import { STYLE } from '../../src/report/html/style.js';
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

  it('--html-assets external writes the page and phasegate-report.css beside it, nothing inline', async () => {
    await ready;
    const out = path.join(tempDir(), 'site', 'health.html');
    const r = cli(['report', '--project', 'acme-payments', '--store', url, '--tier', 'operational', '--format', 'html', '--html-assets', 'external', '--out', out, ...asOf]);
    expect(r.code).toBe(0);
    const css = path.join(path.dirname(out), STYLESHEET_FILE);
    expect(r.stderr).toBe(`wrote the html health report of acme-payments to ${out} and its stylesheet to ${css}\n`);
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['health.html', STYLESHEET_FILE]);
    expect(readFileSync(css, 'utf8')).toBe(`${STYLE}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<link [^>]*>/g)).toEqual([`<link rel="stylesheet" href="${STYLESHEET_FILE}" />`]);
    expect(html).not.toMatch(/style=|<style|<script|data:/i);
  });

  it('--html-assets inline (the default) writes one self-contained file', async () => {
    await ready;
    const dir = tempDir();
    const base = ['report', '--project', 'acme-payments', '--store', url, '--tier', 'operational', '--format', 'html', ...asOf];
    expect(cli([...base, '--html-assets', 'inline', '--out', path.join(dir, 'inline.html')]).code).toBe(0);
    expect(cli([...base, '--out', path.join(dir, 'default.html')]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['default.html', 'inline.html']);
    const html = readFileSync(path.join(dir, 'inline.html'), 'utf8');
    expect(readFileSync(path.join(dir, 'default.html'), 'utf8')).toBe(html);
    expect(html).toContain(`<style>${STYLE}</style>`);
    expect(html).not.toContain('<link');
  });

  it('the portfolio with --html-assets external: the stylesheet beside it, no sort script', async () => {
    await ready;
    const out = path.join(tempDir(), 'portfolio.html');
    const r = cli(['report', '--portfolio', '--store', url, '--format', 'html', '--html-assets', 'external', '--out', out, ...asOf]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(path.dirname(out), STYLESHEET_FILE), 'utf8')).toBe(`${STYLE}\n`);
    const html = readFileSync(out, 'utf8');
    expect([...html.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['acme-payments', 'ai-pilot', 'core-trading']);
    expect(html).not.toMatch(/style=|<style|<script|data:/i);
  });

  it.each([
    [['--html-assets', 'external'], '--html-assets external writes phasegate-report.css beside the page: give --out FILE'],
    [['--html-assets', 'external', '--out', 'x/phasegate-report.css'], '--out x/phasegate-report.css is where --html-assets external writes the stylesheet: give the page another name, e.g. --out report.html'],
    [['--html-assets', 'cdn'], "option '--html-assets <where>' argument 'cdn' is invalid. Allowed choices are inline, external."],
  ])('--format html %j: exit 2 with one line naming the fix, nothing written', (args, message) => {
    const cwd = tempDir();
    const r = cli(['report', '--project', 'acme-payments', '--store', `file:${path.join(cwd, 'history')}`, '--format', 'html', ...args], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`phasegate: ${message}${args[1] === 'cdn' ? '' : ' (run with --help for usage)'}`);
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(cwd, 'x'))).toBe(false);
    expect(existsSync(path.join(cwd, 'history'))).toBe(false);
    expectNoStack(r.stderr);
  });

  it('--html-assets external with --out a folder: exit 2 naming the fix, no stylesheet written', async () => {
    await ready;
    const dir = tempDir();
    const r = cli(['report', '--project', 'acme-payments', '--store', url, '--format', 'html', '--html-assets', 'external', '--out', dir, ...asOf]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`phasegate: --out ${dir} is a folder: give the page's file name, e.g. --out ${path.join(dir, 'report.html')} (run with --help for usage)\n`);
    expect(existsSync(path.join(path.dirname(dir), STYLESHEET_FILE))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--html-assets with another format: exit 2, naming the fix', () => {
    const r = cli(['report', '--project', 'a', '--format', 'md', '--html-assets', 'inline'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('phasegate: --html-assets applies to --format html only: leave it out for --format md (run with --help for usage)\n');
    expectNoStack(r.stderr);
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
