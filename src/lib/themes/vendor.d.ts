// Type declarations for the untyped stopword packages used by text.ts.
declare module 'stopwords-iso' {
  const lists: Record<string, string[]>;
  export default lists;
}

declare module 'stopword' {
  export const nld: string[];
}
