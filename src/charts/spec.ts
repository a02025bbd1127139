/**
 * The chart inputs (what the health report passes in) and their normalisation: user data is
 * cleaned once here so the renderers never throw and never emit invalid XML.
 */

/** One data series; `null` (or a non-finite number) is a gap. */
export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** What a chart shows. Sizes are in CSS pixels; the SVG scales through its viewBox. */
export interface ChartSpec {
  title: string;
  /** The x-axis categories (dates, weeks, severities); `values[i]` belongs to `categories[i]`. */
  categories: string[];
  series: ChartSeries[];
  /** Shown as the y-axis name and after values in the accessible description, e.g. `ms`. */
  unit?: string;
  /** A horizontal reference line (a gate limit, a target), labelled with its value. */
  threshold?: { value: number; label: string };
  width?: number;
  height?: number;
  theme?: 'light' | 'dark';
}

/** A bar chart spec; `stacked` stacks the series (e.g. deployments per week by outcome). */
export interface BarChartSpec extends ChartSpec {
  stacked?: boolean;
}

/** A spec after cleaning: every string XML-safe, every series as long as the categories. */
export interface CleanSpec {
  title: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  unit: string;
  threshold: { value: number; label: string } | undefined;
  width: number;
  height: number;
  theme: 'light' | 'dark';
}

/** Default size: small enough that 12px text stays legible when scaled to a phone's width. */
export const DEFAULT_WIDTH = 400;
export const DEFAULT_HEIGHT = 260;

// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/FFFF).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A user string made safe to put in XML text (after escaping): invalid characters become U+FFFD. */
export function xmlSafe(text: unknown): string {
  return String(text ?? '').replace(XML_INVALID, '\uFFFD');
}

/** Escapes text for an XML attribute value or text node. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function size(value: number | undefined, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(4000, Math.max(120, Math.round(value)));
}

function numberOrGap(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Cleans a spec; tolerant of anything a JSON model might hold, so the renderers never throw. */
export function cleanSpec(spec: ChartSpec): CleanSpec {
  const categories = Array.isArray(spec.categories) ? spec.categories.map(xmlSafe) : [];
  const series = (Array.isArray(spec.series) ? spec.series : []).map((s, i) => {
    const values = Array.isArray(s?.values) ? s.values : [];
    return {
      name: xmlSafe(s?.name ?? `series ${i + 1}`),
      values: categories.map((_, j) => numberOrGap(values[j])),
    };
  });
  const t = spec.threshold;
  const threshold =
    t && typeof t.value === 'number' && Number.isFinite(t.value) ? { value: t.value, label: xmlSafe(t.label) } : undefined;
  return {
    title: xmlSafe(spec.title),
    categories,
    series,
    unit: xmlSafe(spec.unit ?? ''),
    threshold,
    width: size(spec.width, DEFAULT_WIDTH),
    height: size(spec.height, DEFAULT_HEIGHT),
    theme: spec.theme === 'dark' ? 'dark' : 'light',
  };
}

/** True when there is nothing to draw: no categories, no series, or only gaps. */
export function isEmpty(spec: CleanSpec): boolean {
  return !spec.series.some((s) => s.values.some((v) => v !== null));
}

/** A number as people read it: at most three decimals, no exponent for ordinary sizes. */
export function formatNumber(value: number, unit = ''): string {
  const rounded = Math.round(value * 1000) / 1000;
  const text = Object.is(rounded, -0) ? '0' : String(rounded);
  return unit ? `${text} ${unit}` : text;
}

/** The accessible description: the title, the span, each series' last value, the threshold. */
export function describe(spec: CleanSpec, kind: 'Line chart' | 'Bar chart'): string {
  const cats = spec.categories;
  const span = cats.length === 1 ? `${cats[0]}` : `${cats[0]} to ${cats[cats.length - 1]}`;
  const parts = [`${spec.title}. ${kind}, ${cats.length} ${cats.length === 1 ? 'point' : 'points'}: ${span}.`];
  for (const s of spec.series) {
    const i = s.values.findLastIndex((v) => v !== null);
    const last = s.values[i];
    parts.push(
      last === null || last === undefined
        ? `${s.name}: no data.`
        : `${s.name}: last value ${formatNumber(last, spec.unit)} (${cats[i]}).`,
    );
  }
  if (spec.threshold) parts.push(`${spec.threshold.label}: ${formatNumber(spec.threshold.value, spec.unit)}.`);
  return parts.join(' ');
}
