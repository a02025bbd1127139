/**
 * The earned-value and earned-schedule formulas of DOMAIN.md §3, on plain numbers. Each
 * result is absent when its divisor is zero, so no KPI is ever NaN or Infinity.
 */

/** Earned-value indices at one status date. */
export interface EvIndices {
  pv: number;
  ev: number;
  ac?: number;
  bac: number;
  /** SV = EV − PV */
  sv: number;
  /** SPI = EV / PV */
  spi?: number;
  /** CV = EV − AC */
  cv?: number;
  /** CPI = EV / AC */
  cpi?: number;
  /** EAC = BAC / CPI (the "typical" estimate: today's cost efficiency holds to the end) */
  eac?: number;
  /** VAC = BAC − EAC */
  vac?: number;
}

const ratio = (a: number, b: number): number | undefined => (b > 0 ? a / b : undefined);

/** SV, SPI, CV, CPI, EAC and VAC from PV, EV, AC (optional) and BAC. */
export function evIndices(pv: number, ev: number, ac: number | undefined, bac: number): EvIndices {
  const out: EvIndices = { pv, ev, bac, sv: ev - pv };
  const spi = ratio(ev, pv);
  if (spi !== undefined) out.spi = spi;
  if (ac === undefined) return out;
  out.ac = ac;
  out.cv = ev - ac;
  const cpi = ratio(ev, ac);
  if (cpi === undefined) return out;
  out.cpi = cpi;
  if (cpi > 0) {
    out.eac = bac / cpi;
    out.vac = bac - out.eac;
  }
  return out;
}

/** Values below this are rounding noise of summed budgets. */
const EPS = 1e-9;

/**
 * Earned schedule (Lipke 2003) at the EARLIEST time the PV curve reached EV: ES = C + I, where
 * C is the number of whole periods whose cumulative PV stays below EV and
 * I = (EV − PV_C) / (PV_C+1 − PV_C) the part of the next period, by linear interpolation.
 * Where PV is flat (weekends, gaps between phases) EV is reached at the start of the flat
 * stretch, not its end, so SV(t) does not jump ahead while nothing was planned.
 * `pvByPeriod[k]` is the cumulative PV at the end of period k + 1; PV is 0 at the start. In
 * periods; at most the number of periods.
 */
export function earnedSchedule(pvByPeriod: readonly number[], ev: number): number {
  const tol = EPS * Math.max(1, Math.abs(ev));
  if (ev <= tol) return 0;
  let c = 0;
  while (c < pvByPeriod.length && pvByPeriod[c]! < ev - tol) c++;
  if (c === pvByPeriod.length) return c;
  const before = c === 0 ? 0 : pvByPeriod[c - 1]!;
  return c + Math.min(1, Math.max(0, (ev - before) / (pvByPeriod[c]! - before)));
}

/** Earned-schedule indicators: SV(t) = ES − AT and SPI(t) = ES / AT (absent for AT = 0). */
export function scheduleIndicators(es: number, at: number): { es: number; at: number; svT: number; spiT?: number } {
  const spiT = ratio(es, at);
  return spiT === undefined ? { es, at, svT: es - at } : { es, at, svT: es - at, spiT };
}

/** (actual − planned) / planned, as a percentage; absent for a zero planned duration. */
export function deviationRate(actual: number, planned: number): number | undefined {
  const r = ratio(actual - planned, planned);
  return r === undefined ? undefined : r * 100;
}

/** Cost overrun (DOMAIN.md): (AC − BAC) / BAC when finished, (EAC − BAC) / BAC while running, in percent. */
export function overrunRate(finished: boolean, ix: EvIndices): number | undefined {
  const cost = finished ? ix.ac : ix.eac;
  if (cost === undefined || !(ix.bac > 0)) return undefined;
  return ((cost - ix.bac) / ix.bac) * 100;
}

/** Forecasts from the indices (PMI Practice Standard for EVM, 2nd ed.; PMBOK 6th ed. §7.4.2). */
export interface CostForecasts {
  /** EAC = BAC / CPI: today's cost efficiency holds to the end (the headline `cost.eac`). */
  eacCpi?: number;
  /** EAC = AC + (BAC − EV): the rest costs what was planned (past variance atypical). */
  eacAtypical?: number;
  /** EAC = AC + (BAC − EV) / (CPI × SPI): cost and schedule efficiency both weigh on the rest. */
  eacCpiSpi?: number;
  /** ETC = EAC − AC, with EAC = BAC / CPI. */
  etc?: number;
  /** TCPI to BAC = (BAC − EV) / (BAC − AC): the efficiency the rest needs to finish within BAC. */
  tcpiBac?: number;
  /** TCPI to EAC = (BAC − EV) / (EAC − AC), EAC = BAC / CPI (algebraically equal to CPI). */
  tcpiEac?: number;
}

/** The EAC variants, ETC and TCPI; each absent where its divisor is zero or AC is unknown. */
export function costForecasts(ix: EvIndices): CostForecasts {
  const { ac, ev, bac, cpi, spi, eac } = ix;
  if (ac === undefined) return {};
  const out: CostForecasts = { eacAtypical: ac + (bac - ev) };
  if (eac !== undefined) {
    out.eacCpi = eac;
    out.etc = eac - ac;
    const t = ratio(bac - ev, eac - ac);
    if (t !== undefined) out.tcpiEac = t;
  }
  if (cpi !== undefined && cpi > 0 && spi !== undefined && spi > 0) out.eacCpiSpi = ac + (bac - ev) / (cpi * spi);
  const tb = ratio(bac - ev, bac - ac);
  if (tb !== undefined) out.tcpiBac = tb;
  return out;
}

/**
 * Independent estimate at completion in time (Lipke): IEAC(t) = PD / SPI(t), the planned
 * duration stretched by today's schedule efficiency (equal to AT + (PD − ES) / SPI(t)).
 * Absent while SPI(t) is 0 or unknown (nothing earned yet: no bound).
 */
export function ieacT(plannedDuration: number, spiT: number | undefined): number | undefined {
  return spiT !== undefined && spiT > 0 ? plannedDuration / spiT : undefined;
}
