/**
 * Reads `.phasegate/plan.yaml`: YAML with positions (the policy loader's parser and locator),
 * the plan schema, then the checks a schema cannot make (finish before start, budgets that do
 * not add up, twice-planned items), and the optional cost sheet. Every problem is reported
 * at once as `file:line:col: message`.
 */
import path from 'node:path';
import { PhasegateError, type Diagnostic } from '../errors.js';
import { parsePolicyBytes, type PolicyFile } from '../policy/text.js';
import { readActualsCsv } from './actuals-csv.js';
import { inputFile, readBytes } from './files.js';
import { lineCol, planSchemaDiagnostics, planSchemaErrors } from './plan-messages.js';
import { resolvePlan } from './plan-model.js';
import type { Plan } from './types.js';
import { pushAll } from '../io/array.js';

/** Where relative paths start (default: the current directory). */
export interface LoadFileOptions {
  cwd?: string;
}

/** A plan lists every work item: it may be larger than a policy (the YAML limits on aliases and depth still apply). */
export const MAX_PLAN_BYTES = 1024 * 1024;

function parse(bytes: Uint8Array, abs: string, shown: string): { file?: PolicyFile; diagnostics: Diagnostic[] } {
  const parsed = parsePolicyBytes(bytes, { abs, display: shown, layer: shown, maxBytes: MAX_PLAN_BYTES });
  // The YAML reader is shared with policies; its messages name "the policy" where this is a plan.
  return { file: parsed.file, diagnostics: parsed.diagnostics.map((d) => ({ ...d, message: d.message.replace(/\bpolicy\b/g, 'plan') })) };
}

function toPlan(data: Record<string, unknown>, shown: string): Plan {
  const { schemaVersion: _v, actualsFile: _a, ...rest } = data;
  return { ...(rest as unknown as Plan), file: shown };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

/**
 * Loads and checks a plan file (absolute or relative to `opts.cwd`). Throws one
 * PhasegateError listing every problem, each located in the plan or its cost sheet.
 */
export function loadPlanFile(file: string, opts: LoadFileOptions = {}): Plan {
  const f = inputFile(file, opts.cwd);
  const parsed = parse(readBytes(f), f.abs, f.shown);
  if (!parsed.file) throw new PhasegateError(parsed.diagnostics);
  const doc = parsed.file;
  const errors = planSchemaErrors(doc.data);
  if (errors.length > 0) throw new PhasegateError(planSchemaDiagnostics(doc, errors).sort(byPosition));
  const data = doc.data as Record<string, unknown>;
  const plan = toPlan(data, f.shown);
  const diagnostics: Diagnostic[] = resolvePlan(plan).problems.map((p) => ({ file: f.shown, ...lineCol(doc, p.path), message: p.message }));
  if (typeof data.actualsFile === 'string') {
    const sheet = inputFile(data.actualsFile, path.dirname(f.abs));
    const csv = readActualsCsv({ abs: sheet.abs, shown: path.posix.join(path.posix.dirname(f.shown), data.actualsFile) });
    pushAll(diagnostics, csv.diagnostics);
    plan.actuals = [...(plan.actuals ?? []), ...csv.actuals];
  }
  if (diagnostics.length > 0) throw new PhasegateError(diagnostics.sort(byPosition));
  return plan;
}
