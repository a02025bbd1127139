/**
 * What a bundle of the core must do with nothing next to it (test/bundle/bundle.test.ts bundles
 * this with scripts/bundle.mjs and runs it from a folder outside the repository): find a
 * built-in tier by name, check a policy and say "did you mean", collect and validate evidence,
 * evaluate a gate, know its version. Prints one JSON line per step.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageVersion } from '../../src/cli/package-info.js';
import { formatDiagnostic, PhasegateError } from '../../src/errors.js';
import { assertValidEvidence, collectEvidence } from '../../src/evidence/index.js';
import { evaluateGate } from '../../src/gate/engine.js';
import { renderVerdict } from '../../src/gate/render/index.js';
import { stableJson } from '../../src/io/json.js';
import { loadPolicy, validatePolicyFiles } from '../../src/policy/index.js';

const show = (step: string, value: unknown): void => void process.stdout.write(`${JSON.stringify({ step, value })}\n`);
const problems = (fn: () => unknown): string[] => {
  try {
    fn();
    return [];
  } catch (err) {
    if (err instanceof PhasegateError) return err.diagnostics.map(formatDiagnostic);
    throw err;
  }
};

const cwd = process.cwd();
show('version', packageVersion());

const tier = loadPolicy({ tier: 'operational' }, { cwd });
show('tier', { name: tier.name, tier: tier.tier, layers: tier.layers, rules: tier.rules.length, testsFailed: tier.rules.find((r) => r.id === 'tests-failed')?.source });

writeFileSync(path.join(cwd, 'bad.yaml'), 'schemaVersion: 1\nname: bad\nextends: operatonal\nphases:\n  testing:\n    - id: cov\n      metric: coverage.line\n      operater: ">="\n      threshold: 80\n');
show('policy problems', validatePolicyFiles(['bad.yaml'], { cwd }).map(formatDiagnostic));

writeFileSync(path.join(cwd, 'junit.xml'), '<testsuite name="s" tests="2" failures="1"><testcase name="a"/><testcase name="b"><failure message="boom"/></testcase></testsuite>\n');
const evidence = await collectEvidence({ junit: ['junit.xml'], coverage: [], sarif: [], docs: [], cwd });
show('evidence', { metrics: evidence.metrics, valid: problems(() => assertValidEvidence(JSON.parse(stableJson(evidence)))) });
show('invalid evidence', problems(() => assertValidEvidence({ ...evidence, metrics: { 'tests.total': 'two' } }, 'evidence.json')));

const verdict = evaluateGate({ policy: tier, evidence, phase: 'testing', now: new Date('2026-11-27T00:00:00Z') });
const testsFailed = verdict.rules.find((r) => r.id === 'tests-failed');
show('gate', { status: verdict.status, testsFailed: testsFailed && { status: testsFailed.status, actual: testsFailed.actual }, json: renderVerdict(verdict, 'json', { color: false }) === stableJson(verdict) });
