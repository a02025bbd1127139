/**
 * Positions in JSON text, for error messages: where a syntax error is, and where the value
 * at a JSON pointer starts. Only run after JSON.parse or a schema check failed, so its
 * speed does not matter; it never builds the document.
 */

export interface Position {
  line: number;
  col: number;
}

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

class Scan {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }
  fail(what: string): never {
    throw new JsonSyntax(this.i, what);
  }
  string(): string {
    const start = ++this.i;
    let out = '';
    let from = start;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c)) this.fail('unterminated string');
      if (c < 0x20) this.fail('control character in string');
      if (c === 0x22) break;
      if (c === 0x5c) {
        out += this.s.slice(from, this.i);
        const e = this.s[this.i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail('bad \\u escape');
          out += String.fromCharCode(parseInt(this.s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else {
          const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (!(e in map)) this.fail('bad escape in string');
          out += map[e];
          this.i += 2;
        }
        from = this.i;
        continue;
      }
      this.i++;
    }
    out += this.s.slice(from, this.i);
    this.i++;
    return out;
  }
  /**
   * Skips the value at the cursor; given a `path`, returns the offset of the value the path
   * leads to instead (undefined when it is not there). Iterative, with an explicit stack of
   * open containers: `[[[[…` 100,000 deep must not overflow the call stack.
   */
  value(path?: string[]): number | undefined {
    const closes: string[] = []; // the close character of every open container
    const counts: number[] = []; // members read so far in each
    let matched = 0; // path parts matched: the value being read is on the path iff closes.length === matched
    for (;;) {
      this.ws();
      const onPath = path !== undefined && closes.length === matched;
      if (onPath && matched === path.length) return this.i;
      const c = this.s[this.i];
      let opened = false;
      if (c === '{' || c === '[') {
        this.i++;
        this.ws();
        const close = c === '{' ? '}' : ']';
        if (this.s[this.i] === close) this.i++;
        else {
          closes.push(close);
          counts.push(0);
          opened = true;
        }
      } else if (c === '"') this.string();
      else this.literal(c);
      if (onPath && !opened) return undefined; // a scalar or empty container where the path goes on
      // After a value (or a container's opening): the next member, or the containers it closes.
      for (let first = opened; ; first = false) {
        if (closes.length === 0) return undefined;
        const close = closes[closes.length - 1]!;
        if (!first) {
          this.ws();
          if (this.s[this.i] === ',') this.i++;
          else if (this.s[this.i] === close) {
            this.i++;
            closes.pop();
            counts.pop();
            // The container on the path ended without the member the path names.
            if (path !== undefined && closes.length < matched) return undefined;
            continue;
          } else this.fail(`expected ',' or '${close}'`);
        }
        const n = counts[counts.length - 1]!;
        counts[counts.length - 1] = n + 1;
        let key = String(n);
        if (close === '}') {
          this.ws();
          if (this.s[this.i] !== '"') this.fail('expected a property name in double quotes');
          key = this.string();
          this.ws();
          if (this.s[this.i] !== ':') this.fail("expected ':' after a property name");
          this.i++;
        }
        if (path !== undefined && closes.length === matched + 1 && key === path[matched]) matched++;
        break;
      }
    }
  }
  /** A literal (`true`, `false`, `null`, a number) at the cursor. */
  private literal(c: string | undefined): void {
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.s.slice(this.i, this.i + 400));
    if (!lit) this.fail(c === undefined ? 'unexpected end of JSON' : `unexpected character ${JSON.stringify(c)}`);
    this.i += lit[0].length;
  }
}

class JsonSyntax extends Error {
  constructor(readonly offset: number, readonly what: string) {
    super(what);
  }
}

/** The first syntax error in `text`, located; undefined when the text is valid JSON. */
export function findSyntaxError(text: string): (Position & { message: string }) | undefined {
  const scan = new Scan(text);
  try {
    scan.value();
    scan.ws();
    if (scan.i < text.length) scan.fail('unexpected text after the JSON value');
    return undefined;
  } catch (err) {
    if (!(err instanceof JsonSyntax)) throw err;
    return { ...positionAt(text, err.offset), message: err.what };
  }
}

/** Where the value at JSON pointer `pointer` (e.g. `/runs/0/results`) starts; line 1 col 1 if not found. */
export function locatePointer(text: string, pointer: string): Position {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts.length === 0) return positionAt(text, text.length - text.trimStart().length);
  const scan = new Scan(text);
  try {
    const at = scan.value(parts);
    return positionAt(text, at ?? 0);
  } catch {
    return { line: 1, col: 1 };
  }
}
