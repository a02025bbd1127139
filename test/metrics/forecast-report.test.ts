/**
 * The forecast in the health report (issue 14): the unit of the work, the P50/P85/P95 dates
 * beside an on-time chance that agrees with them, and "not measured" — never "100 % of 0
 * trials" — once all the work is done. The report model, its schema, Markdown and HTML.
 */
import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../src/metrics/index.js';
import { aliasTable, simulate } from '../../src/metrics/simulate.js';
import { mulberry32 } from '../../src/metrics/random.js';
import type { Plan } from '../../src/metrics/types.js';
import { renderReportHtml } from '../../src/report/html/report.js';
import { assertValidReport, buildReport, renderReportJson, renderReportMarkdown } from '../../src/report/index.js';
import fc from 'fast-check';
import { handInput } from '../report/fixtures.js';
import { item, PROJECT } from './helpers.js';

const DAY = 86_400_000;
const asOf = new Date('2026-11-27T12:00:00Z');
const at = (d: number) => new Date(asOf.getTime() + d * DAY).toISOString();
const plan = (due: string): Plan => ({
  project: PROJECT, budget: 1200, due, start: '2026-01-05',
  workItems: ['A', 'B', 'C', 'D'].map((id) => ({ id, weight: 3, start: '2026-01-05', finish: due })),
});
const open = ['A', 'B', 'C', 'D'].map((id) => item(`o-${id}`, at(-21), id, 'open'));

function report(records = open, due = '2026-12-31') {
  const kpis = computeKpis({ project: PROJECT, asOf, records, plan: plan(due) });
  const r = buildReport(handInput({ kpis, history: records }));
  assertValidReport(JSON.parse(renderReportJson(r)));
  return r;
}

describe('the forecast in the report', () => {
  it('says its unit and the work left, with dates and an on-time chance that agree', () => {
    // The case: 6 weight left at [0, 3, 3] a week → P50/P85/P95 3/4/5 weeks.
    const recs = [...open, item('d-A', at(-10), 'A', 'done'), item('d-B', at(-3), 'B', 'done')];
    const r = report(recs, '2026-12-24'); // asOf + 27 days: 3 weeks fit, 4 do not
    expect(r.forecast).toMatchObject({ unit: 'weight', remaining: 6, p50: '2026-12-18', p85: '2026-12-25', p95: '2027-01-01', due: '2026-12-24', finished: null, trials: 10_000 });
    // On time: the trials of at most 3 weeks, P(T ≤ 3) = .7407 — below 85 %, as P85 after the due date says.
    expect(Math.abs(r.forecast!.onTimeProbability! - 74.07)).toBeLessThan(1.5);
    const md = renderReportMarkdown(r, { limit: 1_000_000 });
    expect(md).toMatch(/Forecast finish \(6 weight left, throughput in weight\): P50 2026-12-18, P85 2026-12-25, P95 2027-01-01 against the due date 2026-12-24: 7\d\.\d % of 10,000 trials finish by it\./);
    const html = renderReportHtml(r);
    expect(html).toContain("<dt>Work left</dt><dd>6 weight (the items' weights)</dd>");
  });

  it('all work done: the finish against the due date, and the on-time chance not measured', () => {
    // Six months past due, every item done (the last on 2026-11-24): not "100 % of 0 trials".
    const recs = [...open, ...['A', 'B', 'C', 'D'].map((id, i) => item(`d-${id}`, at(-12 + 3 * i), id, 'done'))];
    const r = report(recs, '2026-05-27');
    expect(r.forecast).toMatchObject({ unit: 'weight', remaining: 0, finished: '2026-11-24', onTimeProbability: null, trials: 0 });
    const kpi = r.kpis.find((k) => k.name === 'forecast.onTimeProbability');
    expect(kpi).toMatchObject({ value: null, status: 'not-measured', notMeasured: 'all work was done on 2026-11-24, 181 day(s) after the due date 2026-05-27: nothing left to forecast' });
    const md = renderReportMarkdown(r, { limit: 1_000_000 });
    expect(md).toContain('Forecast: all work done on 2026-11-24 (due 2026-05-27); on-time chance not measured (nothing left to forecast).');
    expect(md).not.toMatch(/of 0 trials/);
    const html = renderReportHtml(r);
    expect(html).toContain('All work done');
    expect(html).not.toMatch(/Trials<\/dt>\s*<dd>0/);
  });
});

describe('the simulation', () => {
  it('draws from the mulberry32 stream, one number per draw', () => {
    // Samples [0, 1], 1 to do: a trial lasts until the first draw ≥ 0.5 (index 1).
    const sim = simulate([0, 1], 1, 200, 42);
    const r = mulberry32(42);
    const counts = new Array<number>(sim.counts.length).fill(0);
    for (let i = 0; i < 200; i++) {
      let w = 1;
      while (Math.floor(r() * 2) === 0) w++;
      counts[w]!++;
    }
    expect([...sim.counts]).toEqual(counts);
  });

  it('the alias table draws each week with its share of the weights, exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 1, maxLength: 15 }), (w) => {
        const { prob, alias } = aliasTable(w);
        const n = w.length;
        const got = new Array<number>(n).fill(0);
        for (let k = 0; k < n; k++) {
          got[k]! += prob[k]! / n;
          got[alias[k]!]! += (1 - prob[k]!) / n;
        }
        const total = w.reduce((a, b) => a + b, 0);
        got.forEach((g, i) => expect(g).toBeCloseTo(w[i]! / total, 12));
      }),
    );
  });
});
