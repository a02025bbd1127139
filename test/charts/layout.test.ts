import { describe, expect, it } from 'vitest';
import { lineChartSvg } from '../../src/charts/index.js';
import { legendLayout } from '../../src/charts/options.js';
import { parseSvg, rootOf } from './svg-xml.js';

const pipelines = ['payments-service main', 'payments-service release/2026.11', 'ledger nightly', 'fraud-scoring canary', 'checkout'];

describe('the legend', () => {
  it.each([
    [['main'], 400, 1],
    [pipelines, 400, 2],
    [pipelines, 1200, 1],
    [[], 400, 0],
  ])('%j at %ipx takes %i rows', (names, width, rows) => {
    expect(legendLayout(names, width).rows).toBe(rows);
  });

  it('makes room for its rows above the axis labels', () => {
    const spec = { title: 't', categories: ['a', 'b', 'c'], series: [{ name: 'main', values: [1, 2, 3] }] };
    const one = lineChartSvg(spec);
    const two = lineChartSvg({ ...spec, series: pipelines.map((name) => ({ name, values: [1, 2, 3] })) });
    const xAxisLabelY = (svg: string): number => {
      const label = parseSvg(svg).find((e) => e.name === 'text' && e.text === 'a');
      return Number(/translate\([\d.]+ ([\d.]+)\)/.exec(label?.attributes.transform ?? '')?.[1]);
    };
    expect(xAxisLabelY(two)).toBeLessThan(xAxisLabelY(one) - 20);
  });

  it('cuts a name longer than the chart with an ellipsis, keeping it whole in the description', () => {
    const name = `pipeline ${'x'.repeat(200)}`;
    const svg = lineChartSvg({ title: 't', categories: ['a', 'b'], series: [{ name, values: [1, 2] }] });
    const texts = parseSvg(svg).filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts.some((t) => t.startsWith('pipeline x') && t.endsWith('…'))).toBe(true);
    expect(rootOf(svg).title).toContain(name);
  });
});
