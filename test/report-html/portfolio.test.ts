import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderPortfolioHtml } from '../../src/report/html/index.js';
import { assertWellFormed, HOSTILE_NAME, PORTFOLIO, references } from './fixtures.js';

describe('renderPortfolioHtml', () => {
  const html = renderPortfolioHtml(PORTFOLIO);

  it('is complete without JavaScript: every project, every column, no buttons in the markup', () => {
    expect(() => assertWellFormed(html)).not.toThrow();
    expect(html.match(/<tr>/g)!.length).toBe(PORTFOLIO.length + 1);
    for (const head of ['Project', 'Tier', 'Phase', 'Health', 'SPI', 'CPI', 'Defect density', 'Open warnings']) expect(html).toContain(`>${head}</th>`);
    expect(html).not.toContain('<button');
    expect(html).toContain('<span aria-hidden="true">✖</span> Critical');
    expect(html).toContain('16.45 per KLOC');
    expect(html).toMatch(/data-sort="">.*not measured/);
  });

  it('allows only its own script, by hash, and fetches nothing', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(references(html).filter((r) => !r.startsWith('#'))).toEqual([]);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('escapes project names and says when there are no projects', () => {
    const hostile = renderPortfolioHtml([{ ...PORTFOLIO[0]!, project: HOSTILE_NAME, tier: '</script>' }]);
    expect(hostile).not.toContain(HOSTILE_NAME);
    expect(hostile.match(/<\/script>/g)).toBeNull(); // one row: nothing to sort, so no script
    expect(() => assertWellFormed(hostile)).not.toThrow();
    expect(renderPortfolioHtml([])).toContain('No projects have a report yet.');
  });
});
