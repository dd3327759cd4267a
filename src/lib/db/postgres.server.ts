import postgres from 'postgres';
import { becomeCaller } from './caller';
import { DatabaseUnavailableError, isUnavailable } from './errors';
import { withSqlTag } from './sql';
import type { Caller, Database, OwnerTx, Row } from './types';

export interface PostgresOptions {
  readonly url: string;
  /** Pool size per server process. */
  readonly max?: number;
  /** Prepared statements; switch off behind a transaction-mode pooler (Supabase port 6543). */
  readonly prepare?: boolean;
}

type Sql = postgres.Sql;

const parseJson = (value: string): unknown => JSON.parse(value);
const serializeJson = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
type TransactionSql = postgres.TransactionSql;

function wrap(tx: TransactionSql): OwnerTx {
  const bind = (params?: readonly unknown[]) => (params ?? []) as postgres.ParameterOrJSON<never>[];
  return withSqlTag({
    query: async <T = Row>(text: string, params?: readonly unknown[]) =>
      Array.from(await tx.unsafe(text, bind(params))) as T[],
    execute: async (text, params) => (await tx.unsafe(text, bind(params))).count,
    exec: async (script) => {
      // Without parameters this is the simple protocol: several statements in one go.
      await tx.unsafe(script);
    },
  });
}

/** Any PostgreSQL, including hosted Supabase, through a connection pool. */
export function openPostgres(options: PostgresOptions): Database & { sql: Sql } {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    prepare: options.prepare ?? true,
    onnotice: () => undefined,
    connect_timeout: 10,
    idle_timeout: 30,
    // Same behaviour as PGlite: bigint as numbers (ours stay far below 2^53), and JSON text bound
    // to a json/jsonb parameter taken as JSON (postgres.js would encode the string once more).
    types: {
      bigint: {
        to: 20,
        from: [20],
        parse: (value: string) => Number(value),
        serialize: (value: number) => String(value),
      },
      json: { to: 114, from: [114], parse: parseJson, serialize: serializeJson },
      jsonb: { to: 3802, from: [3802], parse: parseJson, serialize: serializeJson },
    },
  });

  const run = async <T>(fn: (tx: OwnerTx) => Promise<T>, caller?: Caller): Promise<T> => {
    try {
      return (await sql.begin(async (raw) => {
        const tx = wrap(raw);
        if (caller) {
          const { text, params } = becomeCaller(caller);
          await tx.query(text, params);
        }
        return fn(tx);
      })) as T;
    } catch (error) {
      if (isUnavailable(error))
        throw new DatabaseUnavailableError('The database cannot be reached.', { cause: error });
      throw error;
    }
  };

  return {
    driver: 'postgres',
    sql,
    transaction: (caller, fn) => run(fn, caller),
    asOwner: (fn) => run(fn),
    close: () => sql.end({ timeout: 5 }),
  };
}
