/**
 * A small project for the EVM and KPI tests, calculated by hand. The plan (BAC 1,000, start 1 July):
 *   requirements 1–10 Jul, budget 200: R-1 budget 100, R-2 by weight → the other 100
 *   design       11–20 Jul, budget 300, no work items → earned when its gate passes
 *   implementation 21 Jul–9 Aug, no budget: I-1 weight 1, I-2 weight 3 share BAC − 200 − 300
 *                = 500 → I-1 125, I-2 375
 * PV accrues linearly per day: 20/day to 10 Jul (PV 200), 30/day to 20 Jul (500), 25/day to 9 Aug (1,000).
 */
import type { Plan } from '../../src/metrics/types.js';
import { item, PROJECT, verdict } from './helpers.js';

export const PLAN: Plan = {
  project: PROJECT,
  budget: 1000,
  currency: 'CNY',
  due: '2026-08-15',
  phases: {
    requirements: { start: '2026-07-01', finish: '2026-07-10', budget: 200 },
    design: { start: '2026-07-11', finish: '2026-07-20', budget: 300 },
    implementation: { start: '2026-07-21', finish: '2026-08-09' },
  },
  workItems: [
    { id: 'R-1', phase: 'requirements', budget: 100 },
    { id: 'R-2', phase: 'requirements', weight: 2 },
    { id: 'I-1', phase: 'implementation' },
    { id: 'I-2', phase: 'implementation', weight: 3 },
  ],
  actuals: [
    { period: '2026-07', cost: 450 },
    { period: '2026-08', cost: 100 },
  ],
  file: '.phasegate/plan.yaml',
};

export const RECORDS = [
  item('w1', '2026-07-01T00:00:00Z', 'R-1', 'in-progress'),
  item('w2', '2026-07-02T00:00:00Z', 'R-2', 'in-progress'),
  item('w3', '2026-07-08T00:00:00Z', 'R-1', 'done'),
  verdict('v1', '2026-07-11T00:00:00Z', 'requirements', 'fail'),
  item('w4', '2026-07-12T00:00:00Z', 'R-2', 'done'),
  verdict('v2', '2026-07-13T00:00:00Z', 'requirements', 'warn'),
  item('w5', '2026-07-22T00:00:00Z', 'I-1', 'in-progress'),
  verdict('v3', '2026-07-24T00:00:00Z', 'design', 'pass'),
  item('w6', '2026-07-27T00:00:00Z', 'I-2', 'in-progress'),
  item('w7', '2026-08-05T00:00:00Z', 'I-1', 'done'),
  item('w8', '2026-08-14T00:00:00Z', 'I-2', 'done'),
];
