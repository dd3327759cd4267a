import postgres from 'postgres';
import { becomeCaller } from './caller';
import { ClientGoneError, DatabaseUnavailableError, isUnavailable } from './errors';
import { withSqlTag } from './sql';
import type { Caller, Database, OwnerTx, Row, Statement, WorkOptions } from './types';

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
const bindAll = (params?: readonly unknown[]) => (params ?? []) as postgres.ParameterOrJSON<never>[];

function wrap(tx: postgres.ReservedSql): OwnerTx {
  return withSqlTag({
    query: async <T = Row>(text: string, params?: readonly unknown[]) =>
      Array.from(await tx.unsafe(text, bindAll(params))) as T[],
    execute: async (text, params) => (await tx.unsafe(text, bindAll(params))).count,
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

  /** Runs fn on a connection of its own, given back to the pool afterwards. */
  const onConnection = async <T>(fn: (connection: postgres.ReservedSql) => Promise<T>): Promise<T> => {
    let connection: postgres.ReservedSql | undefined;
    try {
      connection = await sql.reserve();
      return await fn(connection);
    } catch (error) {
      throw isUnavailable(error)
        ? new DatabaseUnavailableError('The database cannot be reached.', { cause: error })
        : error;
    } finally {
      connection?.release();
    }
  };

  /**
   * One transaction. BEGIN and the caller's settings are not awaited on their own: postgres.js
   * pipelines them with the first statement of fn (one round trip where sql.begin takes three).
   * They are checked before COMMIT, so a failure there still rolls back.
   */
  const run = <T>(fn: (tx: OwnerTx) => Promise<T>, caller?: Caller): Promise<T> =>
    onConnection(async (connection) => {
      const opening = [connection.unsafe('begin')];
      if (caller) {
        const { text, params } = becomeCaller(caller);
        opening.push(connection.unsafe(text, params));
      }
      const opened = Promise.all(opening);
      opened.catch(() => undefined); // awaited below; this only marks a failure as handled meanwhile
      try {
        const result = await fn(wrap(connection));
        await opened;
        await connection.unsafe('commit');
        return result;
      } catch (error) {
        await connection.unsafe('rollback').catch(() => undefined);
        throw error;
      }
    });

  /** Every statement of the transaction written at once; the replies come back in order. */
  const batch = (caller: Caller, statements: readonly Statement[], options?: WorkOptions): Promise<Row[][]> =>
    onConnection(async (connection) => {
      // Waited for a connection from the pool: nothing is sent for a client that has gone meanwhile.
      if (options?.signal?.aborted) throw new ClientGoneError();
      const { text, params } = becomeCaller(caller);
      const queries = [
        connection.unsafe('begin'),
        connection.unsafe(text, params),
        ...statements.map((s) => connection.unsafe(s.text, bindAll(s.params))),
        // After a failed statement the server answers the rest with "transaction aborted" and
        // turns this COMMIT into a ROLLBACK, so the connection goes back clean either way.
        connection.unsafe('commit'),
      ];
      for (const query of queries) query.execute();
      const settled = await Promise.allSettled(queries);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      return settled
        .slice(2, -1)
        .map((s) => (s.status === 'fulfilled' ? (Array.from(s.value) as Row[]) : []));
    });

  return {
    driver: 'postgres',
    sql,
    transaction: (caller, fn) => run(fn, caller),
    batch,
    asOwner: (fn) => run(fn),
    close: () => sql.end({ timeout: 5 }),
  };
}
