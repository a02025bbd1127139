/**
 * Finds the members of JSON objects and the elements of arrays as ranges of the text,
 * without building the document, so that a large log can be parsed one small piece at a
 * time. Structure between pieces is checked here; the pieces themselves by JSON.parse.
 */

/** A structural error at `offset`; callers re-diagnose the whole text for the message. */
export class JsonStructureError extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at offset ${offset}`);
  }
}

export interface Range {
  start: number;
  end: number;
}

const QUOTE = 34, BACKSLASH = 92, OPEN_OBJ = 123, CLOSE_OBJ = 125, OPEN_ARR = 91, CLOSE_ARR = 93, COMMA = 44, COLON = 58;

export class JsonSlicer {
  constructor(readonly s: string) {}

  /** The first non-whitespace index at or after `i`. */
  ws(i: number): number {
    const s = this.s;
    for (let c = s.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++i));
    return i;
  }

  private fail(i: number): never {
    throw new JsonStructureError(i);
  }

  /** `i` is at an opening quote; returns the index after the closing one. */
  private string(i: number): number {
    for (let j = i + 1; ; ) {
      const k = this.s.indexOf('"', j);
      if (k < 0) this.fail(i);
      let backslashes = 0;
      while (this.s.charCodeAt(k - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return k + 1;
      j = k + 1;
    }
  }

  /** `i` is at the start of a value; returns the index after it. */
  value(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c === QUOTE) return this.string(i);
    if (c === OPEN_OBJ || c === OPEN_ARR) {
      let depth = 0;
      for (let j = i; ; j++) {
        const d = s.charCodeAt(j);
        if (d === QUOTE) j = this.string(j) - 1;
        else if (d === OPEN_OBJ || d === OPEN_ARR) depth++;
        else if (d === CLOSE_OBJ || d === CLOSE_ARR) {
          if (--depth === 0) return j + 1;
        } else if (Number.isNaN(d)) this.fail(j);
      }
    }
    let j = i;
    for (let d = c; d === d && d !== COMMA && d !== CLOSE_OBJ && d !== CLOSE_ARR && d > 32; d = s.charCodeAt(++j));
    if (j === i) this.fail(i);
    return j;
  }

  /** The members of the object at `i`, with each value's range. */
  members(i: number): { key: string; value: Range }[] {
    const s = this.s;
    if (s.charCodeAt(i) !== OPEN_OBJ) this.fail(i);
    const out: { key: string; value: Range }[] = [];
    let j = this.ws(i + 1);
    if (s.charCodeAt(j) === CLOSE_OBJ) return out;
    for (;;) {
      if (s.charCodeAt(j) !== QUOTE) this.fail(j);
      const keyEnd = this.string(j);
      const key = JSON.parse(s.slice(j, keyEnd)) as string;
      j = this.ws(keyEnd);
      if (s.charCodeAt(j) !== COLON) this.fail(j);
      const start = this.ws(j + 1);
      const end = this.value(start);
      out.push({ key, value: { start, end } });
      j = this.ws(end);
      const c = s.charCodeAt(j);
      if (c === CLOSE_OBJ) return out;
      if (c !== COMMA) this.fail(j);
      j = this.ws(j + 1);
    }
  }

  /** The elements of the array at `i`, one range at a time. */
  *elements(i: number): Generator<Range> {
    const s = this.s;
    if (s.charCodeAt(i) !== OPEN_ARR) this.fail(i);
    let j = this.ws(i + 1);
    if (s.charCodeAt(j) === CLOSE_ARR) return;
    for (;;) {
      const end = this.value(j);
      yield { start: j, end };
      j = this.ws(end);
      const c = s.charCodeAt(j);
      if (c === CLOSE_ARR) return;
      if (c !== COMMA) this.fail(j);
      j = this.ws(j + 1);
    }
  }
}
