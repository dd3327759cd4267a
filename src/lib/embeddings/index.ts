/**
 * Optional semantic backend of the theme engine (off by default): vectors of approved, redacted
 * input from an OpenAI-compatible `/v1/embeddings` server the municipality runs itself, cached
 * per item, model and text. See README.md for what is sent and why.
 *
 *   const config = embeddingsConfig(readEnv());          // null: off
 *   const { vectors, summary } = await embedItems(database, caller, itemIds, config);
 *   // vectors: Map<itemId, Float32Array>, absent when the server failed (summary.message says so)
 *
 * Server-only, except messages.nl.ts.
 */
export { inputText, maxInputChars } from './cache.server';
export {
  type EmbeddingsConfig,
  EmbeddingsError,
  type EmbeddingsFailure,
  embeddingsConfig,
  embeddingsEndpoint,
  parseEmbeddingsResponse,
  requestEmbeddings,
} from './client.server';
export { type EmbeddingsOutcome, type EmbeddingsSummary, embedItems } from './embed.server';
export { type EmbeddingsProblem, embeddingsProblems, embeddingsUsed } from './messages.nl';
