/**
 * A small OData $filter evaluator for the list operations ("state eq 'idle' or state eq 'running'",
 * "(state eq 'idle')", "startswith(id,'linux')", "isDedicated eq true", "not (state eq 'offline')").
 * Supports eq/ne/gt/ge/lt/le, and/or/not, parentheses, startswith/endswith/substringof/contains,
 * string ('it''s'), number, true/false/null and datetime'...' literals. String comparison ignores case.
 */

export type FieldReader = (field: string) => unknown;

type Expr =
  | { kind: 'or' | 'and'; left: Expr; right: Expr }
  | { kind: 'not'; inner: Expr }
  | { kind: 'cmp'; op: string; left: Operand; right: Operand }
  | { kind: 'call'; name: string; args: Operand[] };

type Operand = { kind: 'field'; name: string } | { kind: 'literal'; value: unknown } | { kind: 'call'; name: string; args: Operand[] };

interface Token {
  type: 'ident' | 'string' | 'number' | 'punct';
  text: string;
  value?: unknown;
}

export class FilterError extends Error {}

const COMPARISON = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'substringof', 'contains']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'punct', text: c });
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) { throw new FilterError('unterminated string literal'); }
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += input[i++];
      }
      tokens.push({ type: 'string', text: value, value });
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(input.slice(i));
      if (!m) { throw new FilterError(`unexpected character '${c}'`); }
      tokens.push({ type: 'number', text: m[0], value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_/.]*/.exec(input.slice(i))!;
      i += m[0].length;
      if (m[0].toLowerCase() === 'datetime' && input[i] === "'") {
        const end = input.indexOf("'", i + 1);
        if (end < 0) { throw new FilterError('unterminated datetime literal'); }
        const text = input.slice(i + 1, end);
        tokens.push({ type: 'string', text, value: new Date(text).getTime() });
        i = end + 1;
      } else {
        tokens.push({ type: 'ident', text: m[0] });
      }
    } else {
      throw new FilterError(`unexpected character '${c}'`);
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const e = this.or();
    if (this.pos < this.tokens.length) { throw new FilterError(`unexpected '${this.tokens[this.pos]!.text}'`); }
    return e;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t?.type === 'ident' && t.text.toLowerCase() === word;
  }

  private expect(text: string): void {
    const t = this.tokens[this.pos++];
    if (!t || t.text !== text) { throw new FilterError(`expected '${text}'`); }
  }

  private or(): Expr {
    let left = this.and();
    while (this.isWord('or')) {
      this.pos++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.unary();
    while (this.isWord('and')) {
      this.pos++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isWord('not')) {
      this.pos++;
      return { kind: 'not', inner: this.unary() };
    }
    if (this.peek()?.text === '(') {
      this.pos++;
      const inner = this.or();
      this.expect(')');
      return this.maybeCompared(inner);
    }
    const left = this.operand();
    const opToken = this.peek();
    if (opToken?.type === 'ident' && COMPARISON.has(opToken.text.toLowerCase())) {
      this.pos++;
      return { kind: 'cmp', op: opToken.text.toLowerCase(), left, right: this.operand() };
    }
    if (left.kind === 'call') { return { kind: 'call', name: left.name, args: left.args }; }
    throw new FilterError('expected a comparison (eq, ne, gt, ge, lt, le)');
  }

  /** "(expr) eq true" is allowed for boolean sub-expressions. */
  private maybeCompared(inner: Expr): Expr {
    if (this.isWord('eq') || this.isWord('ne')) {
      const op = this.tokens[this.pos++]!.text.toLowerCase();
      const right = this.operand();
      if (right.kind !== 'literal' || typeof right.value !== 'boolean') { throw new FilterError('a parenthesised expression can only be compared with true or false'); }
      return (op === 'eq') === right.value ? inner : { kind: 'not', inner };
    }
    return inner;
  }

  private operand(): Operand {
    const t = this.tokens[this.pos++];
    if (!t) { throw new FilterError('unexpected end of filter'); }
    if (t.type === 'string' || t.type === 'number') { return { kind: 'literal', value: t.value }; }
    if (t.type === 'ident') {
      const lower = t.text.toLowerCase();
      if (lower === 'true' || lower === 'false') { return { kind: 'literal', value: lower === 'true' }; }
      if (lower === 'null') { return { kind: 'literal', value: null }; }
      if (this.peek()?.text === '(') {
        if (!FUNCTIONS.has(lower)) { throw new FilterError(`unsupported function '${t.text}'`); }
        this.pos++;
        const args: Operand[] = [];
        if (this.peek()?.text !== ')') {
          args.push(this.operand());
          while (this.peek()?.text === ',') {
            this.pos++;
            args.push(this.operand());
          }
        }
        this.expect(')');
        return { kind: 'call', name: lower, args };
      }
      return { kind: 'field', name: t.text };
    }
    throw new FilterError(`unexpected '${t.text}'`);
  }
}

export interface CompiledFilter {
  fields: string[];
  test(read: FieldReader): boolean;
}

function collectFields(e: Expr | Operand, out: Set<string>): void {
  switch (e.kind) {
    case 'or':
    case 'and':
      collectFields(e.left, out);
      collectFields(e.right, out);
      break;
    case 'not':
      collectFields(e.inner, out);
      break;
    case 'cmp':
      collectFields(e.left, out);
      collectFields(e.right, out);
      break;
    case 'call':
      e.args.forEach((a) => collectFields(a, out));
      break;
    case 'field':
      out.add(e.name);
      break;
    case 'literal':
      break;
  }
}

function normalize(v: unknown): unknown {
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(t) ? t : v.toLowerCase();
  }
  return v;
}

function value(o: Operand, read: FieldReader): unknown {
  if (o.kind === 'literal') { return o.value; }
  if (o.kind === 'field') { return read(o.name); }
  return call(o.name, o.args, read);
}

function call(name: string, args: Operand[], read: FieldReader): boolean {
  const [a, b] = args.map((x) => value(x, read)).map((v) => (typeof v === 'string' ? v.toLowerCase() : String(v ?? '')));
  if (a === undefined || b === undefined) { throw new FilterError(`${name} needs two arguments`); }
  if (name === 'startswith') { return a.startsWith(b); }
  if (name === 'endswith') { return a.endsWith(b); }
  if (name === 'substringof') { return b.includes(a); }
  return a.includes(b); // contains
}

function evaluate(e: Expr, read: FieldReader): boolean {
  switch (e.kind) {
    case 'or':
      return evaluate(e.left, read) || evaluate(e.right, read);
    case 'and':
      return evaluate(e.left, read) && evaluate(e.right, read);
    case 'not':
      return !evaluate(e.inner, read);
    case 'call':
      return call(e.name, e.args, read);
    case 'cmp': {
      const l = normalize(value(e.left, read));
      const r = normalize(value(e.right, read));
      switch (e.op) {
        case 'eq':
          return l === r;
        case 'ne':
          return l !== r;
        default: {
          if (l === undefined || l === null || r === undefined || r === null) { return false; }
          const [x, y] = [l as number | string, r as number | string];
          return e.op === 'gt' ? x > y : e.op === 'ge' ? x >= y : e.op === 'lt' ? x < y : x <= y;
        }
      }
    }
  }
}

/** Parses a $filter; throws FilterError with a readable reason. */
export function compileFilter(text: string): CompiledFilter {
  const expr = new Parser(tokenize(text)).parse();
  const fields = new Set<string>();
  collectFields(expr, fields);
  return { fields: [...fields], test: (read) => evaluate(expr, read) };
}

/** Parses "$select=id,state" into property names (empty list = no $select). */
export function parseSelect(text: string | undefined): string[] {
  if (text === undefined) { return []; }
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
