/**
 * The workflows of examples/github run end to end: each step that uses one of our actions runs
 * its committed bundle with the step's own `with:` inputs (and action.yml's defaults), each
 * `run:` step that calls phasegate runs the real CLI, and the reports a test step would write
 * are given. The contract-checking GitHub fake then holds the check runs, annotations, comment
 * and artifact the workflow made, and every request validated against GitHub's description.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HEAD, junit, newJob, REPO, runStep, useActionHarness, world } from '../helpers/action-run.js';
import { BIN, ROOT } from '../helpers/cli.js';

useActionHarness();

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
}
const stepsOf = (file: string): Step[] => {
  const wf = parse(readFileSync(path.join(ROOT, 'examples/github', file), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(wf.jobs).flatMap((j) => j.steps);
};
const ourStep = (file: string, action: string): Step => stepsOf(file).find((s) => s.uses?.startsWith(`OWNER/phasegate/actions/${action}@`))!;
const inputsOf = (step: Step): Record<string, string> => Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));

const REPORTS = { 'reports/junit.xml': junit(1), 'coverage/lcov.info': 'SF:src/cart.ts\nDA:1,1\nDA:2,1\nDA:3,0\nend_of_record\n' };

describe('examples/github', () => {
  it('single-workflow.yml: one check run with its annotation, the job summary, one comment updated in place', async () => {
    const fake = await world();
    const gate = inputsOf(ourStep('single-workflow.yml', 'phase-gate'));
    const first = await runStep('phase-gate', newJob(REPORTS), gate, { apiUrl: fake.url });
    const second = await runStep('phase-gate', newJob(REPORTS), gate, { apiUrl: fake.url });
    for (const r of [first, second]) {
      expect(r.code).toBe(1);
      expect(r.summary.split('\n')[0]).toBe('### ❌ testing gate failed — 1 of 2 rules failed');
    }
    const [check, ...more] = fake.state.checkRuns(REPO);
    expect(more).toEqual([]);
    expect(check).toMatchObject({ name: 'phasegate / testing', headSha: HEAD, conclusion: 'failure' });
    expect(check!.annotations.map((a) => [a.path, a.start_line, a.title])).toEqual([['test/cart.test.ts', 10, 'Failed test: totals 0']]);
    expect(fake.state.comments(REPO)).toHaveLength(1);
    expect(fake.requests.filter((q) => q.operationId === 'issues/create-comment')).toHaveLength(1);
    expect(fake.requests.filter((q) => q.operationId === 'issues/update-comment')).toHaveLength(1);
  });

  it('fork-safe-tests.yml then fork-safe-gate.yml: the evidence as an artifact, the gate on the fork PR\'s head commit', async () => {
    // Workflow 1 (read-only): its collect step runs the real CLI on the reports; the upload step's name names the artifact.
    const { ws } = newJob(REPORTS);
    const collect = stepsOf('fork-safe-tests.yml').find((s) => s.run?.includes('phasegate collect'))!;
    execFileSync('bash', ['-c', collect.run!.replace('npx --no-install phasegate', `"${process.execPath}" "${BIN}"`)], { cwd: ws });
    const upload = stepsOf('fork-safe-tests.yml').find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with?.path).toBe('evidence.json');

    // Workflow 2 (may write): triggered by workflow_run, never sees the fork's code.
    const fake = await world({ headRepo: 'outsider/shop' });
    fake.state.addArtifact(REPO, { runId: 31337, name: String(upload.with!.name), files: { 'evidence.json': readFileSync(path.join(ws, 'evidence.json')) }, headSha: HEAD });
    const event = { name: 'workflow_run', payload: { action: 'completed', workflow_run: { id: 31337, head_sha: HEAD, head_branch: 'cart-totals', event: 'pull_request', conclusion: 'failure', head_repository: { full_name: 'outsider/shop' }, pull_requests: [] }, repository: { full_name: REPO } } };
    const r = await runStep('phase-gate', newJob(), inputsOf(ourStep('fork-safe-gate.yml', 'phase-gate')), { apiUrl: fake.url, event });
    expect(r.code).toBe(1);
    const [check] = fake.state.checkRuns(REPO);
    expect(check).toMatchObject({ headSha: HEAD, conclusion: 'failure' });
    expect(check!.annotations.map((a) => [a.path, a.start_line])).toEqual([['test/cart.test.ts', 10]]);
    expect(r.summary).toContain('tests-failed');
  });

  it('health-report.yml: the portfolio of the store in the job summary, its HTML file for the artifact step', async () => {
    const { ws } = newJob();
    for (const [project, build] of [['shop', '1'], ['billing', '7']] as const) {
      execFileSync(process.execPath, [BIN, 'record', 'run', '--store', 'file:.phasegate/history', '--project', project, '--pipeline', 'ci', '--build', build, '--commit', 'c0ffee', '--branch', 'main', '--time', '2026-11-20T10:00:00Z'], { cwd: ws });
    }
    const step = ourStep('health-report.yml', 'health-report');
    expect(step.with?.store).toBe('${{ secrets.PHASEGATE_STORE }}');
    const fake = await world();
    const inputs = { ...inputsOf(step), store: `file:${path.join(ws, '.phasegate/history')}` }; // the secret's value
    const r = await runStep('health-report', newJob(), inputs, { apiUrl: fake.url, event: { name: 'schedule', payload: { schedule: '0 6 * * 1' } } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.summary.split('\n')[0]).toMatch(/^### Portfolio: 2 projects, /);
    const upload = stepsOf('health-report.yml').find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with?.path).toBe('${{ steps.report.outputs.html-file }}');
    expect(readFileSync(r.outputs['html-file']!, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(fake.requests).toEqual([]);
  });
});
