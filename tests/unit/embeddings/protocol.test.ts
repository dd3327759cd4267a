import { describe, expect, test } from 'vitest';
import { readEnv } from '../../../src/lib/config/env.server';
import {
  EmbeddingsError,
  embeddingsConfig,
  embeddingsEndpoint,
  inputText,
  maxInputChars,
  parseEmbeddingsResponse,
} from '../../../src/lib/embeddings';

const answer = (...vectors: unknown[]) => ({
  object: 'list',
  data: vectors.map((embedding, index) => ({ object: 'embedding', embedding, index })),
  model: 'm',
});

describe('the embeddings answer', () => {
  test('gives the vectors in input order, by their index', () => {
    const body = answer([1, 0], [0, 1]);
    body.data.reverse();
    expect(parseEmbeddingsResponse(body, 2).map((v) => Array.from(v))).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  test('takes the position when no entry has an index', () => {
    const vectors = parseEmbeddingsResponse({ data: [{ embedding: [0.5] }, { embedding: [-2] }] }, 2);
    expect(vectors.map((v) => Array.from(v))).toEqual([[0.5], [-2]]);
  });

  test.each([
    ['null', null, 1],
    ['no data', { model: 'm' }, 1],
    ['data not a list', { data: {} }, 1],
    ['too few vectors', answer([1]), 2],
    ['too many vectors', answer([1], [1]), 1],
    ['an empty vector', answer([]), 1],
    ['a string in a vector', answer(['1']), 1],
    ['null in a vector', answer([null]), 1],
    ['Infinity', answer([Number.POSITIVE_INFINITY]), 1],
    ['NaN', answer([Number.NaN]), 1],
    ['a number too large for a float32', answer([1e39]), 1],
    ['all zeros', answer([0, 0]), 1],
    ['mixed lengths', answer([1, 0], [1]), 2],
    ['a base64 string', answer('AACAPw=='), 1],
    [
      'an index twice',
      {
        data: [
          { embedding: [1], index: 0 },
          { embedding: [1], index: 0 },
        ],
      },
      2,
    ],
    ['a fractional index', { data: [{ embedding: [1], index: 0.5 }] }, 1],
    ['a negative index', { data: [{ embedding: [1], index: -1 }] }, 1],
    ['an entry that is not an object', { data: [[1]] }, 1],
  ])('refuses an answer with %s', (_, body, count) => {
    expect(() => parseEmbeddingsResponse(body, count)).toThrow(EmbeddingsError);
    try {
      parseEmbeddingsResponse(body, count);
    } catch (error) {
      expect((error as EmbeddingsError).code).toBe('invalid');
    }
  });

  test('refuses vectors of another length than expected', () => {
    expect(() => parseEmbeddingsResponse(answer([1, 0]), 1, 3)).toThrow(/2 dimensions where 3/);
    expect(parseEmbeddingsResponse(answer([1, 0, 0]), 1, 3)).toHaveLength(1);
  });
});

describe('the endpoint', () => {
  test.each([
    ['http://tei:8080', 'http://tei:8080/v1/embeddings'],
    ['http://tei:8080/', 'http://tei:8080/v1/embeddings'],
    ['https://api.example.eu/v1', 'https://api.example.eu/v1/embeddings'],
    ['https://api.example.eu/v1/', 'https://api.example.eu/v1/embeddings'],
    ['https://api.example.eu/v1/embeddings', 'https://api.example.eu/v1/embeddings'],
    ['https://example.nl/taal', 'https://example.nl/taal/v1/embeddings'],
  ])('%s posts to %s', (url, endpoint) => expect(embeddingsEndpoint(url)).toBe(endpoint));
});

describe('the text that is sent', () => {
  test('is the text itself, cut at 2,000 characters, never inside a character', () => {
    expect(inputText('Een vaste hulp.')).toBe('Een vaste hulp.');
    expect(inputText('a'.repeat(3000))).toHaveLength(maxInputChars);
    const emoji = `${'a'.repeat(maxInputChars - 1)}😀b`;
    expect(inputText(emoji)).toBe('a'.repeat(maxInputChars - 1));
  });
});

describe('the settings', () => {
  test('off unless EMBEDDINGS_URL is set', () => {
    expect(embeddingsConfig(readEnv({}))).toBeNull();
    expect(embeddingsConfig(readEnv({ EMBEDDINGS_URL: ' ', EMBEDDINGS_MODEL: 'x' }))).toBeNull();
  });

  test('reads every variable, with defaults', () => {
    expect(
      embeddingsConfig(
        readEnv({ EMBEDDINGS_URL: 'http://tei:8080', EMBEDDINGS_MODEL: 'intfloat/multilingual-e5-small' }),
      ),
    ).toEqual({
      url: 'http://tei:8080',
      model: 'intfloat/multilingual-e5-small',
      batchSize: 32,
      timeoutMs: 30_000,
      attempts: 3,
      retryDelayMs: 500,
    });
    expect(
      embeddingsConfig(
        readEnv({
          EMBEDDINGS_URL: 'https://api.example.eu/v1',
          EMBEDDINGS_MODEL: 'm',
          EMBEDDINGS_API_KEY: ' sleutel ',
          EMBEDDINGS_BATCH_SIZE: '64',
          EMBEDDINGS_TIMEOUT_MS: '5000',
          EMBEDDINGS_DIMENSIONS: '384',
        }),
      ),
    ).toMatchObject({ apiKey: 'sleutel', batchSize: 64, timeoutMs: 5000, dimensions: 384 });
  });

  test.each([
    [{ EMBEDDINGS_URL: 'http://tei:8080' }, /EMBEDDINGS_MODEL: required when EMBEDDINGS_URL is set/],
    [{ EMBEDDINGS_URL: 'ftp://tei', EMBEDDINGS_MODEL: 'm' }, /EMBEDDINGS_URL: must be an http/],
    [{ EMBEDDINGS_URL: 'https://user:pw@tei', EMBEDDINGS_MODEL: 'm' }, /EMBEDDINGS_URL/],
    [{ EMBEDDINGS_URL: 'tei:8080', EMBEDDINGS_MODEL: 'm' }, /EMBEDDINGS_URL/],
    [{ EMBEDDINGS_BATCH_SIZE: '0' }, /EMBEDDINGS_BATCH_SIZE/],
    [{ EMBEDDINGS_TIMEOUT_MS: 'lang' }, /EMBEDDINGS_TIMEOUT_MS/],
    [{ EMBEDDINGS_DIMENSIONS: '-3' }, /EMBEDDINGS_DIMENSIONS/],
  ])('refuses %j', (env, message) => {
    expect(() => readEnv(env)).toThrow(message);
  });
});
