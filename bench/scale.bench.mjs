// Dense and huge reports (issue 9): `collect` against a plain streaming scan of the same file in
// the same run, and peak RSS, on a dense JUnit file (~9,000 test cases per MB, 3 % failing with a
// message), a SARIF log with 200,000 results and (with `npm run bench -- huge`) a 1 GB JUnit file.
// Targets: collect ≤ 3× the scan (median wall time of alternating runs), peak RSS < 150 MB.
// The plain streaming scan reads the file through the same decoding (src/evidence/decode.ts) and
// the same tokenizer, doing nothing else: for XML saxes (position tracking off, its fastest)
// counting <testcase> start tags; for SARIF the same chunked JSON walker (json-stream.ts) with
// JSON.parse of each result, counting them. The decode-only figure (count "<testcase" in the
// decoded text) is printed for information. Inputs are generated in a temp dir and removed.
// Usage: npm run build && node bench/scale.bench.mjs [huge]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigSarif, denseJunit, writeInput } from './inputs.mjs';
import { median, report, runNode } from './stats.mjs';

const self = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;

async function child(mode, file) {
  const { readText } = await import('../dist/evidence/decode.js');
  let n = 0;
  if (mode === 'decode') {
    let tail = '';
    for await (const t of readText(file, file, true)) {
      const s = tail + t;
      for (let i = s.indexOf('<testcase'); i >= 0; i = s.indexOf('<testcase', i + 1)) n++;
      tail = s.slice(-8);
    }
  } else if (mode === 'scan-xml') {
    const { createRequire } = await import('node:module');
    const { SaxesParser } = createRequire(import.meta.url)('saxes');
    const parser = new SaxesParser({ xmlns: false, position: false });
    parser.on('opentag', (tag) => {
      if (tag.name === 'testcase') n++;
    });
    for await (const t of readText(file, file, true)) parser.write(t);
    parser.close();
  } else if (mode === 'scan-json') {
    const { JsonStream } = await import('../dist/evidence/json-stream.js');
    const s = new JsonStream(file, file);
    for await (const key of s.entries()) {
      if (key !== 'runs') { await s.skip(); continue; }
      for await (const _run of s.entries()) {
        for await (const k of s.entries()) {
          if (k !== 'results') { await s.skip(); continue; }
          for await (const _r of s.entries()) if (JSON.parse(await s.text())) n++;
        }
      }
    }
  } else if (mode === 'read-sarif') {
    const { FindingSet } = await import('../dist/evidence/sarif/index.js');
    const { PathResolver } = await import('../dist/evidence/paths.js');
    const findings = new FindingSet(new PathResolver(path.dirname(file), path.dirname(file)), undefined);
    await findings.read(file, path.basename(file));
    findings.metrics();
    n = findings.items.size;
  } else {
    const { collectEvidence } = await import('../dist/evidence/index.js');
    const kind = mode.slice('collect-'.length);
    const bundle = await collectEvidence({ cwd: path.dirname(file), junit: [], coverage: [], sarif: [], docs: [], [kind]: [path.basename(file)] });
    n = bundle.items.length;
  }
  process.stdout.write(JSON.stringify({ n, rssMB: process.resourceUsage().maxRSS / 1024 }));
}

/** Alternates scan and collect `runs` times; prints the figures and checks the targets. */
function measure(label, file, scanMode, collectMode, runs) {
  const size = statSync(file).size / MB;
  const scans = [], collects = [];
  let failure;
  for (let i = 0; i < runs; i++) {
    scans.push(runNode([self, '--child', scanMode, file]));
    try {
      collects.push(runNode([self, '--child', collectMode, file]));
    } catch (err) {
      failure = `${err.message.split('\n').find((l) => /Error|error/.test(l)) ?? err.message.slice(0, 300)} (after ${(err.ms / 1000).toFixed(1)} s, peak RSS ${err.rssMB?.toFixed(0)} MB)`;
      break;
    }
  }
  const scanMs = median(scans.map((r) => r.ms));
  console.log(`${label}: ${size.toFixed(0)} MB; plain streaming scan median ${scanMs.toFixed(0)} ms (${(size / (scanMs / 1000)).toFixed(0)} MB/s), peak RSS ${Math.max(...scans.map((r) => r.rssMB)).toFixed(0)} MB`);
  if (failure) {
    console.log(`FAIL ${label}: collect failed: ${failure}`);
    return false;
  }
  const ms = median(collects.map((r) => r.ms));
  const cpu = collects[0].cpuMs === undefined ? '' : `, CPU ${(median(collects.map((r) => r.cpuMs)) / 1000).toFixed(2)} s vs scan ${(median(scans.map((r) => r.cpuMs)) / 1000).toFixed(2)} s`;
  console.log(`  collect: median ${ms.toFixed(0)} ms of ${runs} (${(size / (ms / 1000)).toFixed(0)} MB/s)${cpu}, ${JSON.parse(collects[0].stdout).n} items`);
  const rss = Math.max(...collects.map((r) => r.rssMB ?? JSON.parse(r.stdout).rssMB));
  const a = report(`${label}: collect / plain streaming scan`, ms / scanMs, '×', 3, 'lower');
  const b = report(`${label}: collect peak RSS (worst run)`, rss, 'MB', 150, 'lower');
  return a && b;
}

async function main() {
  const huge = process.argv.includes('huge');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-scale-'));
  let ok = true;
  try {
    const inputs = huge
      ? [['JUnit 1 GB', 'huge.xml', (st) => denseJunit(1024 * MB, st), 'scan-xml', 'collect-junit', 1]]
      : [
          ['JUnit dense 100 MB', 'dense.xml', (st) => denseJunit(100 * MB, st), 'scan-xml', 'collect-junit', 3],
          ['SARIF 200,000 results', 'big.sarif', () => bigSarif(200_000), 'scan-json', 'collect-sarif', 3, 'read-sarif'],
        ];
    for (const [label, name, gen, scanMode, collectMode, runs, readerMode] of inputs) {
      const file = path.join(dir, name);
      const st = {};
      await writeInput(file, gen(st));
      if (st.cases) console.log(`${label}: ${st.cases.toLocaleString('en')} test cases (${Math.round(st.cases / (statSync(file).size / MB)).toLocaleString('en')} per MB), ${st.failed.toLocaleString('en')} failed`);
      if (scanMode === 'scan-xml') {
        const d = runNode([self, '--child', 'decode', file]);
        console.log(`  (decode-only scan, for information: ${d.ms.toFixed(0)} ms)`);
      }
      ok = measure(label, file, scanMode, collectMode, runs) && ok;
      // The reader alone (its findings kept, no bundle): what streaming does, whatever collect adds.
      if (readerMode) measure(`${label}, reader only (FindingSet.read)`, file, scanMode, readerMode, runs);
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
}

const i = process.argv.indexOf('--child');
if (i > 0) await child(process.argv[i + 1], process.argv[i + 2]);
else await main();
