import { describe, expect, it } from 'vitest';
import { renderVerdict } from '../../../src/gate/render/index.js';
import { xmlAttr, xmlText } from '../../../src/gate/render/junit.js';
import { HOSTILE, hostileVerdict, mixedVerdict, passingVerdict } from './verdicts.js';
import { findAll, parseXml, type XmlElement } from './xml.js';

const junit = (v = mixedVerdict()): XmlElement => parseXml(renderVerdict(v, 'junit', { color: false }));

/** Each test case as `name: outcome`, outcome being the failure type, `skipped` or `pass`. */
function outcomes(root: XmlElement): string[] {
  return findAll(root, 'testcase').map((tc) => {
    const failure = tc.children.find((c) => c.name === 'failure');
    const skipped = tc.children.some((c) => c.name === 'skipped');
    return `${tc.attributes.name}: ${failure ? `failure ${failure.attributes.type}` : skipped ? 'skipped' : 'pass'}`;
  });
}

describe('junit format', () => {
  it('is one suite phasegate.<phase> under testsuites, with counts matching the test cases', () => {
    const root = junit();
    expect(root.name).toBe('testsuites');
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => s.attributes)).toEqual([{ name: 'phasegate.testing', tests: '7', failures: '2', errors: '0', skipped: '1', time: '0' }]);
    expect(root.attributes).toMatchObject({ tests: '7', failures: '2', errors: '0', skipped: '1' });
    expect(findAll(root, 'testcase').every((tc) => tc.attributes.classname === 'phasegate.testing')).toBe(true);
    expect(findAll(root, 'failure')).toHaveLength(2);
  });

  it('fails exactly the rules that fail the gate; warnings, waivers and warn-severity errors pass', () => {
    expect(outcomes(junit())).toEqual([
      'tests-pass-rate: pass',
      'coverage-line: failure fail',
      'flaky-tests: pass',
      'security-high: failure error',
      'design-doc: pass',
      'requirements-signed: pass',
      'coverage-new: skipped',
    ]);
  });

  it('skips an n/a rule with the reason as the message: not judged, and never a failure', () => {
    const skipped = findAll(junit(), 'skipped');
    expect(skipped.map((s) => s.attributes.message)).toEqual([
      'N/A: coverage.newLine has nothing to judge: no added line is instrumented (3 lines added, none in covered files)',
    ]);
  });

  it('puts actual, operator, threshold, hint and source in the failure body', () => {
    const failure = findAll(junit(), 'failure')[0]!;
    expect(failure.attributes.message).toBe('coverage.line is 71.25 %, required >= 80 %');
    expect(failure.text).toBe(
      'actual: 71.25 %\noperator: >=\nthreshold: 80 %\nhint: raise coverage.line to >= 80 %\nsource: policies/strategic.yaml:12:7 (tier:strategic)',
    );
  });

  it('explains warnings and waivers in system-out, and lists the notices on the suite', () => {
    const root = junit();
    const out = (name: string): string => findAll(root, 'testcase').find((tc) => tc.attributes.name === name)!.children[0]!.text;
    expect(out('flaky-tests').split('\n')[0]).toBe('WARN 3 <= 0: tests.flaky is 3, required <= 0');
    expect(out('requirements-signed')).toContain('waiver: owner chen.jie, expires 2026-12-31, approved by wang.fang (phasegate.yaml:90:5)');
    expect(out('requirements-signed')).toContain('waiver reason: PM on leave');
    expect(out('design-doc').split('\n')[0]).toBe('ERROR (does not fail the gate: severity warn) — (required: present): documents were not collected');
    const suiteOut = findAll(root, 'testsuite')[0]!.children.filter((c) => c.name === 'system-out');
    expect(suiteOut.map((c) => c.text.split('\n').length)).toEqual([2]);
    expect(suiteOut[0]!.text).toMatch(/^WARN waiver for requirements-signed expires in 4 days/);
  });

  it('records the verdict facts as suite properties', () => {
    const props = findAll(junit(), 'property').map((p) => `${p.attributes.name}=${p.attributes.value}`);
    expect(props).toEqual(['phase=testing', 'tier=strategic', 'policy=acme-payments', 'status=fail', 'now=2026-11-27T12:00:00.000Z']);
  });

  it('has no failures for a passing gate', () => {
    const root = junit(passingVerdict());
    expect(outcomes(root)).toEqual(['tests-pass-rate: pass']);
    expect(root.attributes.failures).toBe('0');
  });

  it('escapes hostile text and drops characters XML 1.0 cannot carry, keeping the rest', () => {
    const xml = renderVerdict(hostileVerdict(), 'junit', { color: false });
    expect(xml).not.toContain('<script>');
    const root = parseXml(xml); // throws on any well-formedness error
    expect(findAll(root, 'testcase')).toHaveLength(7);
    const kept = HOSTILE.replace(/[\u0000\u0007\u001b\ufffe]/g, ''); // eslint-disable-line no-control-regex
    const failure = findAll(root, 'failure')[0]!;
    expect(failure.attributes.message).toBe(kept);
    expect(failure.text).toContain(`hint: ${kept}\n`);
    expect(findAll(root, 'property')[2]!.attributes.value).toBe(`acme ${kept}`);
  });

  it.each([
    ['a<b & "c"\n\'d\'\t', 'a&lt;b &amp; &quot;c&quot;&#10;\'d\'&#9;'],
    ['\u0001\u0085\ud800ok\u{1f600}', 'ok\u{1f600}'],
  ])('xmlAttr(%j)', (input, expected) => {
    expect(xmlAttr(input)).toBe(expected);
  });

  it('xmlText keeps line breaks and escapes ]]>', () => {
    expect(xmlText('a\nb ]]> c')).toBe('a\nb ]]&gt; c');
  });
});
