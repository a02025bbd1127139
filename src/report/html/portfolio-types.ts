/**
 * One project's line in the PMO's portfolio view (renderPortfolioHtml). The builder that fills
 * it from a history store lives elsewhere; null means not measured.
 */

/** A project in the portfolio table. */
export interface PortfolioRow {
  project: string;
  tier: string | null;
  /** The current phase, e.g. `testing`. */
  phase: string | null;
  /** Health score 0–100. */
  health: number | null;
  /** `healthy`, `at-risk` or `critical`. */
  healthStatus: string | null;
  spi: number | null;
  cpi: number | null;
  /** Confirmed defects per KLOC. */
  defectDensity: number | null;
  /** Open early warnings. */
  warnings: number;
  /** The as-of time of the project's latest report (ISO). */
  asOf: string;
}
