// Generators of large benchmark inputs, written into a temp dir at bench time (never committed).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Writes the chunks of `gen` to `file`, respecting back-pressure. */
export async function writeInput(file, gen) {
  const out = createWriteStream(file);
  let buf = '';
  for (const chunk of gen) {
    buf += chunk;
    if (buf.length >= 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'close');
}

const WORDS = ['handles', 'rejects', 'parses', 'returns', 'retries', 'caches', 'maps', 'validates', 'renders', 'merges'];
const NOUNS = ['empty input', 'a null id', 'unicode names', 'the last page', 'an expired token', 'nested arrays', 'a slow backend', 'duplicate keys'];

/**
 * A dense JUnit report of about `bytes` bytes, like a large Jest/Vitest or Surefire run:
 * ~9,000 short test cases per MB in suites of 40, 3 % failing with a message and a short
 * stack, 2 % skipped. `stats` receives the counts (cases, failed, skipped).
 */
export function* denseJunit(bytes, stats = {}) {
  stats.cases = 0;
  stats.failed = 0;
  stats.skipped = 0;
  let size = 0;
  const put = (s) => {
    size += s.length;
    return s;
  };
  yield put('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dense">\n');
  for (let s = 0; size < bytes; s++) {
    const cls = `com.acme.m${s % 97}.Feature${s}Test`;
    let body = '';
    let failed = 0;
    let skipped = 0;
    for (let t = 0; t < 40; t++) {
      const i = stats.cases++;
      const name = `${WORDS[i % 10]} ${NOUNS[(i >> 3) % 8]} #${t}`;
      const head = `    <testcase classname="${cls}" name="${name}" time="0.00${i % 10}"`;
      if (i % 33 === 7) {
        failed++;
        body += `${head}>\n      <failure message="expected ${i} to equal ${i + 1}" type="AssertionError">AssertionError: expected ${i} to equal ${i + 1}\n    at Context.&lt;anonymous&gt; (test/m${s % 97}/feature${s}.test.js:${t + 10}:17)\n    at process.processImmediate (node:internal/timers:483:21)</failure>\n    </testcase>\n`;
      } else if (i % 50 === 3) {
        skipped++;
        body += `${head}><skipped/></testcase>\n`;
      } else body += `${head}/>\n`;
    }
    stats.failed += failed;
    stats.skipped += skipped;
    yield put(`  <testsuite name="${cls}" tests="40" failures="${failed}" errors="0" skipped="${skipped}" time="0.8" timestamp="2026-11-27T12:00:00">\n${body}`);
    yield put('  </testsuite>\n');
  }
  yield put('</testsuites>\n');
}

/** A SARIF 2.1.0 log with `n` results from 60 rules (a third of them security rules), 1 % suppressed. */
export function* bigSarif(n) {
  const rules = Array.from({ length: 60 }, (_, i) => ({
    id: `rule/${i}`,
    shortDescription: { text: `Rule ${i}` },
    defaultConfiguration: { level: 'warning' },
    properties: i % 3 === 0 ? { tags: ['security'], 'security-severity': String((i % 10) + 0.5) } : { tags: ['maintainability'] },
  }));
  yield `{"version":"2.1.0","$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[{"tool":{"driver":{"name":"BenchScanner","rules":${JSON.stringify(rules)}}},"results":[\n`;
  for (let i = 0; i < n; i++) {
    const r = {
      ruleId: `rule/${i % 60}`, ruleIndex: i % 60, level: i % 3 === 0 ? 'error' : 'warning',
      message: { text: `Potential issue number ${i}: untrusted data flows from the request parameter into a sensitive sink.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `src/module${i % 400}/file${i % 2000}.ts`, uriBaseId: '%SRCROOT%' }, region: { startLine: (i % 900) + 1, startColumn: 5, endColumn: 40 } } }],
      partialFingerprints: { primaryLocationLineHash: `${i.toString(16).padStart(16, '0')}:1` },
      ...(i % 100 === 0 ? { suppressions: [{ kind: 'inSource' }] } : {}),
    };
    yield (i ? ',\n' : '') + JSON.stringify(r);
  }
  yield '\n]}]}\n';
}
