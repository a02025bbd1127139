/** Bar charts (findings by severity, deployments per week) as static SVG. */
import { renderChart, thresholdMarkLine } from './options.js';
import { cleanSpec, formatNumber, isEmpty, type BarChartSpec } from './spec.js';
import { noDataSvg } from './svg.js';
import { barDecal, palette, seriesColour, textOnSeries } from './theme.js';

/** Above this many bars, value labels would overlap, so they are left out. */
const MAX_LABELLED_BARS = 24;

/**
 * Renders a bar chart to an SVG string. Pure and deterministic like {@link lineChartSvg}.
 * Series are grouped side by side, or stacked with `stacked: true`; each series has its own
 * fill pattern besides its colour; few bars carry their value as a label. Nulls leave no bar.
 */
export function barChartSvg(spec: BarChartSpec): string {
  const s = cleanSpec(spec);
  if (isEmpty(s)) return noDataSvg(s);
  const p = palette(s.theme);
  const markLine = thresholdMarkLine(s);
  const stacked = spec.stacked === true;
  const labelled = s.categories.length * s.series.length <= MAX_LABELLED_BARS;
  const series = s.series.map((x, i) => {
    const colour = seriesColour(p, i);
    const decal = barDecal(i, s.theme);
    return {
      type: 'bar',
      name: x.name,
      data: x.values,
      silent: true,
      ...(stacked ? { stack: 'total' } : {}),
      itemStyle: { color: colour, ...(decal ? { decal } : {}) },
      label: {
        show: labelled,
        position: stacked ? 'inside' : 'top',
        color: stacked ? textOnSeries(p, i) : p.text,
        fontFamily: 'sans-serif',
        fontSize: 11,
        // A zero segment of a stack has no height: its label would sit on the next one.
        formatter: (p: { value: unknown }) =>
          typeof p.value === 'number' && !(stacked && p.value === 0) ? formatNumber(p.value) : '',
      },
      ...(i === 0 && markLine ? { markLine } : {}),
    };
  });
  return renderChart(s, 'Bar chart', series);
}
