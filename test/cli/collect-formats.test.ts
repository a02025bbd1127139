/** `phasegate collect` on the JSON and XML test-report formats of issue 9, through the built CLI. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, expectNoStack, tempDir } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'test', 'fixtures', 'evidence', 'tests');

describe('phasegate collect: more test-report formats', () => {
  it('a JSON report of an unknown shape: exit 2, one line naming the file and the supported formats', () => {
    const dir = tempDir({ 'report.json': '{"results": [], "passed": 3}' });
    const r = cli(['collect', '--junit', 'report.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'phasegate: report.json: unsupported format JSON (an object with keys "results", "passed"); supported: JUnit XML, TRX, NUnit 2/3 XML, xUnit.net v1/v2 XML, TAP, go test -json, Dart/Flutter JSON, Jest/Vitest JSON, Mocha JSON, CTRF JSON, RSpec JSON\n',
    );
    expectNoStack(r.stderr);
  });

  it('a truncated Jest report: exit 2, a located syntax error', () => {
    const dir = tempDir({ 'jest.json': readFileSync(path.join(FIX, 'jest.json'), 'utf8').slice(0, 900) });
    const r = cli(['collect', '--junit', 'jest.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^phasegate: jest\.json:1:\d+: invalid JSON: .+\n$/);
    expectNoStack(r.stderr);
  });

  it('Jest, Mocha, RSpec, Dart, NUnit 2 and xUnit.net reports together, each named with its format', () => {
    const files = ['jest.json', 'mocha.json', 'rspec.json', 'dart.json', 'nunit2.xml', 'xunit-v2.xml'];
    const dir = tempDir(Object.fromEntries(files.map((f) => [f, readFileSync(path.join(FIX, f))])));
    const r = cli(['collect', ...files.flatMap((f) => ['--junit', f]), '--out', 'e.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^collected \d+ metrics, 17 items, 0 documents into e\.json\n$/);
    const bundle = JSON.parse(readFileSync(path.join(dir, 'e.json'), 'utf8'));
    expect(bundle.sources.map((s: { path: string; format: string }) => [s.path, s.format])).toEqual([
      ['dart.json', 'dart-json'], ['jest.json', 'jest-json'], ['mocha.json', 'mocha-json'], ['nunit2.xml', 'nunit2'], ['rspec.json', 'rspec-json'], ['xunit-v2.xml', 'xunit'],
    ]);
    // runs: jest 7, mocha 7, rspec 5, dart 4, nunit2 8, xunit 5
    expect(bundle.metrics['tests.runs']).toBe(36);
    expect(bundle.metrics['tests.failed'] + bundle.metrics['tests.errored']).toBe(15);
  });
});
