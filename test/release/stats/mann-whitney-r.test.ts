// Reference values from R 4.2.2 (Debian r-base-core), printed by
// test/release/stats/r/wilcox-vectors.R: wilcox.test(x, y, conf.int = TRUE, ...).
// W and the p-value must match to 1e-6 in every case, and so must the estimate and the interval
// of the exact test. In the normal approximation R locates the estimate and the bounds with
// uniroot(tol = 1e-4); here they are the exact jump points, so they agree to R's 1e-4.
import { describe, expect, it } from 'vitest';
import { mannWhitney } from '../../../src/release/stats/index.js';
import type { MannWhitneyOptions } from '../../../src/release/stats/index.js';

const a = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const b = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
const bNoTies = b.filter((_, i) => i !== 4 && i !== 8); // R: b[-c(5, 9)]
// set.seed(1); u <- round(rnorm(61, 10, 2), 6); v <- round(rnorm(45, 9.3, 2), 6)
const u = [8.747092, 10.367287, 8.328743, 13.190562, 10.659016, 8.359063, 10.974858, 11.476649, 11.151563, 9.389223, 13.023562, 10.779686, 8.757519, 5.5706, 12.249862, 9.910133, 9.967619, 11.887672, 11.642442, 11.187803, 11.837955, 11.564273, 10.14913, 6.021297, 11.239651, 9.887743, 9.688409, 7.058495, 9.0437, 10.835883, 12.717359, 9.794425, 10.775343, 9.89239, 7.245881, 9.170011, 9.21142, 9.881373, 12.200051, 11.526351, 9.670953, 9.493277, 11.393927, 11.113326, 8.622489, 8.58501, 10.729164, 11.537066, 9.775308, 11.762215, 10.796212, 8.775947, 10.682239, 7.741274, 12.866047, 13.9608, 9.265557, 7.911731, 11.139439, 9.729891, 14.803236];
const v = [9.22152, 10.679479, 9.356004, 7.813454, 9.677585, 5.690083, 12.23111, 9.606507, 13.645223, 10.251019, 7.880107, 10.521453, 7.431805, 6.792733, 9.882892, 8.413416, 9.302211, 9.448683, 8.120958, 8.162663, 9.029643, 11.656174, 6.252866, 10.487892, 9.965901, 11.4262, 8.691632, 10.040038, 9.834198, 8.21496, 11.715736, 11.620805, 10.700427, 12.473667, 10.416973, 6.746816, 8.153469, 6.850775, 8.353199, 8.059267, 9.384232, 7.478157, 9.616058, 7.990831, 12.834575];
const small = [3.1, 4.7, 2.2];
const smallY = [5.5, 6.1, 4.9, 7.3, 8.8, 5.2, 6.6];
// R: tx <- round(sin(1:120) * 3 + (1:120) / 40, 1); ty <- round(cos(1:90) * 3, 1)
const round1 = (v: number): number => Math.round(v * 10) / 10;
const tx = Array.from({ length: 120 }, (_, i) => round1(Math.sin(i + 1) * 3 + (i + 1) / 40));
const ty = Array.from({ length: 90 }, (_, i) => round1(Math.cos(i + 1) * 3));
// R: x <- (1:60) + 0.5; y <- (1:55) * 1.13 (exact = TRUE beyond 50 per side)
const ex = Array.from({ length: 60 }, (_, i) => i + 1.5);
const ey = Array.from({ length: 55 }, (_, i) => (i + 1) * 1.13);
const inf = Number.POSITIVE_INFINITY;

interface Case {
  name: string;
  x: number[];
  y: number[];
  opts: MannWhitneyOptions;
  w: number;
  p: number;
  est: number;
  ci: [number, number];
  method: string;
}

const exact = 'Wilcoxon rank sum exact test';
const cc = 'Wilcoxon rank sum test with continuity correction';
const cases: Case[] = [
  { name: 'exact, two-sided', x: a, y: bNoTies, opts: {}, w: 42, p: 0.299125874125874, est: 0.59, ci: [-0.5, 1.19], method: exact },
  { name: 'exact, less', x: a, y: bNoTies, opts: { alternative: 'less' }, w: 42, p: 0.873863636363636, est: 0.59, ci: [-inf, 1.033], method: exact },
  { name: 'exact, greater, 90 %', x: a, y: bNoTies, opts: { alternative: 'greater', confLevel: 0.9 }, w: 42, p: 0.149562937062937, est: 0.59, ci: [-0.147, inf], method: exact },
  { name: 'exact, unequal sizes 3 vs 7', x: small, y: smallY, opts: {}, w: 0, p: 0.0166666666666667, est: -3, ci: [-5.7, -0.5], method: exact },
  { name: 'ties, two-sided', x: a, y: b, opts: {}, w: 58, p: 0.132919458185319, est: 0.560056160835873, ci: [-0.369977374727254, 1.18297077368792], method: cc },
  { name: 'ties, greater', x: a, y: b, opts: { alternative: 'greater' }, w: 58, p: 0.0664597290926594, est: 0.560056160835873, ci: [-0.0980193464832005, inf], method: cc },
  { name: 'ties, no correction', x: a, y: b, opts: { correct: false }, w: 58, p: 0.121890991496761, est: 0.560056160835873, ci: [-0.220053156285585, 1.08200750945225], method: 'Wilcoxon rank sum test' },
  { name: 'normal, 61 vs 45, two-sided', x: u, y: v, opts: {}, w: 1789, p: 0.00783693268686712, est: 1.00485770913546, ci: [0.269413224618772, 1.67863495426701], method: cc },
  { name: 'normal, 61 vs 45, less', x: u, y: v, opts: { alternative: 'less' }, w: 1789, p: 0.996155245826464, est: 1.00485770913546, ci: [-inf, 1.56742507595719], method: cc },
  { name: 'normal, 61 vs 45, greater, 99 %', x: u, y: v, opts: { alternative: 'greater', confLevel: 0.99 }, w: 1789, p: 0.00391846634343356, est: 1.00485770913546, ci: [0.123353928324892, inf], method: cc },
  { name: 'many ties, 120 vs 90', x: tx, y: ty, opts: {}, w: 7388.5, p: 5.04716315954562e-6, est: 1.50001483936881, ci: [0.899980042845185, 2.10004668447223], method: cc },
  { name: 'many ties, less, no correction, 80 %', x: tx, y: ty, opts: { alternative: 'less', correct: false, confLevel: 0.8 }, w: 7388.5, p: 0.999997490181176, est: 1.50001483936881, ci: [-inf, 1.7999853471635], method: 'Wilcoxon rank sum test' },
  { name: 'exact = TRUE, 60 vs 55', x: ex, y: ey, opts: { exact: true }, w: 1616, p: 0.851791263293521, est: -0.639999999999997, ci: [-7.52999999999999, 6.25], method: exact },
  { name: 'exact = FALSE, 3 vs 7', x: small, y: smallY, opts: { exact: false }, w: 0, p: 0.0226544940800894, est: -2.99995697922815, ci: [-5.70005147350674, -0.499939062172416], method: cc },
];

function close(actual: number, expected: number, tol: number): void {
  if (!Number.isFinite(expected)) expect(actual).toBe(expected);
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
}

describe('mannWhitney against R 4.2.2 wilcox.test', () => {
  it.each(cases)('$name', (c) => {
    const r = mannWhitney(c.x, c.y, c.opts);
    expect(r.insufficient).toBeNull();
    expect(r.method).toBe(c.method);
    close(r.statistic, c.w, 1e-9);
    close(r.pValue!, c.p, 1e-6);
    const tol = c.method === exact ? 1e-6 : 1e-4;
    close(r.estimate!, c.est, tol);
    close(r.confInt![0], c.ci[0], tol);
    close(r.confInt![1], c.ci[1], tol);
  });
});
