/** Document rules: required documents exist, are signed off by named roles, and are current. */
import { globMatcher } from '../glob.js';
import type { DocumentEvidence, EvidenceBundle } from '../../evidence/types.js';
import type { DocumentRule } from '../../policy/types.js';
import { missing, type Outcome } from '../outcome.js';

/** The documents a rule is about: matched by its globs, or by kind when it names no paths. */
export function matchingDocuments(rule: DocumentRule, docs: readonly DocumentEvidence[]): DocumentEvidence[] {
  if (rule.paths.length === 0) return docs.filter((d) => d.kind === rule.docKind);
  const isMatch = globMatcher(rule.paths);
  return docs.filter((d) => isMatch(d.path));
}

const day = (iso: string): string => iso.slice(0, 10);

/** Problems with one document's sign-offs: missing roles, or sign-offs older than the last change. */
function signoffProblems(rule: DocumentRule, doc: DocumentEvidence): string[] {
  const problems: string[] = [];
  for (const role of rule.signoff) {
    const signs = doc.signoffs.filter((s) => s.role === role);
    if (signs.length === 0) {
      problems.push(`${doc.path} is not signed off by a ${role}`);
      continue;
    }
    const current = signs.some((s) => !doc.updated || day(s.date) >= day(doc.updated));
    if (!current) {
      const last = signs.map((s) => day(s.date)).sort().at(-1);
      problems.push(`${doc.path}: ${role} signed on ${last} but the document changed on ${day(doc.updated ?? '')}`);
    }
  }
  return problems;
}

/** Problems with currency: the document must be newer than every document it answers. */
function freshnessProblems(rule: DocumentRule, doc: DocumentEvidence, all: readonly DocumentEvidence[]): string[] {
  const problems: string[] = [];
  for (const kind of rule.newerThan) {
    for (const other of all.filter((d) => d.kind === kind)) {
      if (doc.updated && other.updated && day(doc.updated) < day(other.updated)) {
        problems.push(`${doc.path} (${day(doc.updated)}) is older than ${other.path} (${day(other.updated)})`);
      }
    }
  }
  return problems;
}

/** `path (updated 2026-09-10): signed by Li Wei (product-manager, 2026-09-12)`. */
function describeSigned(doc: DocumentEvidence): string {
  const when = doc.updated ? ` (updated ${day(doc.updated)})` : '';
  const signs = doc.signoffs.map((s) => `${s.by} (${s.role}, ${day(s.date)})`).join(', ');
  return `${doc.path}${when}: ${signs ? `signed by ${signs}` : 'no sign-off needed'}`;
}

/** Evaluates a document rule against the collected documents. */
export function evaluateDocument(rule: DocumentRule, evidence: EvidenceBundle): Outcome {
  const where = rule.paths.length ? rule.paths.join(', ') : `kind ${rule.docKind}`;
  const collected = evidence.sources.some((s) => s.kind === 'docs');
  const base = { metric: null, operator: null, threshold: rule.signoff.length ? `signed by ${rule.signoff.join(', ')}` : 'present' };
  if (!collected) {
    return missing(`documents were not collected`, `pass --docs so the ${rule.docKind} documents are read`, base);
  }
  const docs = matchingDocuments(rule, evidence.documents);
  if (docs.length === 0) {
    return {
      ...base,
      result: 'fail',
      actual: 'no document',
      message: `no ${rule.docKind} document matches ${where}`,
      hint: `add the ${rule.docKind} document under ${where}`,
    };
  }
  const problems = docs.flatMap((d) => [...signoffProblems(rule, d), ...freshnessProblems(rule, d, evidence.documents)]);
  const signers = [...new Set(docs.flatMap((d) => d.signoffs.map((s) => s.role)))].sort();
  const actual = `${docs.length} document${docs.length === 1 ? '' : 's'}` + (signers.length ? `, signed by ${signers.join(', ')}` : ', unsigned');
  if (problems.length === 0) {
    const more = docs.length > 3 ? `; and ${docs.length - 3} more` : '';
    return { ...base, result: 'pass', actual, message: docs.slice(0, 3).map(describeSigned).join('; ') + more, hint: '' };
  }
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return {
    ...base,
    result: 'fail',
    actual,
    message: problems.slice(0, 3).join('; ') + more,
    hint: rule.signoff.length
      ? `have the ${rule.signoff.join(' and ')} sign off the current version (front matter signoff or a .signoff.yaml file)`
      : `update the ${rule.docKind} document`,
  };
}
