import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

/** Plain pages (privacy, about) written by the municipality in content/pages/*.md. */
const pages = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/pages' }),
  schema: z.object({
    title: z.string().min(3),
    description: z.string().min(10).max(300),
  }),
});

export const collections = { pages };
