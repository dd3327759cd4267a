import type { OwnerTx, Row } from './types';

/** Turns a tagged template into text with $n placeholders and its bound values. */
export function toQuery(
  strings: TemplateStringsArray,
  values: readonly unknown[],
): { text: string; params: unknown[] } {
  let text = strings[0] ?? '';
  for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
  return { text, params: [...values] };
}

/** What a driver provides; the tagged `sql` helper is built on top, the same for both drivers. */
export interface DriverTx {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  execute(text: string, params?: readonly unknown[]): Promise<number>;
  exec(script: string): Promise<void>;
}

export function withSqlTag(driver: DriverTx): OwnerTx {
  return {
    query: (text, params) => driver.query(text, params),
    execute: (text, params) => driver.execute(text, params),
    exec: (script) => driver.exec(script),
    sql: (strings, ...values) => {
      const { text, params } = toQuery(strings, values);
      return driver.query(text, params);
    },
  };
}
