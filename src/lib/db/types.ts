import type { StaffRole } from '../auth/roles';

export type Row = Record<string, unknown>;

/** Who is asking. Every transaction runs as exactly one caller, so RLS applies in every mode. */
export type Caller =
  | { readonly kind: 'anon' }
  | { readonly kind: 'staff'; readonly userId: string; readonly email: string; readonly staffRole: StaffRole }
  | { readonly kind: 'service' };

/** The claims Supabase puts in `request.jwt.claims`; policies read them through auth.jwt(). */
export interface JwtClaims {
  readonly role: 'anon' | 'authenticated' | 'service_role';
  readonly sub?: string;
  readonly email?: string;
  readonly staff_role?: StaffRole;
  readonly aud?: string;
}

/** Queries inside one transaction. Parameters are always bound, never concatenated. */
export interface Tx {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Tagged template: sql`select … where id = ${id}` binds `id` as $1. */
  sql<T = Row>(strings: TemplateStringsArray, ...values: readonly unknown[]): Promise<T[]>;
  /** Runs a statement and returns how many rows it inserted, updated or deleted. */
  execute(text: string, params?: readonly unknown[]): Promise<number>;
}

/** A transaction as the database owner, for migrations and test fixtures only. */
export interface OwnerTx extends Tx {
  /** Runs a script of several statements (a migration file). */
  exec(script: string): Promise<void>;
}

/** Options of one unit of work. */
export interface WorkOptions {
  /**
   * The request's signal (aborted when its client closes the connection): work that has not
   * started when it aborts is not started at all and fails with ClientGoneError.
   */
  readonly signal?: AbortSignal;
}

/** One statement with its bound parameters. */
export interface Statement {
  readonly text: string;
  readonly params?: readonly unknown[];
}

export interface Database {
  readonly driver: 'pglite' | 'postgres';
  /** Runs fn in one transaction as the caller; commits when fn resolves, rolls back when it throws. */
  transaction<T>(caller: Caller, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs statements that are known up front in one transaction as the caller, and returns each
   * one's rows. On PostgreSQL they go to the server together (one round trip instead of one per
   * statement), so a statement cannot use an earlier one's result except through the database
   * itself. The first error is thrown and nothing is committed. For hot paths (the public submit).
   */
  batch(caller: Caller, statements: readonly Statement[], options?: WorkOptions): Promise<Row[][]>;
  /** Runs fn in one transaction as the owner, bypassing RLS. Never for request handling. */
  asOwner<T>(fn: (tx: OwnerTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database as one caller sees it: what pages and domain functions are given. */
export interface CallerDb {
  readonly caller: Caller;
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export function forCaller(db: Database, caller: Caller): CallerDb {
  return { caller, run: (fn) => db.transaction(caller, fn) };
}
