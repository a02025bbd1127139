/** Test reports: picks the reader by the document's root element and feeds a shared tally. */
import { fileSize, readHead } from '../files.js';
import { byRoot, readXml } from '../xml-stream.js';
import { readGoTestJson } from './gotest.js';
import { junitVisitor } from './junit.js';
import { nunitVisitor } from './nunit.js';
import type { TestTally } from './tally.js';
import { readTap } from './tap.js';
import { trxVisitor } from './trx.js';

export { TestTally } from './tally.js';

const EXPECTED = 'a JUnit <testsuites> or <testsuite> root, TRX <TestRun> or NUnit 3 <test-run>';
const GO_EVENT = /^\{\s*"(Time|Action|Package|Test)"/m;
const TAP_START = /^(TAP version \d+|\d+\.\.\d+|(not )?ok\b|# Subtest:)/i;

/** The test-report format of a root element name, if it is one. */
export function testFormatOf(root: string): 'junit' | 'trx' | 'nunit3' | undefined {
  if (root === 'testsuites' || root === 'testsuite') return 'junit';
  if (root === 'TestRun') return 'trx';
  if (root === 'test-run' || root === 'test-suite') return 'nunit3';
  return undefined;
}

/** Reads one test report into `tally`; returns its format. */
export async function readTestReport(
  file: string,
  shown: string,
  tally: TestTally,
  normalisePath: (p: string) => string,
): Promise<string> {
  const emit = tally.emitter(shown);
  const head = fileSize(file, shown) > 0 ? readHead(file, shown).trimStart() : '<';
  if (GO_EVENT.test(head)) {
    await readGoTestJson(file, shown, emit, normalisePath);
    return 'go-test-json';
  }
  if (TAP_START.test(head)) {
    await readTap(file, shown, emit, normalisePath);
    return 'tap';
  }
  let format = '';
  const visitor = byRoot((root) => {
    format = testFormatOf(root) ?? '';
    if (format === 'junit') return junitVisitor(emit, normalisePath);
    if (format === 'trx') return trxVisitor(emit);
    if (format === 'nunit3') return nunitVisitor(emit);
    return undefined;
  }, EXPECTED);
  await readXml(file, shown, visitor, EXPECTED);
  return format;
}
