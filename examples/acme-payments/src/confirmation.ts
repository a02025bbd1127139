/**
 * Fee lines printed on the client's trade confirmation (REQ-007).
 */
import { formatMoney } from './money.js';
import type { FeeBreakdown, Trade } from './fees.js';

const FEE_LABELS: ReadonlyArray<readonly [keyof FeeBreakdown, string]> = [
  ['commission', 'Commission'],
  ['stampDuty', 'Stamp duty'],
  ['exchangeFee', 'Exchange fee'],
  ['transferFee', 'Transfer fee and levies'],
];

export function confirmationLines(trade: Trade, fees: FeeBreakdown): string[] {
  const verb = trade.side === 'buy' ? 'Bought' : 'Sold';
  const lines = [
    `${verb} ${trade.quantity} @ ${trade.price} on ${trade.market}`,
    `Consideration: ${formatMoney(fees.notional, fees.currency)}`,
  ];
  for (const [key, label] of FEE_LABELS) {
    const amount = fees[key];
    // Zero fees are left off the confirmation, as the compliance template requires.
    if (typeof amount === 'number' && amount !== 0) {
      lines.push(`${label}: ${formatMoney(amount, fees.currency)}`);
    }
  }
  lines.push(`Total fees: ${formatMoney(fees.total, fees.currency)}`);
  return lines;
}
