export { CURRENCIES, formatMoney, isCurrency, minorUnitDigits, roundToMinor, sumMoney } from './money.js';
export type { Currency } from './money.js';
export { SCHEDULES, calculateFees, netSettlementAmount, tierFor } from './fees.js';
export type { CommissionTier, FeeBreakdown, FeeSchedule, Market, Side, Trade } from './fees.js';
export { confirmationLines } from './confirmation.js';
export { RateTable, StaleRateError, convert } from './fx.js';
export type { FxQuote } from './fx.js';
export { SETTLEMENT_CYCLE, addBusinessDays, isBusinessDay, parseHolidayCalendar, settlementDate } from './settlement.js';
export type { HolidayCalendar } from './settlement.js';
