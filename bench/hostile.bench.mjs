// Issue 10's hostile reproducers through the built CLI, each run as a separate process the way a
// pipeline step runs it: every case must end with its expected exit code, without a stack trace,
// in under 2 s (the median of 3 runs, wall time including Node's start) and under 300 MB peak RSS.
// Before issue 10 these took 21–67 s, never finished, or grew past 2 GB.
// Usage: npm run build && node bench/hostile.bench.mjs [NAME-FILTER]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runNode } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/phasegate.js');
const filter = process.argv[2] ?? '';
const RUNS = 3;
const LIMIT_MS = 2000;
const LIMIT_MB = 300;

const policy = (body, name = 'p') => `schemaVersion: 1\nname: ${name}\n${body}`;
const RELEASE_POLICY = readFileSync(path.join(root, 'test/fixtures/release/latency-policy.yaml'), 'utf8');
const RUN = ['record', 'run', '--store', 'file:h', '--project', 'a', '--pipeline', 'ci', '--build', '1', '--commit', 'c', '--branch', 'main'];
const EVALUATE = ['release', 'evaluate', '--project', 'p', '--rollout', 'v2', '--store', 'file:h', '--policy', 'r.yaml', '--step', '0',
  '--samples', 's.json', '--started-at', '2024-03-01T00:00:00Z', '--window', '60m'];
const now = (minute) => ['--now', `2024-03-01T00:${String(minute).padStart(2, '0')}:00Z`];

/** Canary and baseline latency samples, `n` each, two seconds apart (a valid file of any size). */
function samples(n) {
  const variant = (base) => Array.from({ length: n }, (_, i) => `{"t":${1709251200 + i * 2},"v":${(base + (i % 50) / 1000).toFixed(3)}}`).join(',');
  return `{"canary":[${variant(0.2)}],"baseline":[${variant(0.2)}]}`;
}

function junitFailures(n) {
  const cases = Array.from({ length: n }, (_, i) => `<testcase classname="c${i % 100}" name="t${i}"><failure message="boom ${i}">x</failure></testcase>`);
  return `<?xml version="1.0"?>\n<testsuite name="s" tests="${n}" failures="${n}">\n${cases.join('\n')}\n</testsuite>\n`;
}

function sarifFindings(n) {
  const results = Array.from({ length: n }, (_, i) => `{"ruleId":"r${i % 50}","level":"error","message":{"text":"m${i}"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/f${i % 500}.js"},"region":{"startLine":${1 + (i % 900)}}}}]}`);
  return `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"eslint","rules":[]}},"results":[${results.join(',')}]}]}`;
}

const aliasBomb = (head) => {
  const lines = [head, 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
};

/**
 * The cases: [name, setup(dir), args, expected exit code]. Setup writes the hostile input once;
 * the runs that are timed only read it (a case that writes, like release evaluate, sets its
 * store up again before each run).
 */
const CASES = [
  ['policy extends /etc/shadow', (d) => writeFileSync(path.join(d, 'p.yaml'), policy('extends: /etc/shadow\n')), ['policy', 'validate', 'p.yaml'], 2],
  ['policy extends /dev/zero', (d) => writeFileSync(path.join(d, 'p.yaml'), policy('extends: /dev/zero\n')), ['policy', 'validate', 'p.yaml'], 2],
  ['policy extends a FIFO', (d) => {
    writeFileSync(path.join(d, 'p.yaml'), policy('extends: pipe.yaml\n'));
    execFileSync('mkfifo', [path.join(d, 'pipe.yaml')]);
  }, ['policy', 'validate', 'p.yaml'], 2],
  ['policy extends chain 20,000 deep', (d) => {
    for (let i = 0; i < 20_000; i++) writeFileSync(path.join(d, `f${i}.yaml`), policy(`extends: f${i + 1}.yaml\n`, `f${i}`));
  }, ['policy', 'validate', 'f0.yaml'], 2],
  ['policy YAML alias bomb', (d) => writeFileSync(path.join(d, 'p.yaml'), aliasBomb(policy(''))), ['policy', 'validate', 'p.yaml'], 2],
  ['policy nested 50,000 deep', (d) => writeFileSync(path.join(d, 'p.yaml'), policy(`x: ${'['.repeat(50_000)}\n`)), ['policy', 'validate', 'p.yaml'], 2],
  ['TAP `ok # ` + 100k spaces', (d) => writeFileSync(path.join(d, 't.tap'), `TAP version 13\n1..1\nok # ${' '.repeat(100_000)}\n`), ['collect', '--junit', 't.tap'], 0],
  ['TAP plan 1..5, one ok (gate fails)', (d) => {
    writeFileSync(path.join(d, 't.tap'), 'TAP version 13\n1..5\nok 1 - a\n');
    writeFileSync(path.join(d, 'e.json'), execFileSync(process.execPath, [cli, 'collect', '--junit', 't.tap'], { cwd: d }));
  }, ['gate', '--phase', 'testing', '--tier', 'operational', '--evidence', 'e.json'], 1],
  ['requirement line of 100k `*`', (d) => writeFileSync(path.join(d, 'req.md'), `# Requirements\n\n${'*'.repeat(100_000)}\n`), ['collect', '--docs', 'requirements=req.md'], 0],
  ['LCOV SF: of 300k `../`', (d) => writeFileSync(path.join(d, 'l.info'), `SF:${'../'.repeat(300_000)}a.ts\nDA:1,1\nend_of_record\n`), ['collect', '--coverage', 'l.info'], 0],
  ['LCOV cut after `DA:2,`', (d) => writeFileSync(path.join(d, 'l.info'), 'SF:a.ts\nDA:1,1\nDA:2,'), ['collect', '--coverage', 'l.info'], 2],
  ['SARIF uri of 300k `../`', (d) => writeFileSync(path.join(d, 's.sarif'), sarifFindings(1).replace('src/f0.js', `${'../'.repeat(300_000)}a.js`)), ['collect', '--sarif', 's.sarif'], 0],
  ['JUnit 130k failed tests (RangeError past ~125k)', (d) => writeFileSync(path.join(d, 'j.xml'), junitFailures(130_000)), ['collect', '--junit', 'j.xml'], 0],
  ['SARIF 130k findings (RangeError past ~125k)', (d) => writeFileSync(path.join(d, 's.sarif'), sarifFindings(130_000)), ['collect', '--sarif', 's.sarif'], 0],
  ['go test -json field of the wrong type', (d) => writeFileSync(path.join(d, 'go.json'), '{"Action":"run","Package":"p","Test":"T"}\n{"Action":"pass","Package":"p","Test":[],"Elapsed":"x"}\n'), ['collect', '--junit', 'go.json'], 2],
  ['SARIF nested 200k `[`, invalid', (d) => writeFileSync(path.join(d, 's.sarif'), `{"version":"2.1.0","runs":${'['.repeat(200_000)}x`), ['collect', '--sarif', 's.sarif'], 2],
  ['front matter alias bomb', (d) => writeFileSync(path.join(d, 'req.md'), `---\n${aliasBomb('signoff: []')}---\n# R\n`), ['collect', '--docs', 'requirements=req.md'], 2],
  ['document in UTF-16', (d) => writeFileSync(path.join(d, 'req.md'), Buffer.from('# Requirements\n## REQ-1 x\n', 'utf16le')), ['collect', '--docs', 'requirements=req.md'], 2],
  ['--plan on a FIFO', (d) => execFileSync('mkfifo', [path.join(d, 'pipe')]), ['metrics', '--store', 'file:h', '--project', 'a', '--plan', 'pipe'], 2],
  ['--defects on /dev/zero', () => {}, ['metrics', '--store', 'file:h', '--project', 'a', '--defects', '/dev/zero'], 2],
  ['--verdict on /dev/zero', () => {}, [...RUN, '--verdict', '/dev/zero'], 2],
  ['--samples on a FIFO', (d) => {
    writeFileSync(path.join(d, 'r.yaml'), RELEASE_POLICY);
    execFileSync('mkfifo', [path.join(d, 's.json')]);
  }, [...EVALUATE, ...now(40)], 2],
  ['metrics --store file:/proc/nope', () => {}, ['metrics', '--store', 'file:/proc/nope', '--project', 'a'], 2],
  ['--out under a file', (d) => {
    writeFileSync(path.join(d, 'plain'), 'x');
    writeFileSync(path.join(d, 'l.info'), 'SF:a.ts\nDA:1,1\nend_of_record\n');
  }, ['collect', '--coverage', 'l.info', '--out', 'plain/out.json'], 2],
  ['--time 2026-02-30T00:00:00Z', () => {}, [...RUN, '--time', '2026-02-30T00:00:00Z'], 2],
  ['17 MB JSON samples file', (d) => {
    writeFileSync(path.join(d, 'r.yaml'), RELEASE_POLICY);
    writeFileSync(path.join(d, 's.json'), samples(315_000)); // 17.0 MB
  }, [...EVALUATE, ...now(40)], 0, (d) => rmSync(path.join(d, 'h'), { recursive: true, force: true })],
  ['release evaluate on an edited history', (d) => {
    writeFileSync(path.join(d, 'r.yaml'), RELEASE_POLICY);
    writeFileSync(path.join(d, 's.json'), samples(20));
    execFileSync(process.execPath, [cli, ...EVALUATE, ...now(40)], { cwd: d });
    const file = path.join(d, 'h', readdirSync(path.join(d, 'h')).find((f) => f.endsWith('.ndjson')));
    writeFileSync(file, readFileSync(file, 'utf8').replace('"decision":"promote"', '"decision":"rollback"'));
  }, [...EVALUATE, ...now(50)], 2],
  ['release verify on a torn store', (d) => {
    writeFileSync(path.join(d, 'r.yaml'), RELEASE_POLICY);
    writeFileSync(path.join(d, 's.json'), samples(20));
    execFileSync(process.execPath, [cli, ...EVALUATE, ...now(40)], { cwd: d });
    const file = path.join(d, 'h', readdirSync(path.join(d, 'h')).find((f) => f.endsWith('.ndjson')));
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"schemaVersion":1,"id":"torn`);
  }, ['release', 'verify', '--project', 'p', '--store', 'file:h'], 1],
];

const STACK = /\n\s+at .+:\d+:\d+/;
const base = mkdtempSync(path.join(os.tmpdir(), 'phasegate-hostile-'));
let failed = 0;
try {
  const env = { ...process.env, PHASEGATE_RECORD_KEY: '', PHASEGATE_RECORD_KEY_FILE: '', PHASEGATE_STORE: '' };
  for (const k of ['PHASEGATE_RECORD_KEY', 'PHASEGATE_RECORD_KEY_FILE', 'PHASEGATE_STORE']) delete env[k];
  const node = runNode([cli, '--version']).ms;
  console.log(`${'case'.padEnd(51)} exit  median ms  max MB   (limits: ${LIMIT_MS} ms, ${LIMIT_MB} MB, ${RUNS} runs; \`phasegate --version\` takes ${node.toFixed(0)} ms)`);
  const figures = [];
  for (const [name, setup, args, expected, before] of CASES.filter(([n]) => n.includes(filter))) {
    const dir = path.join(base, String(figures.length));
    mkdirSync(dir);
    setup(dir);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      before?.(dir);
      runs.push(runNode([cli, ...args], { cwd: dir, env, anyStatus: true, timeout: 30_000 }));
    }
    const ms = median(runs.map((r) => r.ms));
    const mb = Math.max(...runs.map((r) => r.rssMB ?? 0));
    const bad = runs.find((r) => r.status !== expected || STACK.test(r.stderr) || (expected === 2 && r.stderr.trim().split('\n').length !== 1));
    const ok = !bad && ms < LIMIT_MS && mb < LIMIT_MB;
    if (!ok) failed += 1;
    figures.push(ms);
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name.padEnd(46)} ${String(runs[0].status ?? runs[0].signal).padStart(4)} ${ms.toFixed(0).padStart(10)} ${mb.toFixed(0).padStart(8)}`);
    if (bad) console.log(`     expected exit ${expected}, one line, no stack; got ${bad.status ?? bad.signal}: ${bad.stderr.trim().slice(0, 300)}`);
  }
  console.log(`${failed ? 'FAIL' : 'PASS'} ${figures.length - failed} of ${figures.length} hostile cases within ${LIMIT_MS} ms and ${LIMIT_MB} MB; slowest median ${Math.max(...figures).toFixed(0)} ms`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
