import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** A plain decimal numeral: what kFinance sends and what a caller may pass. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Exact decimals as strings (kFinance's "383285000000.000000"): never turned into a float, so no
 * digit is lost between kFinance and the caller.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  serialize(value) {
    if (typeof value === 'string' && DECIMAL.test(value)) return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    throw new GraphQLError('Decimal cannot represent a value that is not a decimal numeral');
  },
  parseValue(value) {
    if (typeof value !== 'string' || !DECIMAL.test(value)) throw new GraphQLError('Decimal must be a string such as "123.45"');
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !DECIMAL.test(ast.value)) throw new GraphQLError('Decimal must be a string such as "123.45"');
    return ast.value;
  },
});

/** True for an existing calendar day written YYYY-MM-DD. */
function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/** Calendar dates, YYYY-MM-DD, without time or zone. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize(value) {
    if (isDate(value)) return value;
    throw new GraphQLError('Date cannot represent a value that is not YYYY-MM-DD');
  },
  parseValue(value) {
    if (!isDate(value)) throw new GraphQLError('Date must be a YYYY-MM-DD string');
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !isDate(ast.value)) throw new GraphQLError('Date must be a YYYY-MM-DD string');
    return ast.value;
  },
});
