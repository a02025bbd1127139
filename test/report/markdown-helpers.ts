/** Structural checks of rendered Markdown: every table well formed, no row cut short. */

/** The tables of a Markdown text, each as its lines (header, separator, rows). */
export function tables(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (cur ??= []).push(line);
    else if (cur) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** The cells of a table row, split on unescaped pipes. */
export function cells(row: string): string[] {
  return row.replace(/^\| /, '').replace(/ \|$/, '').split(/(?<!\\) \| /);
}

/** Problems with a table: a row with another cell count than the header, or without its closing pipe. */
export function tableProblems(t: readonly string[]): string[] {
  const width = cells(t[0]!).length;
  const sep = `| ${Array.from({ length: width }, () => '---').join(' | ')} |`;
  const problems = t[1] === sep ? [] : [`bad separator: ${t[1]}`];
  for (const row of t.slice(2)) if (!row.endsWith(' |') || cells(row).length !== width) problems.push(`bad row: ${row.slice(0, 120)}`);
  return problems;
}
