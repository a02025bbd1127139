/**
 * Fee schedules and the per-trade fee calculation (REQ-001 to REQ-003, REQ-007).
 *
 * Commission is Acme's own charge: a rate chosen by the client's trailing
 * 30-day turnover, with a per-trade minimum. Stamp duty, exchange fees and
 * levies are statutory and passed through at cost.
 */
import { roundToMinor, sumMoney } from './money.js';
import type { Currency } from './money.js';

export type Market = 'SSE' | 'SZSE' | 'HKEX';
export type Side = 'buy' | 'sell';

export interface CommissionTier {
  /** Lowest trailing 30-day turnover (in the schedule's currency) this tier applies to. */
  minTurnover: number;
  /** Commission rate in basis points of the trade's notional. */
  rateBps: number;
}

export interface FeeSchedule {
  market: Market;
  currency: Currency;
  /** Sorted by minTurnover, ascending; the first tier starts at 0. */
  tiers: readonly CommissionTier[];
  minimumCommission: number;
  /** Stamp duty as a fraction of notional, charged on the listed sides. */
  stampDutyRate: number;
  stampDutySides: readonly Side[];
  /** HKEX stamp duty is rounded up to the next whole dollar. */
  stampDutyRoundsUp: boolean;
  /** Exchange handling or trading fee, fraction of notional, both sides. */
  exchangeFeeRate: number;
  /** Transfer fee (CN) or regulator levies (HK), fraction of notional, both sides. */
  transferFeeRate: number;
}

const RETAIL_TIERS: readonly CommissionTier[] = [
  { minTurnover: 0, rateBps: 3 },
  { minTurnover: 1_000_000, rateBps: 2 },
  { minTurnover: 10_000_000, rateBps: 1.2 },
];

const A_SHARE: Omit<FeeSchedule, 'market'> = {
  currency: 'CNY',
  tiers: RETAIL_TIERS,
  minimumCommission: 5,
  stampDutyRate: 0.0005,
  stampDutySides: ['sell'],
  stampDutyRoundsUp: false,
  exchangeFeeRate: 0.0000341,
  transferFeeRate: 0.00001,
};

export const SCHEDULES: Readonly<Record<Market, FeeSchedule>> = {
  SSE: { market: 'SSE', ...A_SHARE },
  SZSE: { market: 'SZSE', ...A_SHARE },
  HKEX: {
    market: 'HKEX',
    currency: 'HKD',
    tiers: [
      { minTurnover: 0, rateBps: 8 },
      { minTurnover: 5_000_000, rateBps: 5 },
      { minTurnover: 50_000_000, rateBps: 3 },
    ],
    minimumCommission: 50,
    stampDutyRate: 0.001,
    stampDutySides: ['buy', 'sell'],
    stampDutyRoundsUp: true,
    exchangeFeeRate: 0.0000565,
    transferFeeRate: 0.0000285,
  },
};

export interface Trade {
  market: Market;
  side: Side;
  quantity: number;
  price: number;
}

export interface FeeBreakdown {
  currency: Currency;
  notional: number;
  commission: number;
  stampDuty: number;
  exchangeFee: number;
  transferFee: number;
  total: number;
}

/** The commission tier for a client's trailing 30-day turnover (REQ-001). */
export function tierFor(schedule: FeeSchedule, turnover30d: number): CommissionTier {
  let chosen: CommissionTier | undefined;
  for (const tier of schedule.tiers) {
    if (turnover30d >= tier.minTurnover) {
      chosen = tier;
    }
  }
  if (!chosen) {
    throw new RangeError(`no commission tier for turnover ${turnover30d} on ${schedule.market}`);
  }
  return chosen;
}

function stampDuty(schedule: FeeSchedule, side: Side, notional: number): number {
  if (!schedule.stampDutySides.includes(side)) {
    return 0;
  }
  const duty = notional * schedule.stampDutyRate;
  return schedule.stampDutyRoundsUp ? Math.ceil(duty) : roundToMinor(duty, schedule.currency);
}

/** Every fee on one trade, each rounded to the cent, plus their total (REQ-007). */
export function calculateFees(trade: Trade, turnover30d: number): FeeBreakdown {
  if (trade.quantity <= 0 || !Number.isInteger(trade.quantity)) {
    throw new RangeError(`quantity must be a positive whole number, got ${trade.quantity}`);
  }
  if (trade.price <= 0) {
    throw new RangeError(`price must be positive, got ${trade.price}`);
  }
  const schedule = SCHEDULES[trade.market];
  const { currency } = schedule;
  const notional = roundToMinor(trade.quantity * trade.price, currency);

  const tier = tierFor(schedule, turnover30d);
  const rawCommission = (notional * tier.rateBps) / 10_000;
  const commission = roundToMinor(Math.max(rawCommission, schedule.minimumCommission), currency);

  const breakdown = {
    currency,
    notional,
    commission,
    stampDuty: stampDuty(schedule, trade.side, notional),
    exchangeFee: roundToMinor(notional * schedule.exchangeFeeRate, currency),
    transferFee: roundToMinor(notional * schedule.transferFeeRate, currency),
  };
  const total = sumMoney(
    [breakdown.commission, breakdown.stampDuty, breakdown.exchangeFee, breakdown.transferFee],
    currency,
  );
  return { ...breakdown, total };
}

/** Cash that moves for the trade: buyers pay notional plus fees, sellers receive notional less fees. */
export function netSettlementAmount(trade: Trade, fees: FeeBreakdown): number {
  const signed = trade.side === 'buy' ? fees.notional + fees.total : fees.notional - fees.total;
  return roundToMinor(signed, fees.currency);
}
