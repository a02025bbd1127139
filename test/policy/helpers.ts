/** In-memory policy trees for loader tests: every file lives under /p, built-ins under /p/builtin. */
import { formatDiagnostic } from '../../src/errors.js';
import { loadPolicy, memoryReader, validatePolicyFiles, type LoadOptions } from '../../src/policy/index.js';
import type { EffectivePolicy } from '../../src/policy/types.js';

export const ROOT = '/p';

export function options(files: Record<string, string | Uint8Array>): LoadOptions {
  return { cwd: ROOT, builtinDir: `${ROOT}/builtin`, reader: memoryReader(files, ROOT) };
}

/** Every problem of `entry` and its chain, as users see them. */
export function problems(files: Record<string, string | Uint8Array>, entry = 'project.yaml'): string[] {
  return validatePolicyFiles([entry], options(files)).map(formatDiagnostic);
}

/** The effective policy of `entry`; throws like the CLI would. */
export function load(files: Record<string, string | Uint8Array>, entry = 'project.yaml'): EffectivePolicy {
  return loadPolicy({ file: entry }, options(files));
}

/** A minimal valid policy file with the given body after the header. */
export const policy = (body = '', name = 'demo'): string => `schemaVersion: 1\nname: ${name}\n${body}`;

/** A small built-in tier policy for layering tests; line numbers matter to the assertions. */
export const BUILTIN = `schemaVersion: 1
name: strategic
tier: strategic
phases:
  requirements:
    - id: req-doc
      document: { kind: requirements, paths: ["docs/req/**"], signoff: [product-manager, business-owner], newerThan: [vision] }
      locked: true
  design:
    - id: freeze
      freeze: { paths: ["docs/req/**"], date: 2026-10-15, approvers: [change-board], label: cr-approved }
      locked: true
  implementation:
    - id: review
      approval: { min: 2, roles: [code-owner], teams: [payments] }
      locked: true
  testing:
    - id: cov
      metric: coverage.line
      operator: ">="
      threshold: 80
      locked: true
    - id: soft
      metric: defects.density
      operator: "<="
      threshold: 2
      severity: warn
      onMissing: pass
      locked: true
    - id: crit
      metric: security.critical
      operator: "=="
      threshold: 0
      locked: true
      waivable: false
    - id: open
      metric: tests.passRate
      operator: ">="
      threshold: 90
      hint: fix the tests
`;
