/**
 * FX conversion for cross-currency settlement (REQ-005).
 *
 * Quotes come from the treasury rate feed as "1 base = rate quote". A pair
 * that is not quoted directly is derived from its inverse or crossed through
 * USD. Converted amounts are rounded to the target currency's minor unit.
 */
import { roundToMinor } from './money.js';
import type { Currency } from './money.js';

export interface FxQuote {
  base: Currency;
  quote: Currency;
  /** Units of `quote` for one unit of `base`. */
  rate: number;
  /** When the feed published the quote (ISO date-time). */
  asOf: string;
}

export class StaleRateError extends Error {
  constructor(
    readonly pair: string,
    readonly ageMinutes: number,
  ) {
    super(`rate ${pair} is ${ageMinutes} minutes old`);
    this.name = 'StaleRateError';
  }
}

const pairKey = (base: Currency, quote: Currency): string => `${base}/${quote}`;

export class RateTable {
  private readonly quotes = new Map<string, FxQuote>();

  constructor(
    quotes: readonly FxQuote[],
    /** Quotes older than this are refused (treasury policy: 15 minutes). */
    private readonly maxAgeMinutes = 15,
  ) {
    for (const q of quotes) {
      if (!(q.rate > 0)) {
        throw new RangeError(`rate for ${pairKey(q.base, q.quote)} must be positive`);
      }
      this.quotes.set(pairKey(q.base, q.quote), q);
    }
  }

  /** Units of `to` for one unit of `from`, checked for staleness at `now`. */
  rate(from: Currency, to: Currency, now: Date): number {
    if (from === to) {
      return 1;
    }
    const direct = this.lookup(from, to, now);
    if (direct !== undefined) {
      return direct;
    }
    if (from !== 'USD' && to !== 'USD') {
      const viaUsdFrom = this.lookup(from, 'USD', now);
      const viaUsdTo = this.lookup('USD', to, now);
      if (viaUsdFrom !== undefined && viaUsdTo !== undefined) {
        return viaUsdFrom * viaUsdTo;
      }
    }
    throw new Error(`no rate for ${pairKey(from, to)}`);
  }

  private lookup(from: Currency, to: Currency, now: Date): number | undefined {
    const direct = this.quotes.get(pairKey(from, to));
    if (direct) {
      this.checkAge(direct, now);
      return direct.rate;
    }
    const inverse = this.quotes.get(pairKey(to, from));
    if (inverse) {
      this.checkAge(inverse, now);
      return 1 / inverse.rate;
    }
    return undefined;
  }

  private checkAge(q: FxQuote, now: Date): void {
    const ageMinutes = Math.floor((now.getTime() - Date.parse(q.asOf)) / 60_000);
    if (ageMinutes > this.maxAgeMinutes) {
      throw new StaleRateError(pairKey(q.base, q.quote), ageMinutes);
    }
  }
}

/** Converts `amount` and rounds to the target currency's minor unit. */
export function convert(amount: number, from: Currency, to: Currency, table: RateTable, now: Date): number {
  return roundToMinor(amount * table.rate(from, to, now), to);
}
