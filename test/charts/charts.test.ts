import { describe, expect, it } from 'vitest';
import { barChartSvg, lineChartSvg, type BarChartSpec, type ChartSpec } from '../../src/charts/index.js';
import { parseSvg, rootOf } from './svg-xml.js';

const weeks = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'];
const line: ChartSpec = {
  title: 'Build duration',
  categories: weeks,
  unit: 'min',
  threshold: { value: 12, label: 'Limit' },
  series: [
    { name: 'main', values: [5, 7, null, 8, 9.25] },
    { name: 'release', values: [3, 4, 6, 5, null] },
  ],
};
const bar: BarChartSpec = {
  title: 'Findings by severity',
  categories: ['critical', 'high', 'medium', 'low'],
  series: [
    { name: 'open', values: [1, 3, 8, 12] },
    { name: 'waived', values: [0, 1, 2, 5] },
  ],
};
const renderers = [
  ['line', (s: ChartSpec) => lineChartSvg(s)],
  ['bar', (s: ChartSpec) => barChartSvg(s)],
] as const;

describe.each(renderers)('%s chart SVG', (kind, render) => {
  const spec = kind === 'line' ? line : bar;

  it('is well-formed XML with an <svg> root of the requested size', () => {
    const { attributes } = rootOf(render({ ...spec, width: 600, height: 320 }));
    expect(attributes).toMatchObject({ width: '600', height: '320', viewBox: '0 0 600 320' });
  });

  it('is byte-identical when rendered twice, and differs when the data does', () => {
    const first = render(spec);
    expect(render(spec)).toBe(first);
    expect(render({ ...spec, title: 'Other' })).not.toBe(first);
  });

  it('has no per-process ids and no hydration metadata', () => {
    const svg = render(spec);
    expect(svg).not.toMatch(/\bzr\d+-|ecmeta_/);
    const ids = parseSvg(svg).flatMap((e) => (e.attributes.id ? [e.attributes.id] : []));
    expect(ids.every((id) => /^pgc[0-9a-f]{10}-/.test(id))).toBe(true);
  });

  it('gives different charts different ids, so several can share one HTML page', () => {
    const prefix = (svg: string): string | undefined => /id="(pgc[0-9a-f]+)-/.exec(svg)?.[1];
    expect(prefix(render(spec))).toBeDefined();
    expect(prefix(render(spec))).not.toBe(prefix(render({ ...spec, theme: 'dark' })));
  });

  it('is an image named by its title and each series last value', () => {
    const { attributes, title } = rootOf(render(spec));
    expect(attributes.role).toBe('img');
    expect(attributes['aria-label']).toBe(title);
    expect(title).toContain(spec.title);
    if (kind === 'line') {
      expect(title).toBe(
        'Build duration. Line chart, 5 points: 2026-W40 to 2026-W44. main: last value 9.25 min (2026-W44). ' +
          'release: last value 5 min (2026-W43). Limit: 12 min.',
      );
    } else {
      expect(title).toContain('open: last value 12 (low). waived: last value 5 (low).');
    }
  });

  it('escapes hostile series names, titles and categories', () => {
    const hostile = '</svg><script>alert(1)</script>&"\'';
    const svg = render({ ...spec, title: hostile, categories: spec.categories.map(() => hostile), series: [{ name: hostile, values: [1, 2, 3, 4] }] });
    expect(svg).not.toContain('<script');
    const elements = parseSvg(svg);
    expect(elements.some((e) => e.name === 'script')).toBe(false);
    expect(elements.filter((e) => e.name === 'text').map((e) => e.text)).toContain(hostile);
    expect(rootOf(svg).attributes['aria-label']).toContain(hostile);
  });

  it('replaces characters XML forbids and keeps template syntax literal', () => {
    const svg = render({ ...spec, series: [{ name: 'a\u0001b {c} {a|b}', values: [1, 2] }], threshold: { value: 1, label: '{b}' } });
    const texts = parseSvg(svg).filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts).toContain('a\uFFFDb {c} {a|b}');
    expect(texts.some((t) => t.startsWith('{b}: 1'))).toBe(true);
  });

  it.each([
    ['no categories', { categories: [] }],
    ['no series', { series: [] }],
    ['only gaps', { series: [{ name: 'x', values: [null, null, Number.NaN, Infinity, null] }] }],
  ])('says "no data" for %s, without throwing', (_, change) => {
    const svg = render({ ...spec, ...change } as ChartSpec);
    const { attributes, title } = rootOf(svg);
    expect(title).toBe(`${spec.title}. No data.`);
    expect(attributes.role).toBe('img');
    expect(parseSvg(svg).map((e) => e.text)).toContain('No data');
  });

  it('survives malformed input from an untyped model', () => {
    const junk = { title: undefined, categories: ['a', 'b'], series: [{ name: 7, values: 'x' }, null], width: -5, height: Number.NaN };
    expect(() => rootOf(render(junk as unknown as ChartSpec))).not.toThrow();
  });

  it('renders the dark theme differently from the light one', () => {
    const light = render(spec);
    const dark = render({ ...spec, theme: 'dark' });
    expect(dark).not.toBe(light);
    expect(light).toContain('fill="#ffffff"');
    expect(dark).toContain('fill="#0d1117"');
  });
});

describe('a long line chart (one point per run)', () => {
  const runs = Array.from({ length: 10_000 }, (_, i) => `run ${i + 1}`);
  const values = runs.map((_, i) => (i >= 3000 && i < 4000 ? null : 10 + Math.sin(i / 300) * 5 + (i % 7)));

  it('is downsampled to the chart width, keeping wide gaps and the last value', () => {
    const svg = lineChartSvg({ title: 'Duration per run', categories: runs, series: [{ name: 'main', values }] });
    expect(svg.length).toBeLessThan(30_000);
    const line = parseSvg(svg).find((e) => e.name === 'path' && e.attributes['stroke-width'] === '2');
    expect(line?.attributes.d?.match(/M/g)).toHaveLength(2);
    expect(rootOf(svg).title).toContain(`main: last value ${values.at(-1)?.toFixed(3).replace(/\.?0+$/, '')} (run 10000)`);
  });
});

describe.each(renderers)('%s chart text under a strict Content Security Policy', (kind, render) => {
  it('sets fonts as presentation attributes, which a CSP without inline styles keeps', () => {
    const spec = kind === 'line' ? line : bar;
    for (const svg of [render(spec), render({ ...spec, series: [] })]) {
      const texts = parseSvg(svg).filter((e) => e.name === 'text');
      expect(texts.length).toBeGreaterThan(1);
      for (const t of texts) {
        expect(t.attributes.style).toBeUndefined();
        expect(t.attributes['font-size']).toMatch(/^\d+px$/);
        expect(t.attributes['font-family']).toBe('sans-serif');
      }
    }
  });
});
