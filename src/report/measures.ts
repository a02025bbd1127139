/**
 * The measured sections of the health report model (src/report/types.ts): tests, coverage,
 * security, defects, schedule and cost, DORA and the forecast. `null` means not measured.
 */
import type { Band } from '../metrics/dora.js';
import type { Phase } from '../policy/types.js';

/** A failed, errored or flaky test, or a finding, with where it is. */
export interface ReportItem {
  id: string;
  title: string;
  level: string;
  message: string | null;
  file: string | null;
  line: number | null;
}

/** Test results of the run and across runs. */
export interface ReportTests {
  total: number | null;
  passed: number | null;
  failed: number | null;
  passRate: number | null;
  failures: ReportItem[];
  /** Ids of flaky tests (this run's and those seen flipping across runs). */
  flaky: string[];
  /** Tests failing now that did not fail in the base branch's last run. */
  newFailures: string[];
}

/** Coverage in percent, overall and on new code. */
export interface ReportCoverage {
  line: number | null;
  branch: number | null;
  newLine: number | null;
  newBranch: number | null;
}

/** Security findings by severity, and each finding. */
export interface ReportSecurity {
  critical: number | null;
  high: number | null;
  medium: number | null;
  low: number | null;
  new: number | null;
  findings: ReportItem[];
}

/** Defect density (per KLOC) and defect counts. */
export interface ReportDefects {
  density: number | null;
  newDensity: number | null;
  open: number | null;
  confirmed: number | null;
}

/** One row of the earned-value table (a phase or the whole project). */
export interface EvmRow {
  phase: Phase | 'project';
  status: 'done' | 'running' | 'not-started';
  plannedStart: string;
  plannedFinish: string;
  deviationRate: number | null;
  /** What deviationRate is: the actual duration, the earned-schedule forecast or the elapsed lower bound. */
  deviationBasis: 'actual' | 'forecast' | 'elapsed' | null;
  /** Running: (IEAC(t) − planned) / planned and (elapsed − planned) / planned, %. */
  forecastDeviationRate: number | null;
  elapsedDeviationRate: number | null;
  budget: number;
  pv: number;
  ev: number;
  ac: number | null;
  sv: number;
  spi: number | null;
  cpi: number | null;
}

/** Schedule and cost: earned-value indices and the table per phase. */
export interface ReportSchedule {
  currency: string | null;
  bac: number;
  due: string;
  spi: number | null;
  spiT: number | null;
  cpi: number | null;
  deviationRate: number | null;
  overrunRate: number | null;
  eac: number | null;
  /** SV(t) and IEAC(t) = PD / SPI(t), in days; PD the planned duration. */
  svT: number | null;
  ieacT: number | null;
  plannedDays: number;
  /** EAC variants, ETC and TCPI (docs/metrics.md). */
  eacAtypical: number | null;
  eacCpiSpi: number | null;
  etc: number | null;
  tcpiBac: number | null;
  tcpiEac: number | null;
  /** The method behind each figure, in words and formulas. */
  methods: Record<'pv' | 'ev' | 'ac' | 'es' | 'eac' | 'deviation' | 'overrun', string>;
  table: EvmRow[];
}

/** A DORA key with its performance band (Accelerate State of DevOps Report 2023 clusters). */
export interface DoraMetric {
  value: number;
  band: Band;
}

/** DORA's four keys in the KPI report's window. */
export interface ReportDora {
  environment: string;
  deployments: number;
  deploymentFrequency: DoraMetric | null;
  leadTime: DoraMetric | null;
  changeFailureRate: DoraMetric | null;
  timeToRestore: DoraMetric | null;
  /** Length of the window ending at asOf, in days. */
  windowDays?: number;
  /** Four Keys' median deploy-days per week over the window; null for a window under a week. */
  deployDaysPerWeek?: number | null;
  /** The report the bands come from. */
  source?: string;
}

/** The Monte Carlo forecast: finish dates by percentile against the due date. */
export interface ReportForecast {
  /** What `remaining` is counted in: the items' weights when any is given, else items. */
  unit: 'weight' | 'items';
  remaining: number;
  p50: string;
  p85: string;
  p95: string;
  due: string | null;
  /** null without a due date, or when no work is left (`finished`): not measured. */
  onTimeProbability: number | null;
  trials: number;
  /** The day the last item was done, when no work is left. */
  finished: string | null;
}
