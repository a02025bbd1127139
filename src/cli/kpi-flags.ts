/** The KPI settings flags (--dora-window, --base-branch) of report, metrics, forecast and gate; light, for registration. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { KpiSettings } from '../core/kpis.js';

/** Parses --dora-window DAYS: a whole number from 1 to 3660. */
export const doraWindowDays = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3660) throw new InvalidArgumentError('expected a whole number of days from 1 to 3660, e.g. --dora-window 90');
  return n;
};

/** Adds --dora-window and --base-branch (they win over the policy's settings.doraWindowDays and settings.baseBranch). */
export function kpiSettingOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--dora-window <days>', 'window of the DORA and test-analytics KPIs, days back from the as-of time (default: the policy\'s settings.doraWindowDays, else 30)').argParser(doraWindowDays))
    .option('--base-branch <name>', 'the base branch new test failures are compared with (default: the policy\'s settings.baseBranch, else main)');
}

/** The KPI settings the flags give. */
export function kpiSettingsOf(opts: { doraWindow?: number; baseBranch?: string }): KpiSettings {
  return { ...(opts.doraWindow !== undefined ? { doraWindowDays: opts.doraWindow } : {}), ...(opts.baseBranch !== undefined ? { baseBranch: opts.baseBranch } : {}) };
}
