// Evidence readers: throughput (MB/s) and peak RSS on generated inputs — a 100 MB JUnit file
// with 200,000 test cases (some with large system-out), a 50 MB SARIF log, a 20 MB LCOV file.
// Targets (2-core machine): JUnit >= 100 MB/s with peak RSS < 150 MB; SARIF and LCOV >= 50 MB/s.
// Each input is read in a child process so that every peak RSS is its own.
// Usage: npm run build && node bench/evidence.bench.mjs
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.mjs';

const self = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;

async function writeLines(file, gen) {
  const out = createWriteStream(file);
  for (const chunk of gen()) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
}

function* junit() {
  const log = 'INFO 2026-11-27 12:00:00 service started; handling request id=42 with payload {"a":1,"b":[1,2,3]}\n';
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n';
  for (let s = 0; s < 2000; s++) {
    yield `  <testsuite name="com.acme.bench.Suite${s}" tests="100" failures="1" errors="0" skipped="1" time="1.5">\n    <properties><property name="java.version" value="21"/></properties>\n`;
    for (let t = 0; t < 100; t++) {
      const head = `    <testcase classname="com.acme.bench.Suite${s}" name="shouldHandleCase${t}WithAFairlyDescriptiveName" time="0.0${t}"`;
      if (t === 13) yield `${head}>\n      <failure message="expected:&lt;1&gt; but was:&lt;2&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: &lt;1&gt; but was: &lt;2&gt;\n\tat com.acme.bench.Suite${s}.shouldHandleCase13(Suite${s}.java:42)\n</failure>\n    </testcase>\n`;
      else if (t === 14) yield `${head}>\n      <skipped message="disabled"/>\n    </testcase>\n`;
      else if (t % 25 === 0) yield `${head}>\n      <system-out><![CDATA[${log.repeat(101)}]]></system-out>\n    </testcase>\n`;
      else yield `${head}/>\n`;
    }
    yield `    <system-out>${log.repeat(2)}</system-out>\n  </testsuite>\n`;
  }
  yield '</testsuites>\n';
}

function* sarif() {
  const rules = Array.from({ length: 50 }, (_, i) => ({ id: `rule/${i}`, shortDescription: { text: `Rule ${i}` }, defaultConfiguration: { level: 'warning' }, properties: { 'security-severity': String((i % 10) + 0.5) } }));
  yield `{"version":"2.1.0","$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[{"tool":{"driver":{"name":"BenchScanner","rules":${JSON.stringify(rules)}}},"results":[\n`;
  for (let i = 0; i < 120_000; i++) {
    const r = {
      ruleId: `rule/${i % 50}`, ruleIndex: i % 50, level: i % 3 === 0 ? 'error' : 'warning',
      message: { text: `Potential issue number ${i}: untrusted data flows from the request parameter into a sensitive sink without sanitisation.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `src/module${i % 400}/file${i % 2000}.ts`, uriBaseId: '%SRCROOT%' }, region: { startLine: (i % 900) + 1, startColumn: 5, endColumn: 40 } } }],
      partialFingerprints: { primaryLocationLineHash: `${i.toString(16).padStart(16, '0')}:1` },
      ...(i % 100 === 0 ? { suppressions: [{ kind: 'inSource' }] } : {}),
    };
    yield (i ? ',\n' : '') + JSON.stringify(r);
  }
  yield '\n]}]}\n';
}

function* lcov() {
  for (let f = 0; f < 2000; f++) {
    let rec = `TN:\nSF:src/module${f % 400}/file${f}.ts\nFN:1,main\nFNDA:1,main\nFNF:1\nFNH:1\n`;
    for (let l = 1; l <= 1000; l++) rec += `DA:${l},${l % 7 === 0 ? 0 : l % 13}\n`;
    for (let l = 10; l <= 1000; l += 20) rec += `BRDA:${l},0,0,${l % 3}\nBRDA:${l},0,1,-\n`;
    yield `${rec}LF:1000\nLH:857\nBRF:100\nBRH:34\nend_of_record\n`;
  }
}

async function child(kind, dir, file) {
  const { collectEvidence } = await import('../dist/evidence/index.js');
  const opts = { cwd: dir, junit: [], coverage: [], sarif: [], docs: [] };
  opts[kind === 'lcov' ? 'coverage' : kind].push(path.basename(file));
  const t0 = process.hrtime.bigint();
  const bundle = await collectEvidence(opts);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, rssMB, metrics: Object.keys(bundle.metrics).length, items: bundle.items.length }));
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-bench-'));
  let ok = true;
  try {
    const inputs = [
      ['junit', 'junit.xml', junit, 100, 150],
      ['sarif', 'scan.sarif', sarif, 50, undefined],
      ['lcov', 'lcov.info', lcov, 50, undefined],
    ];
    for (const [kind, name, gen, mbps, rssTarget] of inputs) {
      const file = path.join(dir, name);
      await writeLines(file, gen);
      const size = statSync(file).size / MB;
      const runs = [];
      for (let i = 0; i < 5; i++) {
        const r = spawnSync(process.execPath, [self, '--child', kind, dir, file], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`${kind} child failed: ${r.stderr}`);
        runs.push(JSON.parse(r.stdout));
      }
      // Median of five runs (the machine is shared and noisy); peak RSS is the worst run's.
      const ms = median(runs.map((r) => r.ms));
      const peak = Math.max(...runs.map((r) => r.rssMB));
      console.log(`${kind}: ${size.toFixed(1)} MB, median of 5 runs ${ms.toFixed(0)} ms, ${runs[0].items} items`);
      ok = report(`${kind} throughput`, size / (ms / 1000), 'MB/s', mbps, 'higher') && ok;
      if (rssTarget) ok = report(`${kind} peak RSS`, peak, 'MB', rssTarget, 'lower') && ok;
      else console.log(`${kind} peak RSS: ${peak.toFixed(1)} MB`);
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
}

const i = process.argv.indexOf('--child');
if (i > 0 && process.argv[1] === self) await child(process.argv[i + 1], process.argv[i + 2], process.argv[i + 3]);
else await main();
