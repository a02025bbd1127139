/** Test reports: picks the reader by the file's content (never its name) and feeds a shared tally. */
import { fileSize, readHead } from '../files.js';
import { byRoot, readXml } from '../xml-stream.js';
import { unsupported } from './json-report.js';
import { junitVisitor } from './junit.js';
import { nunitVisitor } from './nunit.js';
import { nunit2Visitor } from './nunit2.js';
import type { TestTally } from './tally.js';
import { trxVisitor } from './trx.js';
import { xunitVisitor } from './xunit.js';

export { TestTally } from './tally.js';

const EXPECTED =
  'a JUnit <testsuites> or <testsuite> root, TRX <TestRun>, NUnit 3 <test-run> or <test-suite>, NUnit 2 <test-results>, xUnit.net <assemblies> or <assembly>';
/** The first event of `dart test --reporter json` (kept here so dart.js loads only for Dart files). */
export const DART_START = /^\{(?=[^\n]*"protocolVersion"\s*:)(?=[^\n]*"type"\s*:\s*"start")/m;
const GO_EVENT = /^\{\s*"(Time|Action|Package|Test)"/m;
const TAP_START = /^(TAP version \d+|\d+\.\.\d+|(not )?ok\b|# Subtest:)/i;

/** XML roots of reports phasegate recognises but does not read from --junit: root → what to say. */
const UNSUPPORTED_ROOTS: Record<string, string> = {
  'testng-results': 'TestNG XML (read the JUnit reports TestNG writes to junitreports/)',
  Catch: 'Catch2 XML (run with --reporter junit)',
  Catch2TestRun: 'Catch2 XML (run with --reporter junit)',
  TestLog: 'Boost.Test XML (run with --log_format=JUNIT)',
  testResults: 'JMeter JTL XML (a performance result, not a test report)',
  Site: 'CTest XML (run ctest --output-junit)',
  'unittest-results': 'MSTest/unittest-results XML',
  coverage: 'Cobertura coverage XML (read it with --coverage)',
  report: 'JaCoCo coverage XML (read it with --coverage)',
  checkstyle: 'Checkstyle XML',
};

/** The test-report format of a root element name, if it is one. */
export function testFormatOf(root: string): 'junit' | 'trx' | 'nunit3' | 'nunit2' | 'xunit' | undefined {
  if (root === 'testsuites' || root === 'testsuite') return 'junit';
  if (root === 'TestRun') return 'trx';
  if (root === 'test-run' || root === 'test-suite') return 'nunit3';
  if (root === 'test-results') return 'nunit2';
  if (root === 'assemblies' || root === 'assembly') return 'xunit';
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
  // Line-based and JSON readers are imported when their format is seen: collect starts fast.
  if (DART_START.test(head)) {
    await (await import('./dart.js')).readDartJson(file, shown, emit, normalisePath);
    return 'dart-json';
  }
  if (GO_EVENT.test(head)) {
    await (await import('./gotest.js')).readGoTestJson(file, shown, emit, normalisePath);
    return 'go-test-json';
  }
  if (TAP_START.test(head)) {
    await (await import('./tap.js')).readTap(file, shown, emit, normalisePath);
    return 'tap';
  }
  if (head.startsWith('{') || head.startsWith('[')) return (await import('./json-detect.js')).readJsonTestReport(file, shown, emit, normalisePath);
  let format = '';
  const visitor = byRoot((root) => {
    format = testFormatOf(root) ?? '';
    if (format === 'junit') return junitVisitor(emit, normalisePath);
    if (format === 'trx') return trxVisitor(emit);
    if (format === 'nunit3') return nunitVisitor(emit);
    if (format === 'nunit2') return nunit2Visitor(emit);
    if (format === 'xunit') return xunitVisitor(emit);
    const known = UNSUPPORTED_ROOTS[root];
    if (known) throw unsupported(shown, known);
    return undefined;
  }, EXPECTED);
  await readXml(file, shown, visitor, EXPECTED);
  return format;
}
