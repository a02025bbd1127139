import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../../../src/cli/package-info.js';
import { renderVerdict } from '../../../src/gate/render/index.js';
import { artifactUri } from '../../../src/gate/render/sarif.js';
import { hostileVerdict, mixedVerdict, passingVerdict } from './verdicts.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;

/** The official SARIF 2.1.0 schema (see fixtures/README.md), compiled once. */
const validateSarif = (() => {
  const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  // draft-04 → draft-07: the only draft-04-only keyword this schema uses is `id`.
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id as string });
})();

interface Loc {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; informationUri: string; version: string; rules: { id: string; shortDescription: { text: string }; fullDescription?: { text: string }; help?: { text: string }; defaultConfiguration: { level: string } }[] } };
    automationDetails: { id: string };
    properties: { summary: Record<string, number> };
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Loc[]; suppressions?: { kind: string; status: string; justification: string; location: Loc }[] }[];
  }[];
}

const sarif = (v = mixedVerdict(), toolVersion: string | undefined = '1.2.3'): SarifLog => JSON.parse(renderVerdict(v, 'sarif', { color: false, toolVersion })) as SarifLog;
const where = (l: Loc): string => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}:${l.physicalLocation.region.startColumn}`;

describe('sarif format', () => {
  it.each([
    ['a failing gate', mixedVerdict()],
    ['a passing gate', passingVerdict()],
    ['hostile text', hostileVerdict()],
  ])('validates against the SARIF 2.1.0 schema: %s', (_name, v) => {
    const log = sarif(v);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('is checked by a schema that does reject a broken log', () => {
    const log = sarif();
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validateSarif(log)).toBe(false);
    expect(validateSarif.errors?.[0]?.instancePath).toBe('/runs/0/results/0/level');
  });

  it('describes the tool and every rule of the phase without measured values', () => {
    const run = sarif().runs[0]!;
    const { rules, ...driver } = run.tool.driver;
    expect(driver).toEqual({ name: 'phasegate', version: '1.2.3' });
    expect(run.automationDetails.id).toBe('phasegate/testing/');
    expect(rules.map((r) => [r.id, r.shortDescription.text, r.defaultConfiguration.level, r.help?.text ?? null])).toEqual([
      ['tests-pass-rate', 'tests.passRate >= 100 %', 'error', null],
      ['coverage-line', 'coverage.line >= 80 %', 'error', 'raise coverage.line to >= 80 %'],
      ['flaky-tests', 'tests.flaky <= 0', 'warning', 'fix or quarantine the flaky tests'],
      ['security-high', 'security.high <= 0', 'error', 'collect the evidence that provides security.high'],
      ['design-doc', 'document: present', 'warning', 'pass --docs so the design documents are read'],
      ['requirements-signed', 'document: signed by product-manager', 'error', 'have the product-manager sign off the current version'],
      ['coverage-new', 'coverage.newLine >= 80 %', 'error', null],
    ]);
    expect(rules[1]!.fullDescription?.text).toBe('line coverage over all reported files');
  });

  it('reports each rule that did not pass at the policy text that set it, at the level the gate gives it (n/a is no result)', () => {
    const run = sarif().runs[0]!;
    const rows = run.results.map((r) => [r.ruleId, r.level, where(r.locations[0]!), run.tool.driver.rules[r.ruleIndex]!.id]);
    expect(rows).toEqual([
      ['coverage-line', 'error', 'policies/strategic.yaml:12:7', 'coverage-line'],
      ['flaky-tests', 'warning', 'policies/strategic.yaml:20:7', 'flaky-tests'],
      ['security-high', 'error', 'policies/strategic.yaml:30:7', 'security-high'],
      ['design-doc', 'warning', 'phasegate.yaml:4:7', 'design-doc'],
      ['requirements-signed', 'error', 'policies/strategic.yaml:40:7', 'requirements-signed'],
    ]);
    expect(run.results[0]!.message.text).toBe('coverage.line is 71.25 %, required >= 80 %');
    expect(run.properties.summary).toMatchObject({ 'n/a': 1 });
  });

  it('marks a waived rule with an accepted external suppression located at the waiver', () => {
    const results = sarif().runs[0]!.results;
    expect(results.filter((r) => r.suppressions).map((r) => r.ruleId)).toEqual(['requirements-signed']);
    const s = results.find((r) => r.suppressions)!.suppressions!;
    expect(s.map((x) => [x.kind, x.status, x.justification, where(x.location)])).toEqual([
      ['external', 'accepted', 'PM on leave (owner chen.jie, expires 2026-12-31)', 'phasegate.yaml:90:5'],
    ]);
  });

  it('has no results for a passing gate', () => {
    expect(sarif(passingVerdict()).runs[0]!.results).toEqual([]);
  });

  it('defaults the tool version to the package version and is deterministic', () => {
    const text = renderVerdict(mixedVerdict(), 'sarif', { color: false });
    expect((JSON.parse(text) as SarifLog).runs[0]!.tool.driver.version).toBe(packageVersion());
    expect(renderVerdict(mixedVerdict(), 'sarif', { color: true })).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it.each([
    ['policies/strategic.yaml', 'policies/strategic.yaml'],
    ['./ci/my policy#1.yaml', 'ci/my%20policy%231.yaml'],
    ['conf\\phasegate.yaml', 'conf/phasegate.yaml'],
    ['/opt/phasegate/policies/strategic.yaml', 'file:///opt/phasegate/policies/strategic.yaml'],
    ['C:\\work\\phasegate.yaml', 'file:///C:/work/phasegate.yaml'],
  ])('artifactUri(%j) is %j', (file, uri) => {
    expect(artifactUri(file)).toBe(uri);
  });
});
