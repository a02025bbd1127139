/**
 * Accessible tables: a real <table> with a <caption>, column headers with scope="col", the
 * first cell of each row a row header with scope="row", numbers right-aligned. Each table sits
 * in its own focusable, labelled scroll region so a wide table scrolls sideways on a phone
 * instead of widening the page.
 */
import { esc } from './escape.js';

/** One column: its header text and how a row fills its cell (HTML, already escaped). */
export interface Column<T> {
  head: string;
  cell: (row: T) => string;
  /** Right-aligned, tabular figures. */
  num?: boolean;
  /** Extra attributes of every cell in this column (e.g. data-sort values). */
  attrs?: (row: T) => string;
}

/** How many rows of a list a page shows at most; the rest is counted ("and 12 more"). */
export const MAX_ROWS = 50;

/** The "N more not shown" note for a capped list, or '' when nothing was cut. */
export function moreNote(total: number, shown: number, what: string): string {
  if (total <= shown) return '';
  return `<p class="more">… and ${(total - shown).toLocaleString('en-US')} more ${esc(what)} not shown here (${total.toLocaleString('en-US')} in all; the JSON report has every one).</p>`;
}

function cellTag<T>(col: Column<T>, row: T, first: boolean): string {
  const cls = col.num ? ' class="num"' : '';
  const extra = col.attrs ? ` ${col.attrs(row)}` : '';
  return first ? `<th scope="row"${cls}${extra}>${col.cell(row)}</th>` : `<td${cls}${extra}>${col.cell(row)}</td>`;
}

/** Options of `table`. */
export interface TableOptions {
  /** The id of the <table>. */
  id: string;
  /** Shown instead of an empty table. */
  empty?: string;
  /** Extra attributes of each header cell, by column index. */
  headAttrs?: (i: number) => string;
}

/** A captioned table in a scroll region; `empty` (a paragraph) when there are no rows. */
export function table<T>(caption: string, cols: readonly Column<T>[], rows: readonly T[], opts: TableOptions): string {
  if (rows.length === 0) return `<p class="empty">${opts.empty ?? 'None.'}</p>`;
  const head = cols
    .map((c, i) => `<th scope="col"${c.num ? ' class="num"' : ''}${opts.headAttrs ? opts.headAttrs(i) : ''}>${c.head}</th>`)
    .join('');
  const body = rows.map((r) => `<tr>${cols.map((c, i) => cellTag(c, r, i === 0)).join('')}</tr>`).join('\n');
  const capId = `${opts.id}-caption`;
  return [
    `<div class="table-wrap" role="region" aria-labelledby="${capId}" tabindex="0">`,
    `<table id="${opts.id}"><caption id="${capId}">${caption}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table></div>`,
  ].join('\n');
}

/** A description list of label/value pairs (values already HTML). */
export function facts(pairs: ReadonlyArray<[string, string]>): string {
  return `<dl class="facts">${pairs.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

/** A section with its h2 and an id for the table of contents. */
export function section(id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${title}</h2>\n${body}\n</section>`;
}
