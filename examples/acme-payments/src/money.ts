/**
 * Money helpers.
 *
 * Amounts travel through the service as numbers in major units (12.34 means
 * USD 12.34). Every amount that leaves the service (trade confirmation, ledger
 * posting, client statement) is rounded to the currency's minor unit with
 * roundToMinor(), half away from zero, as REQ-004 requires.
 */

export type Currency = 'CNY' | 'HKD' | 'USD' | 'EUR' | 'JPY';

export const CURRENCIES: readonly Currency[] = ['CNY', 'HKD', 'USD', 'EUR', 'JPY'];

/** ISO 4217 minor-unit exponent: digits after the decimal point. */
export function minorUnitDigits(currency: Currency): number {
  return currency === 'JPY' ? 0 : 2;
}

export function isCurrency(code: string): code is Currency {
  return (CURRENCIES as readonly string[]).includes(code);
}

/**
 * Rounds to the currency's minor unit, half away from zero, so that a refund
 * rounds to the same magnitude as the charge it reverses.
 */
export function roundToMinor(amount: number, currency: Currency): number {
  if (!Number.isFinite(amount)) {
    throw new RangeError(`amount must be finite, got ${amount}`);
  }
  const factor = 10 ** minorUnitDigits(currency);
  // Round the magnitude and restore the sign: Math.round alone rounds -2.5 to -2.
  return (Math.sign(amount) * Math.round(Math.abs(amount) * factor)) / factor;
}

/** Adds amounts and rounds once, at the end, to avoid accumulating rounding error. */
export function sumMoney(amounts: readonly number[], currency: Currency): number {
  return roundToMinor(
    amounts.reduce((acc, a) => acc + a, 0),
    currency,
  );
}

/** Formats an amount for a trade confirmation, e.g. `HKD 1,234.50`. */
export function formatMoney(amount: number, currency: Currency): string {
  const digits = minorUnitDigits(currency);
  const text = roundToMinor(amount, currency).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${currency} ${text}`;
}
