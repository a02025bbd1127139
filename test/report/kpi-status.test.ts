import { describe, expect, it } from 'vitest';
import { kpiStatus, nearMargin } from '../../src/report/index.js';
import { howToMeasure } from '../../src/report/kpis.js';
import { metricRule } from '../helpers/builders.js';

const failAtLeast95 = metricRule('pass-rate', 'tests.passRate', '>=', 95);
const warnAtMost10 = metricRule('warnings', 'analysis.warnings', '<=', 10, { severity: 'warn' });
const failAtMost0 = metricRule('critical', 'security.critical', '<=', 0);
const spi = metricRule('spi', 'schedule.spi', '>=', 0.9, { severity: 'warn' });
const spiFail = metricRule('spi-floor', 'schedule.spi', '>=', 0.8);

describe('kpiStatus', () => {
  it.each([
    ['no value', null, [failAtLeast95], 'not-measured'],
    ['no rule', 50, [], 'unrated'],
    ['fails a fail rule', 94.9, [failAtLeast95], 'red'],
    ['within 10 % of the room to 100 %', 95.4, [failAtLeast95], 'amber'],
    ['just outside the margin', 95.5, [failAtLeast95], 'green'],
    ['at 100 %', 100, [failAtLeast95], 'green'],
    ['fails a warn rule only', 11, [warnAtMost10], 'amber'],
    ['near a lower-is-better threshold', 9.5, [warnAtMost10], 'amber'],
    ['clear of it', 9, [warnAtMost10], 'green'],
    ['zero threshold is never near', 0, [failAtMost0], 'green'],
    ['one over zero', 1, [failAtMost0], 'red'],
    ['fails the warn rule, passes the fail rule', 0.85, [spi, spiFail], 'amber'],
    ['fails both', 0.7, [spi, spiFail], 'red'],
    ['ratio near its threshold (0.09)', 0.98, [spi], 'amber'],
    ['ratio clear of it', 0.99, [spi], 'green'],
  ] as const)('%s', (_what, value, rules, status) => {
    expect(kpiStatus(value, rules)).toBe(status);
  });

  it('computes the margin from the bound on the passing side', () => {
    expect(nearMargin(failAtLeast95)).toBeCloseTo(0.5);
    expect(nearMargin(warnAtMost10)).toBeCloseTo(1);
    expect(nearMargin(spi)).toBeCloseTo(0.09);
    expect(nearMargin(metricRule('eq', 'tests.failed', '==', 0))).toBe(0);
  });
});

describe('how a metric nothing gave gets measured', () => {
  it.each([
    ['security.high', "give a security scanner's SARIF (--sarif)"],
    ['analysis.errors', "give a linter's or static analyser's SARIF (--sarif)"],
    ['perf.p95', 'give performance-test results (--perf)'],
    ['size.kloc', 'give the source tree (--source)'],
    ['schedule.spi', 'give the plan, defects and history to phasegate metrics'],
  ])('%s: %s', (metric, how) => {
    expect(howToMeasure(metric)).toBe(how);
  });
});
