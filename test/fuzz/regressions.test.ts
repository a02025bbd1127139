/** Counterexamples the fuzz suite found, kept as plain tests so they stay fixed whatever the seeds draw. */
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/index.js';
import { PhasegateError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

describe('fuzz regressions', () => {
  it('an LCOV line with a CR inside is quoted escaped, on one diagnostic line (seed 424242, lcov family)', async () => {
    const cwd = tempDir({ 'lcov-a.info': 'SF:a.ts\nBRDA:3\r0,0,1\nend_of_record\n' });
    const err = await collectEvidence({ junit: [], coverage: ['lcov-a.info'], sarif: [], docs: [], cwd }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhasegateError);
    const message = (err as PhasegateError).diagnostics[0]!.message;
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).toContain('malformed BRDA:3\\u000d0,0,1');
  });

  it('a Locust cell with a 400-digit number is no number: the percentile is absent, not a broken bundle (random seed 1220009835, locust family)', async () => {
    const head = 'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%';
    const huge = '9'.repeat(400);
    const cwd = tempDir({
      'locust_stats.csv': `${head}\nGET,/api/items,1500,0,12,15.3,5,120,450,50.0,0.0,${huge},14,16,18,25,40,60,80,110,120,120\n,Aggregated,1500,0,12,15.3,5,120,450,50.0,0.0,12,14,16,18,25,40,60,80,110,120,120\n`,
    });
    const bundle = await collectEvidence({ junit: [], coverage: [], sarif: [], docs: [], perf: ['locust_stats.csv'], cwd });
    expect(bundle.metrics['perf.tx.api-items.p50']).toBeUndefined();
    expect(bundle.metrics['perf.tx.api-items.p95']).toBe(40);
  });

  it('front matter of 5,000 compact "- " levels on one line is refused in one line, not a stack overflow (random seed 1086637953, docs family)', async () => {
    const cwd = tempDir({ 'requirements.md': `---\n${'- '.repeat(5000)}x\n---\n# Requirements\n` });
    const err = await collectEvidence({ junit: [], coverage: [], sarif: [], docs: ['requirements=requirements.md'], cwd }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhasegateError);
    expect((err as PhasegateError).diagnostics[0]!.message).toMatch(/nested deeper than 64 levels; it is metadata, keep it flat$/);
  });
});

