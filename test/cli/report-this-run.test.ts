/**
 * `phasegate report --evidence` for a run that `record run` already stored: the same run must
 * count once in the KPI trends, as the current value, and not also as the last earlier run.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';

const junit = (failing: boolean): string =>
  [
    '<?xml version="1.0"?>',
    `<testsuite name="s" tests="4" failures="${failing ? 1 : 0}" errors="0">`,
    '  <testcase classname="c" name="t1"/>',
    '  <testcase classname="c" name="t2"/>',
    '  <testcase classname="c" name="t3"/>',
    `  <testcase classname="c" name="t4">${failing ? '<failure message="boom">x</failure>' : ''}</testcase>`,
    '</testsuite>',
    '',
  ].join('\n');

/** Build 1 (one of four tests failing: 75 %) and build 2 (all passing: 100 %) recorded; build 2's evidence in ev2.json. */
function twoRecordedRuns(): { dir: string; store: string } {
  const dir = tempDir({ 'a.xml': junit(true), 'b.xml': junit(false) });
  const store = `file:${path.join(dir, 'history')}`;
  const run = (args: string[]) => {
    const r = cli(args, { cwd: dir });
    expect(r.stderr.replace(/^collected .*\n/, '')).toBe('');
    expect(r.code).toBe(0);
  };
  run(['collect', '--junit', 'a.xml', '--out', 'ev1.json']);
  run(['collect', '--junit', 'b.xml', '--out', 'ev2.json']);
  const record = ['record', 'run', '--store', store, '--project', 'p', '--pipeline', 'ci', '--commit', 'c0ffee', '--branch', 'main'];
  run([...record, '--build', '1', '--evidence', 'ev1.json', '--time', '2026-01-01T00:00:00Z']);
  run([...record, '--build', '2', '--evidence', 'ev2.json', '--time', '2026-01-02T00:00:00Z']);
  return { dir, store };
}

const passRate = (stdout: string) => (JSON.parse(stdout) as { kpis: Array<{ name: string }> }).kpis.find((k) => k.name === 'tests.passRate');

describe('phasegate report --evidence of a recorded run', () => {
  it('with --pipeline and --build, the recorded run is this run: it counts once, as the current value', () => {
    const { dir, store } = twoRecordedRuns();
    const r = cli(['report', '--project', 'p', '--store', store, '--evidence', 'ev2.json', '--pipeline', 'ci', '--build', '2', '--as-of', '2026-01-03T00:00:00Z', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(passRate(r.stdout)).toMatchObject({ value: 100, previous: 75, trend: [75, 100] });
  });

  it('another build is not this run: its record stays an earlier run', () => {
    const { dir, store } = twoRecordedRuns();
    const r = cli(['report', '--project', 'p', '--store', store, '--evidence', 'ev2.json', '--pipeline', 'ci', '--build', '3', '--as-of', '2026-01-03T00:00:00Z', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(passRate(r.stdout)).toMatchObject({ value: 100, previous: 100, trend: [75, 100, 100] });
  });

  it('without them, a latest run with exactly the evidence\'s metrics is counted as an earlier run, and a warning says how to count it once', () => {
    const { dir, store } = twoRecordedRuns();
    const r = cli(['report', '--project', 'p', '--store', store, '--evidence', 'ev2.json', '--as-of', '2026-01-03T00:00:00Z', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(passRate(r.stdout)).toMatchObject({ value: 100, previous: 100, trend: [75, 100, 100] });
    expect(r.stderr).toBe('phasegate: warning: the latest recorded run, ci#2, has exactly the metrics of --evidence: if it is this run, give --pipeline ci --build 2 so that it counts once in the trends\n');
    // The evidence of build 1 is not the latest run's: no warning.
    expect(cli(['report', '--project', 'p', '--store', store, '--evidence', 'ev1.json', '--as-of', '2026-01-03T00:00:00Z', '--format', 'json'], { cwd: dir }).stderr).toBe('');
  });

  it('--pipeline and --build go together', () => {
    const { dir, store } = twoRecordedRuns();
    const r = cli(['report', '--project', 'p', '--store', store, '--evidence', 'ev2.json', '--build', '2', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    expectNoStack(r.stderr);
    expect(r.stderr).toContain('give --pipeline and --build together');
  });
});
