/** A small SOQL subset: SELECT fields|COUNT() FROM obj [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]. */
export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'date'; readonly value: string }
  | { readonly kind: 'datetime'; readonly value: number };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly inner: Condition }
  | { readonly kind: 'compare'; readonly field: string; readonly op: CompareOp; readonly value: Literal }
  | {
      readonly kind: 'in';
      readonly field: string;
      readonly negated: boolean;
      readonly values: readonly Literal[];
    };

export interface OrderBy {
  readonly field: string;
  readonly desc: boolean;
  readonly nullsLast: boolean;
}

export interface SoqlQuery {
  readonly fields: readonly string[];
  readonly count: boolean;
  readonly from: string;
  readonly where: Condition | null;
  readonly orderBy: readonly OrderBy[];
  readonly limit: number | null;
  readonly offset: number;
}

export class SoqlSyntaxError extends Error {
  override readonly name = 'SoqlSyntaxError';
}

type Token = {
  readonly type: 'word' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct';
  readonly text: string;
};

const PATTERNS: readonly [Token['type'], RegExp][] = [
  ['datetime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/],
  ['date', /^\d{4}-\d{2}-\d{2}(?![\dT])/],
  ['number', /^-?\d+(?:\.\d+)?/],
  ['word', /^[A-Za-z_][A-Za-z0-9_.]*/],
  ['op', /^(?:!=|<>|<=|>=|=|<|>)/],
  ['punct', /^[(),]/],
];

function tokenize(soql: string): Token[] {
  const out: Token[] = [];
  let rest = soql.trim();
  for (let guard = 0; rest.length > 0 && guard < 100_000; guard += 1) {
    if (rest.startsWith("'")) {
      const m = /^'((?:[^'\\]|\\.)*)'/.exec(rest);
      if (!m) throw new SoqlSyntaxError(`unexpected token: ${rest.slice(0, 20)}`);
      out.push({
        type: 'string',
        text: (m[1] ?? '').replace(/\\(.)/g, (_s, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c),
      });
      rest = rest.slice(m[0].length).trimStart();
      continue;
    }
    const hit = PATTERNS.map(([type, re]) => [type, re.exec(rest)] as const).find(([, m]) => m !== null);
    const m = hit?.[1];
    if (!hit || !m) throw new SoqlSyntaxError(`unexpected token: ${rest.slice(0, 20)}`);
    out.push({ type: hit[0], text: m[0] });
    rest = rest.slice(m[0].length).trimStart();
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw new SoqlSyntaxError('unexpected end of query');
    this.pos += 1;
    return t;
  }
  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t?.type === 'word' && t.text.toUpperCase() === word;
  }
  private keyword(word: string): void {
    const t = this.next();
    if (t.type !== 'word' || t.text.toUpperCase() !== word)
      throw new SoqlSyntaxError(`unexpected token: ${t.text}`);
  }
  private punct(p: string): void {
    const t = this.next();
    if (t.text !== p) throw new SoqlSyntaxError(`unexpected token: ${t.text}`);
  }
  private ident(): string {
    const t = this.next();
    if (t.type !== 'word') throw new SoqlSyntaxError(`unexpected token: ${t.text}`);
    return t.text;
  }
  private integer(): number {
    const t = this.next();
    if (t.type !== 'number' || !/^\d+$/.test(t.text))
      throw new SoqlSyntaxError(`unexpected token: ${t.text}`);
    return Number(t.text);
  }

  parse(): SoqlQuery {
    this.keyword('SELECT');
    const fields: string[] = [];
    let count = false;
    if (this.isKeyword('COUNT') && this.tokens[this.pos + 1]?.text === '(') {
      this.next();
      this.punct('(');
      this.punct(')');
      count = true;
    } else {
      fields.push(this.ident());
      while (this.peek()?.text === ',') {
        this.next();
        fields.push(this.ident());
      }
    }
    this.keyword('FROM');
    const from = this.ident();
    let where: Condition | null = null;
    if (this.isKeyword('WHERE')) {
      this.next();
      where = this.or();
    }
    const orderBy: OrderBy[] = [];
    if (this.isKeyword('ORDER')) {
      this.next();
      this.keyword('BY');
      do {
        if (orderBy.length > 0) this.next();
        const field = this.ident();
        let desc = false;
        if (this.isKeyword('ASC') || this.isKeyword('DESC')) desc = this.next().text.toUpperCase() === 'DESC';
        let nullsLast = desc;
        if (this.isKeyword('NULLS')) {
          this.next();
          nullsLast = this.ident().toUpperCase() === 'LAST';
        }
        orderBy.push({ field, desc, nullsLast });
      } while (this.peek()?.text === ',');
    }
    let limit: number | null = null;
    let offset = 0;
    if (this.isKeyword('LIMIT')) {
      this.next();
      limit = this.integer();
    }
    if (this.isKeyword('OFFSET')) {
      this.next();
      offset = this.integer();
    }
    const extra = this.peek();
    if (extra) throw new SoqlSyntaxError(`unexpected token: ${extra.text}`);
    return { fields, count, from, where, orderBy, limit, offset };
  }

  private or(): Condition {
    let left = this.and();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): Condition {
    let left = this.not();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }
  private not(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', inner: this.not() };
    }
    if (this.peek()?.text === '(') {
      this.next();
      const inner = this.or();
      this.punct(')');
      return inner;
    }
    const field = this.ident();
    if (this.isKeyword('IN') || this.isKeyword('NOT')) {
      const negated = this.next().text.toUpperCase() === 'NOT';
      if (negated) this.keyword('IN');
      this.punct('(');
      const values = [this.literal()];
      while (this.peek()?.text === ',') {
        this.next();
        values.push(this.literal());
      }
      this.punct(')');
      return { kind: 'in', field, negated, values };
    }
    const opTok = this.next();
    const op = opTok.text.toUpperCase() === 'LIKE' ? 'LIKE' : opTok.text === '<>' ? '!=' : opTok.text;
    if (opTok.type !== 'op' && op !== 'LIKE') throw new SoqlSyntaxError(`unexpected token: ${opTok.text}`);
    return { kind: 'compare', field, op: op as CompareOp, value: this.literal() };
  }
  private literal(): Literal {
    const t = this.next();
    if (t.type === 'string') return { kind: 'string', value: t.text };
    if (t.type === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.type === 'date') return { kind: 'date', value: t.text };
    if (t.type === 'datetime')
      return { kind: 'datetime', value: Date.parse(t.text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) };
    const upper = t.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
    if (upper === 'NULL') return { kind: 'null' };
    throw new SoqlSyntaxError(`unexpected token: ${t.text}`);
  }
}

export function parseSoql(soql: string): SoqlQuery {
  return new Parser(tokenize(soql)).parse();
}
