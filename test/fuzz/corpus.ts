/**
 * Seed inputs for the fuzz suite: real reports from test/fixtures and the dorny corpus, plus a
 * few inline documents, policies and sample files. Mutations start from these so most cases
 * are near-valid and reach deep into each reader, not just its first syntax check.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

/** One seed: the file name (readers detect formats by name and content) and its bytes. */
export interface Seed {
  name: string;
  bytes: Buffer;
}

/** Which `collect` input a family is read through. */
export type CollectKind = 'junit' | 'coverage' | 'sarif' | 'perf' | 'docs';

const EV = path.join(ROOT, 'test', 'fixtures', 'evidence');
const DORNY = path.join(ROOT, '..', 'shared', 'fixtures', 'test-reports', 'dorny');

/** Reads fixtures that exist; the dorny corpus sits beside the worktree and may be absent in some checkouts. */
function files(dir: string, names: string[]): Seed[] {
  return names
    .map((n) => path.join(dir, n))
    .filter((f) => existsSync(f))
    .map((f) => ({ name: path.basename(f), bytes: readFileSync(f) }));
}

function inline(name: string, text: string): Seed {
  return { name, bytes: Buffer.from(text) };
}

const DOC = `---
kind: requirements
updated: 2026-01-15
signoff:
  - role: qa
    by: alice
    date: 2026-01-10
---
# Requirements

- **REQ-1** The fee is computed per account.
  - Acceptance: given 3 accounts, the fee is charged 3 times.
- **REQ-2** *Refunds* are tracked.
`;

/** Evidence reader families, each read through one `collect` flag. */
export const FAMILIES: Record<string, { kind: CollectKind; seeds: Seed[] }> = {
  junit: {
    kind: 'junit',
    seeds: [
      ...files(DORNY, ['jest-junit.xml', 'junit-with-message.xml', 'python-xunit-pytest.xml', 'swift-xunit.xml', 'phpunit/phpunit.xml', 'nette-tester/BootstrapFormRenderer-report.xml', 'external/java/junit4-complete.xml']),
      ...files(path.join(EV, 'tests'), ['playwright-junit-retries.xml', 'pytest-rerunfailures.xml', 'vitest-junit-retry.xml']),
    ],
  },
  trx: { kind: 'junit', seeds: files(DORNY, ['dotnet-trx.trx', 'dotnet-xunitv3.trx', 'empty/dotnet-trx.trx']) },
  nunit: { kind: 'junit', seeds: [...files(DORNY, ['dotnet-nunit.xml', 'external/nunit-sample.xml']), ...files(path.join(EV, 'tests'), ['nunit2.xml'])] },
  xunit: { kind: 'junit', seeds: files(path.join(EV, 'tests'), ['xunit-v1.xml', 'xunit-v2.xml']) },
  tap: { kind: 'junit', seeds: [...files(path.join(EV, 'tests'), ['node-test.tap']), inline('plan.tap', 'TAP version 13\n1..3\nok 1 - a\nnot ok 2 - b # TODO later\nok 3 - c # SKIP no db\n')] },
  gotest: { kind: 'junit', seeds: files(path.join(EV, 'tests'), ['go-test.json', 'gotestsum-rerun.json', 'go-test-count2.json']) },
  jsonTests: { kind: 'junit', seeds: files(path.join(EV, 'tests'), ['jest.json', 'vitest.json', 'mocha.json', 'ctrf-jest.json', 'rspec.json', 'rspec-load-error.json', 'dart.json']) },
  lcov: { kind: 'coverage', seeds: files(path.join(EV, 'tree'), ['lcov-a.info', 'lcov-b.info']) },
  xmlCoverage: { kind: 'coverage', seeds: files(path.join(EV, 'tree'), ['cobertura.xml', 'jacoco.xml']) },
  sarif: { kind: 'sarif', seeds: files(path.join(EV, 'sarif'), ['eslint-security.sarif', 'flawfinder.sarif']) },
  jtl: { kind: 'perf', seeds: files(path.join(EV, 'perf'), ['jmeter.jtl', 'jmeter.xml.jtl']) },
  perfJson: { kind: 'perf', seeds: files(path.join(EV, 'perf'), ['k6-summary-export.json', 'k6-handle-summary.json', 'gatling-stats.json']) },
  locust: { kind: 'perf', seeds: files(path.join(EV, 'perf'), ['locust_stats.csv']) },
  docs: { kind: 'docs', seeds: [inline('requirements.md', DOC), inline('plan.md', '---\nkind: test-plan\nsignoff: []\n---\n# Plan\n')] },
};

/** Policy seeds: the test fixtures and the built-in tiers (extends chains, rules of every kind). */
export const POLICY_SEEDS: Seed[] = [
  ...files(path.join(ROOT, 'test', 'fixtures', 'policy'), ['org.yaml', 'team/project.yaml', 'team/loosens.yaml']),
  ...files(path.join(ROOT, 'policies'), ['innovation.yaml', 'strategic.yaml']),
];

/** Release sample seeds in both forms the file provider reads. */
export const SAMPLE_SEEDS: Seed[] = [
  inline('samples.json', JSON.stringify({ canary: [{ t: '2026-01-01T00:00:00Z', v: 0.5 }, { t: 1767225660, v: '1.5' }], baseline: [{ t: 1767225600, v: null }] })),
  inline('metrics.json', JSON.stringify({ latency: { canary: [{ t: 1767225600, v: 1 }], baseline: [{ t: 1767225600, v: '+Inf' }] } })),
  inline('samples.csv', 'time,variant,metric,value\n# comment\n2026-01-01T00:00:00Z,canary,latency,0.5\n1767225600,baseline,latency,NaN\n'),
];
