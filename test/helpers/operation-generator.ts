import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** A generated operation: its text, the variables sent, and the operation name to pick. */
export interface GeneratedOperation {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName?: string;
}

/** mulberry32: a small seeded PRNG, so a failing case is reproduced by its seed alone. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratorOptions {
  /** Root fields never generated (uploads, long waits). */
  readonly skipFields?: ReadonlySet<string>;
  /** Share of operations that are mutations (0: queries only). */
  readonly mutations?: number;
  /** Share of operations with literal arguments only and no directives (the compiled subset's shape). */
  readonly plain?: number;
  /** Strings worth sending (ids the simulator knows, and some it does not). */
  readonly strings?: readonly string[];
  readonly maxDepth?: number;
}

const DEFAULT_STRINGS = ['SK-9E37-0001', '24937', '21835', 'AAPL', 'Apple Inc.', 'x', '', 'US/Central', '08:00-18:00'];

/**
 * Generates operations from a schema: selection sets, aliases, named and inline fragments,
 * `@skip`/`@include` (literal and variable), arguments of every input type as literals and as
 * variables (nested in lists and input objects too), variables omitted, null, defaulted or of a
 * wrong shape, and documents with several operations picked by `operationName`. Most are valid;
 * some are refused by validation or variable coercion, which is part of what is compared.
 */
export class OperationGenerator {
  private readonly rnd: () => number;
  private readonly strings: readonly string[];
  private readonly maxDepth: number;
  /** While generating a plain operation: no variables, no directives. */
  private plainNow = false;
  /** While generating an operation without directives (variables allowed). */
  private noDirectives = false;

  constructor(
    private readonly schema: GraphQLSchema,
    seed: number,
    private readonly options: GeneratorOptions = {},
  ) {
    this.rnd = seededRandom(seed);
    this.strings = options.strings ?? DEFAULT_STRINGS;
    this.maxDepth = options.maxDepth ?? 4;
  }

  private chance(p: number): boolean {
    return this.rnd() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }

  /** One operation document (sometimes two operations and an operationName). */
  next(): GeneratedOperation {
    const state = new DocState();
    this.plainNow = this.chance(this.options.plain ?? 0);
    // Half of the others have variables and no directives (the compiled subset with variables).
    this.noDirectives = this.plainNow || this.chance(0.5);
    const mutation = this.schema.getMutationType();
    const kind = mutation && this.chance(this.options.mutations ?? 0) ? 'mutation' : 'query';
    const root = kind === 'mutation' ? mutation! : this.schema.getQueryType()!;
    const body = this.selection(root, 0, state, true);
    if (this.chance(0.15)) {
      // Two operations in one document: the one named by operationName runs.
      return { query: `${kind} Picked${state.definitions()} ${body}\nquery Other { __typename }${state.fragmentText()}`, variables: state.variables, operationName: 'Picked' };
    }
    return { query: `${kind}${state.definitions()} ${body}${state.fragmentText()}`, variables: state.variables };
  }

  private selection(type: GraphQLObjectType, depth: number, state: DocState, root = false): string {
    const fields = Object.values(type.getFields()).filter((f) => !(root && this.options.skipFields?.has(f.name)));
    const count = 1 + Math.floor(this.rnd() * Math.min(3, fields.length));
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const field = this.pick(fields);
      let text = this.field(field, depth, state);
      if (text === undefined) continue;
      if (!this.noDirectives && !text.includes('{') && this.chance(0.2)) text = `${text} ${this.directive(state)}`;
      const r = this.rnd();
      if (r < 0.12) {
        const name = `F${state.fragments.size}`;
        state.fragments.set(name, `fragment ${name} on ${type.name} { ${text} }`);
        parts.push(!this.noDirectives && this.chance(0.3) ? `...${name} ${this.directive(state)}` : `...${name}`);
        // The same fragment spread twice, one of them perhaps skipped.
        if (this.chance(0.3)) parts.push(`...${name}`);
      } else if (r < 0.2) {
        parts.push(`... on ${type.name} { ${text} }`);
      } else {
        parts.push(text);
      }
    }
    if (parts.length === 0) parts.push('__typename');
    return `{ ${parts.join(' ')} }`;
  }

  private directive(state: DocState): string {
    const name = this.chance(0.5) ? 'skip' : 'include';
    if (this.chance(0.5)) return `@${name}(if: ${this.chance(0.5)})`;
    const v = state.variable('Boolean!', this.chance(0.5));
    return `@${name}(if: ${v})`;
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, state: DocState): string | undefined {
    const named = getNamedType(field.type) as GraphQLNamedType;
    const isLeaf = isLeafType(named);
    if (!isLeaf && depth >= this.maxDepth) return undefined;
    const alias = this.chance(0.2) ? `a${state.aliases++}: ` : '';
    const args = this.args(field.args, state);
    if (isLeaf) return `${alias}${field.name}${args}`;
    if (isObjectType(named)) return `${alias}${field.name}${args} ${this.selection(named, depth + 1, state)}`;
    if (isInterfaceType(named)) return `${alias}${field.name}${args} { __typename }`;
    return `${alias}${field.name}${args} { __typename }`;
  }

  private args(args: readonly GraphQLArgument[], state: DocState): string {
    const out: string[] = [];
    for (const arg of args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (!required && this.chance(0.4)) continue;
      out.push(`${arg.name}: ${this.value(arg.type, state, 0)}`);
    }
    return out.length ? `(${out.join(', ')})` : '';
  }

  /** An argument value: a literal, or a variable (sent, omitted, null) of the same type. */
  private value(type: GraphQLInputType, state: DocState, depth: number): string {
    if (!this.plainNow && this.chance(0.3)) {
      const sent = this.rnd();
      const name = state.variable(typeText(type), sent < 0.15 ? undefined : sent < 0.25 ? null : this.json(type, depth));
      return name;
    }
    return this.literal(type, state, depth);
  }

  private literal(type: GraphQLInputType, state: DocState, depth: number): string {
    if (!isNonNullType(type) && this.chance(0.08)) return 'null';
    const t = getNullableType(type) as GraphQLInputType;
    if (isListType(t)) {
      const n = Math.floor(this.rnd() * 3);
      return `[${Array.from({ length: n }, () => this.value(t.ofType as GraphQLInputType, state, depth + 1)).join(', ')}]`;
    }
    if (isInputObjectType(t)) {
      const parts = Object.values(t.getFields())
        .filter((f) => (isNonNullType(f.type) && f.defaultValue === undefined) || this.chance(0.5))
        .map((f) => `${f.name}: ${depth > 2 ? this.literal(f.type, state, depth + 1) : this.value(f.type, state, depth + 1)}`);
      return `{${parts.join(', ')}}`;
    }
    if (isEnumType(t)) return this.pick(t.getValues()).name;
    if (isScalarType(t)) {
      switch (t.name) {
        case 'Int':
          return String(this.pick([0, 1, 2, 3, 20, -1]));
        case 'Float':
          return String(this.pick([0, 1.5, -2]));
        case 'Boolean':
          return String(this.chance(0.5));
        case 'JSON':
          return this.chance(0.5) ? `{mon: ${this.value(getNullableType(type) as GraphQLInputType, state, depth + 1)}}` : JSON.stringify(this.pick(this.strings));
        case 'Date':
          return JSON.stringify(this.pick(['2024-01-02', '2023-12-31', 'not-a-date']));
        default:
          return JSON.stringify(this.pick(this.strings));
      }
    }
    return 'null';
  }

  /** A JSON value for a variable of `type` (sometimes of the wrong shape). */
  private json(type: GraphQLInputType, depth: number): unknown {
    if (this.chance(0.05)) return this.pick([[], {}, 'x', 7]);
    if (!isNonNullType(type) && this.chance(0.1)) return null;
    const t = getNullableType(type) as GraphQLInputType;
    if (isListType(t)) return Array.from({ length: Math.floor(this.rnd() * 3) }, () => this.json(t.ofType as GraphQLInputType, depth + 1));
    if (isInputObjectType(t)) {
      const out: Record<string, unknown> = {};
      for (const f of Object.values(t.getFields())) if ((isNonNullType(f.type) && f.defaultValue === undefined) || this.chance(0.5)) out[f.name] = this.json(f.type, depth + 1);
      return out;
    }
    if (isEnumType(t)) return this.pick(t.getValues()).name;
    if (isScalarType(t)) {
      switch (t.name) {
        case 'Int':
          return this.pick([0, 1, 2, 20, -1]);
        case 'Float':
          return this.pick([0, 1.5]);
        case 'Boolean':
          return this.chance(0.5);
        case 'JSON':
          return this.pick([{ mon: '08:00-18:00' }, 'x', 3]);
        case 'Date':
          return this.pick(['2024-01-02', 'nope']);
        default:
          return this.pick(this.strings);
      }
    }
    return null;
  }
}

/** Variables and fragments of one document being generated. */
class DocState {
  readonly variables: Record<string, unknown> = {};
  readonly types = new Map<string, string>();
  readonly fragments = new Map<string, string>();
  aliases = 0;

  /** Declares a variable of `type`; `value` undefined leaves it out of the variables sent. */
  variable(type: string, value: unknown): string {
    const name = `v${this.types.size}`;
    this.types.set(name, type);
    if (value !== undefined) this.variables[name] = value;
    return `$${name}`;
  }

  definitions(): string {
    return this.types.size ? `(${[...this.types].map(([n, t]) => `$${n}: ${t}`).join(', ')})` : '';
  }

  fragmentText(): string {
    return this.fragments.size ? `\n${[...this.fragments.values()].join('\n')}` : '';
  }
}

function typeText(type: GraphQLInputType): string {
  return String(type);
}
