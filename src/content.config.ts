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

/** A path of a file in public/ ("/film/x.mp4") or an https URL (e.g. Supabase Storage). */
const mediaUrl = z.string().refine((v) => /^\/(?!\/)\S+$/.test(v) || /^https:\/\/\S+$/.test(v), {
  message: 'use a path in public/ starting with "/" or an https:// URL',
});

/** The film on /film, in content/film/*.md: where the video is, and its transcript as the body. */
const film = defineCollection({
  loader: glob({ pattern: ['*.md', '!README.md'], base: './content/film' }),
  schema: z.object({
    title: z.string().min(3),
    description: z.string().min(10).max(300),
    src: mediaUrl,
    poster: mediaUrl,
    captions: mediaUrl.refine((v) => new URL(v, 'http://localhost').pathname.endsWith('.vtt'), {
      message: 'captions must be a WebVTT (.vtt) file',
    }),
    /** Length in seconds, shown in the introduction. */
    duration: z.number().positive(),
    type: z
      .string()
      .regex(/^video\/[\w.+-]+$/)
      .default('video/mp4'),
  }),
});

export const collections = { pages, film };
