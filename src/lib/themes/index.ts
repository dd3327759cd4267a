/**
 * Theme clustering engine for short Dutch answers: public surface.
 * See README.md for the method and the reasons behind it.
 */
export { clusterThemes, type EngineOptions } from './engine';
export { ari, macroF1, nmi } from './metrics';
export { createScorer, type ScorerInput, type ScorerOptions } from './scorer';
export { normalise, stem, tokenise } from './text';
export * from './types';
