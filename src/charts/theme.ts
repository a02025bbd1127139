/**
 * Colours and non-colour cues. Every series differs by more than colour: lines by dash and
 * point symbol, bars by fill pattern (ECharts decals), so a chart reads in greyscale and print.
 * Palettes follow Okabe–Ito (distinguishable with the common colour-vision deficiencies).
 */

/** The colours of one theme. */
export interface Palette {
  background: string;
  text: string;
  axis: string;
  grid: string;
  threshold: string;
  series: readonly string[];
  /** Text on each series colour (black or white, whichever contrasts more: at least 4.5:1). */
  onSeries: readonly string[];
}

/** Light: on white, every series colour at least 3:1 contrast (WCAG non-text contrast). */
export const LIGHT: Palette = {
  background: '#ffffff',
  text: '#1f2328',
  axis: '#57606a',
  grid: '#d8dee4',
  threshold: '#b42318',
  series: ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8f6500', '#4b4b4b'],
  onSeries: ['#ffffff', '#000000', '#000000', '#000000', '#ffffff', '#ffffff'],
};

/** Dark: lighter tints of the same hues on a near-black background (all above 8:1). */
export const DARK: Palette = {
  background: '#0d1117',
  text: '#e6edf3',
  axis: '#9198a1',
  grid: '#30363d',
  threshold: '#ff7b72',
  series: ['#56b4e9', '#e69f00', '#2fc99b', '#e39bc6', '#f0e442', '#c9d1d9'],
  onSeries: ['#000000', '#000000', '#000000', '#000000', '#000000', '#000000'],
};

/** The palette of a theme name. */
export function palette(theme: 'light' | 'dark'): Palette {
  return theme === 'dark' ? DARK : LIGHT;
}

/** The i-th series colour, cycling. */
export function seriesColour(p: Palette, i: number): string {
  return p.series[i % p.series.length] ?? p.text;
}

/** The colour of text drawn on the i-th series colour (labels inside stacked bars). */
export function textOnSeries(p: Palette, i: number): string {
  return p.onSeries[i % p.onSeries.length] ?? p.text;
}

// Dash patterns and symbols cycle at different lengths (5 and 6), so 30 series stay distinct.
const DASHES: readonly (number[] | 'solid')[] = ['solid', [8, 4], [2, 3], [10, 3, 2, 3], [16, 4]];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect'] as const;

/** The line style and point symbol of the i-th line series. */
export function lineCue(i: number): { type: number[] | 'solid'; symbol: string } {
  return { type: DASHES[i % DASHES.length] ?? 'solid', symbol: SYMBOLS[i % SYMBOLS.length] ?? 'circle' };
}

/** The fill pattern of the i-th bar series: none (solid) for the first, then stripes, dots, hatching. */
export function barDecal(i: number, theme: 'light' | 'dark'): Record<string, unknown> | undefined {
  const color = theme === 'dark' ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.7)';
  const decals: (Record<string, unknown> | undefined)[] = [
    undefined,
    { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color },
    { symbol: 'circle', symbolSize: 0.7, dashArrayX: [[4, 4], [0, 4, 4, 0]], dashArrayY: [4, 0], color },
    { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color },
    { symbol: 'rect', symbolSize: 1, dashArrayX: [[2, 4]], dashArrayY: [2, 4], color },
    { symbol: 'triangle', symbolSize: 0.8, dashArrayX: [[6, 6], [0, 6, 6, 0]], dashArrayY: [6, 0], color },
  ];
  return decals[i % decals.length];
}
