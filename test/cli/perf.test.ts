/** `--perf` through the built CLI: a release gated on p95 latency, baselines, and bad input. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, expectNoStack, tempDir } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'test/fixtures/evidence/perf');
const fixture = (name: string): string => readFileSync(path.join(FIX, name), 'utf8');

const POLICY = `schemaVersion: 1
name: perf-release
phases:
  release:
    - id: release-p95
      metric: perf.p95
      operator: "<="
      threshold: 300
      hint: Find what made the slow requests slower before releasing.
`;

describe('a performance result gates a release on p95 latency', () => {
  it.each([
    ['k6-handle-summary.json', 0, 'PASS'], // p95 199.75 ms
    ['k6-summary-export.json', 1, 'FAIL'], // p95 342.507 ms
    ['jmeter.jtl', 1, 'FAIL'], // p95 400 ms
  ])('%s: exit %i', (file, code, word) => {
    const dir = tempDir({ 'phasegate.yaml': POLICY, [file]: fixture(file) });
    const r = cli(['gate', '--phase', 'release', '--policy', 'phasegate.yaml', '--perf', file], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(new RegExp(`${word}.*release-p95`));
    if (code === 1) expect(r.stdout).toMatch(/perf\.p95 is \d+(\.\d+)? ms; the policy requires <= 300 ms/);
  });

  it('a missing performance result fails closed', () => {
    const dir = tempDir({ 'phasegate.yaml': POLICY, 'facts.json': '{"author":"a"}' });
    const r = cli(['gate', '--phase', 'release', '--policy', 'phasegate.yaml', '--facts', 'facts.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ERROR.*release-p95/);
  });
});

describe('--perf-baseline', () => {
  it('a baseline file gives change metrics', () => {
    const dir = tempDir({ 'now.json': fixture('k6-summary-export.json'), 'base.json': fixture('k6-handle-summary.json') });
    const r = cli(['collect', '--perf', 'now.json', '--perf-baseline', 'base.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const b = JSON.parse(r.stdout) as { metrics: Record<string, number>; sources: { path: string; format: string }[] };
    // (342.507 - 199.75) / 199.75 = 71.47 %; 1 % - 0.25 % = 0.75 points
    expect(b.metrics).toMatchObject({ 'perf.p95Change': 71.47, 'perf.p50Change': 73.45, 'perf.errorRateDelta': 0.75, 'perf.throughputChange': -40 });
    expect(b.sources.map((s) => s.format)).toEqual(['k6-summary (baseline)', 'k6-summary']);
  });

  it('store:BRANCH takes the last run recorded on that branch', () => {
    const dir = tempDir({ 'main.json': fixture('k6-handle-summary.json'), 'old.json': fixture('k6-summary-export.json'), 'now.json': fixture('k6-summary-export.json') });
    const store = ['--store', 'file:history'];
    const record = (file: string, build: string, branch: string, time: string): void => {
      expect(cli(['collect', '--perf', file, '--out', `${build}.evidence.json`], { cwd: dir }).code).toBe(0);
      const r = cli(['record', 'run', ...store, '--project', 'shop', '--pipeline', 'ci', '--build', build, '--commit', 'abc', '--branch', branch, '--evidence', `${build}.evidence.json`, '--time', time], { cwd: dir });
      expect(r.stderr).toBe('');
    };
    record('old.json', '1', 'main', '2026-11-01T00:00:00Z');
    record('main.json', '2', 'main', '2026-11-02T00:00:00Z');
    record('old.json', '3', 'feature', '2026-11-03T00:00:00Z');
    const r = cli(['collect', '--perf', 'now.json', '--perf-baseline', 'store:main', '--project', 'shop', ...store], { cwd: dir });
    expect(r.stderr).toBe('');
    const b = JSON.parse(r.stdout) as { metrics: Record<string, number>; sources: { path: string }[] };
    expect(b.metrics['perf.p95Change']).toBe(71.47);
    expect(b.sources.map((s) => s.path)).toContain('store:main@2');
    const noBaseline = cli(['collect', '--perf', 'now.json', '--perf-baseline', 'store:release', '--project', 'shop', ...store], { cwd: dir });
    expect(noBaseline.stderr).toMatch(/^warning: store:release: no run recorded for shop on release has perf\.\* metrics[^\n]*\n$/);
    const none = JSON.parse(noBaseline.stdout) as { metrics: Record<string, number>; warnings: { message: string }[] };
    expect(none.metrics['perf.p95Change']).toBeUndefined();
    expect(none.warnings[0]!.message).toMatch(/no run recorded for shop on release has perf\.\* metrics/);
  });
});

describe('bad performance input: one line naming the file and the fix, exit 2', () => {
  const HEADER = 'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect';
  it.each([
    ['no samples (a JTL header only)', 'r.jtl', `${HEADER}\n`, /^phasegate: r\.jtl: no samples \(a header and no sample rows\); check that the performance test ran/],
    ['a non-numeric elapsed column', 'r.jtl', `${HEADER}\n1700000000000,12,a,200,OK,t,text,true,,1,1,1,1,u,1,0,0\n1700000000001,slow,a,200,OK,t,text,true,,1,1,1,1,u,1,0,0\n`, /^phasegate: r\.jtl:3:1: sample has elapsed "slow", not a number of milliseconds; fix or remove this line/],
    ['a non-numeric t attribute in XML', 'r.xml', '<testResults version="1.2">\n<httpSample t="x" lb="a" s="true" ts="1"/>\n</testResults>\n', /^phasegate: r\.xml:2:\d+: <httpSample> has t="x", not a number of milliseconds/],
    ['an unknown JSON shape', 'r.json', '{"results": [1, 2]}\n', /^phasegate: r\.json:1:1: unknown JSON shape \(expected a k6 summary with metrics\.http_req_duration/],
    ['a k6 summary without HTTP requests', 'r.json', '{"metrics": {"iterations": {"count": 0, "rate": 0}}, "root_group": {}}\n', /^phasegate: r\.json: k6 summary without http_req_duration or http_reqs: no samples/],
    ['a CSV without the required columns', 'r.csv', 'when,duration,name\n1,2,3\n', /^phasegate: r\.csv:1:1: CSV without the required columns: a JMeter JTL needs elapsed, label and success; a Locust stats CSV needs Name, Request Count and Failure Count/],
    ['a JTL without success', 'r.jtl', 'timeStamp,elapsed,label\n1,2,a\n', /^phasegate: r\.jtl:1:1: JMeter JTL header lacks the column success/],
    ['a JTL without a header line', 'r.jtl', '1700000000000,12,a,200,OK,t,text,true,,1\n', /^phasegate: r\.jtl:1:1: JMeter JTL without a header line; save one \(jmeter\.save\.saveservice\.print_field_names=true\)/],
    ['a Locust CSV without its Aggregated row', 'r_stats.csv', 'Type,Name,Request Count,Failure Count,95%\nGET,/a,1,0,5\n', /^phasegate: r_stats\.csv: Locust stats CSV has no Aggregated row/],
    ['an empty file', 'r.jtl', '', /^phasegate: r\.jtl: empty file \(expected a JMeter JTL/],
  ])('%s', (_, name, text, message) => {
    const dir = tempDir({ [name]: text });
    const r = cli(['collect', '--perf', name], { cwd: dir });
    expect(r.code).toBe(2);
    expectNoStack(r.stderr);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('--perf-baseline store:BRANCH without --project', () => {
    const dir = tempDir({ 'now.json': fixture('k6-handle-summary.json') });
    const r = cli(['collect', '--perf', 'now.json', '--perf-baseline', 'store:main'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--perf-baseline store:main: give --project P/);
  });
});
