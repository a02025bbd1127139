/**
 * Which JSON test report a file is, told by its top-level keys: Jest/Vitest, Mocha, CTRF or
 * RSpec are read; other JSON phasegate recognises (SARIF, Allure, Playwright, Cucumber, k6,
 * an evidence bundle) and JSON of an unknown shape are "unsupported format" errors.
 */
import { readHead } from '../files.js';
import { readCtrfJson } from './ctrf.js';
import { readJestJson } from './jest.js';
import { type JsonReport, openJsonReport, unsupported, withSyntaxErrors } from './json-report.js';
import { readMochaJson } from './mocha.js';
import { readRspecJson } from './rspec.js';
import type { TestRun } from './tally.js';

const WHAT = 'JSON test report';
const NAMES: Record<string, string> = { 'ctrf-json': 'CTRF report', 'jest-json': 'Jest/Vitest JSON report', 'mocha-json': 'Mocha JSON report', 'rspec-json': 'RSpec JSON report' };

type Reader = (report: JsonReport, emit: (run: TestRun) => void, normalisePath: (p: string) => string) => void;

/** Known JSON shapes, first match wins: [format, test on the top-level keys, reader or why not]. */
const SHAPES: [string, (has: (k: string) => boolean, r: JsonReport) => boolean, Reader | string][] = [
  ['ctrf-json', (has, r) => has('results') && (has('reportFormat') ? r.member('reportFormat') === 'CTRF' : isCtrfResults(r)), readCtrfJson],
  ['jest-json', (has) => has('testResults') && (has('numTotalTests') || has('numFailedTests')), readJestJson],
  ['mocha-json', (has) => has('stats') && has('tests'), readMochaJson],
  ['rspec-json', (has) => has('examples') && (has('summary') || has('version')), readRspecJson],
  ['sarif', (has) => has('runs') && has('version'), 'SARIF (read it with --sarif)'],
  ['evidence', (has) => has('schemaVersion') && has('metrics'), 'phasegate evidence bundle (pass it to gate --evidence)'],
  ['playwright', (has) => has('config') && has('suites'), 'Playwright JSON (use its junit reporter)'],
  ['allure', (has) => has('uuid') && (has('historyId') || has('steps')), 'Allure result JSON (have the runner write JUnit XML)'],
  ['k6', (has) => has('metrics') && has('root_group'), 'k6 summary JSON (a performance result, not a test report)'],
];

/** Reads a JSON test report (one JSON document) into `emit`; returns its format. */
export function readJsonTestReport(file: string, shown: string, emit: (run: TestRun) => void, normalisePath: (p: string) => string): string {
  if (readHead(file, shown, 64).trimStart().startsWith('[')) throw unsupported(shown, arrayKind(file, shown));
  const report = openJsonReport(file, shown, WHAT);
  const has = (k: string): boolean => report.top.has(k);
  const shape = SHAPES.find(([, test]) => withSyntaxErrors(report.text, shown, () => test(has, report)));
  if (!shape) throw unsupported(shown, `JSON (an object with ${describeKeys([...report.top.keys()])})`);
  const [format, , reader] = shape;
  if (typeof reader === 'string') throw unsupported(shown, reader);
  report.what = NAMES[format] ?? WHAT;
  withSyntaxErrors(report.text, shown, () => reader(report, emit, normalisePath));
  // Vitest writes Jest's shape without Jest's run bookkeeping.
  if (format === 'jest-json' && !has('openHandles') && !has('wasInterrupted')) return 'vitest-json';
  return format;
}

/** CTRF before `reportFormat` was required: `results` with `tool` and `tests`. */
function isCtrfResults(r: JsonReport): boolean {
  const results = r.top.get('results')!;
  if (r.text[results.start] !== '{') return false;
  const inner = r.members(results);
  return inner.has('tool') && inner.has('tests');
}

function arrayKind(file: string, shown: string): string {
  const head = readHead(file, shown, 4096);
  if (/"keyword"\s*:/.test(head) && /"elements"\s*:/.test(head)) return 'Cucumber JSON';
  return 'JSON (an array)';
}

function describeKeys(keys: string[]): string {
  if (keys.length === 0) return 'no keys';
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 40))).join(', ');
  return `key${keys.length > 1 ? 's' : ''} ${shown}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}`;
}
