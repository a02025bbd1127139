// Gate engine and CLI start-up benchmarks (issue: 1,000 rules < 10 ms; --version < 150 ms).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateGate } from '../dist/gate/engine.js';
import { METRICS } from '../dist/catalog/metrics.js';
import { median, report, timeRuns } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const names = METRICS.map((m) => m.name).filter((n) => !n.includes('<'));
const source = { file: 'policies/bench.yaml', line: 1, col: 1, layer: 'project' };
const common = { phase: 'testing', severity: 'fail', scope: 'overall', onMissing: 'fail', locked: false, waivable: true, source, layers: ['project'] };
const ops = ['>=', '>', '<=', '<', '==', '!='];
const rules = [];
for (let i = 0; i < 1000; i++) {
  if (i % 10 === 7) rules.push({ ...common, id: `doc-${i}`, kind: 'document', docKind: 'requirements', paths: ['docs/req/**'], signoff: ['product-manager'], newerThan: [] });
  else if (i % 10 === 8) rules.push({ ...common, id: `rev-${i}`, kind: 'approval', minApprovals: 2, roles: ['code-owner'], teams: [] });
  else rules.push({ ...common, id: `m-${i}`, kind: 'metric', metric: names[i % names.length], operator: ops[i % ops.length], threshold: i % 100 });
}
const waivers = rules.filter((_, i) => i % 25 === 0).map((r) => ({ rule: r.id, reason: 'bench', owner: 'o', approvers: ['a'], expires: '2027-01-01', source }));
const policy = { name: 'bench', tier: 'strategic', layers: [], rules, waivers, settings: { waiverWarningDays: 14 } };
const items = Array.from({ length: 2000 }, (_, i) => ({ id: `f-${i}`, kind: 'finding', title: 't', level: 'high', counts: ['security.high'] }));
const documents = Array.from({ length: 50 }, (_, i) => ({ kind: 'requirements', path: `docs/req/r${i}.md`, updated: '2026-09-01', signoffs: [{ by: 'x', role: 'product-manager', date: '2026-09-02' }] }));
const evidence = {
  schemaVersion: 1,
  metrics: Object.fromEntries(names.map((n, i) => [n, i * 3])),
  items,
  documents,
  sources: [{ kind: 'docs', path: 'docs' }],
  facts: { author: 'me', approvals: [{ by: 'a', roles: ['code-owner'], teams: [] }, { by: 'b', roles: [], teams: [] }] },
};
const now = new Date('2026-11-27T00:00:00Z');
const times = timeRuns(() => evaluateGate({ policy, evidence, phase: 'testing', now }), 30, 5);
report('gate: 1,000 rules, full evidence bundle, median of 30', median(times), 'ms', 10);

const cold = [];
for (let i = 0; i < 15; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/phasegate.js'), '--version']);
  cold.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (r.status !== 0) throw new Error(`phasegate --version exited ${r.status}`);
}
const bare = [];
for (let i = 0; i < 15; i++) {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
report('phasegate --version cold start, median of 15', median(cold), 'ms', 150);
console.log(`  (bare node start on this machine: median ${median(bare).toFixed(1)} ms; ratio ${(median(cold) / median(bare)).toFixed(2)}x)`);
