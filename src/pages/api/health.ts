import type { APIRoute } from 'astro';

/** For load balancers and the start script: does the database answer? */
export const GET: APIRoute = async ({ locals }) => {
  await locals.db.run((tx) => tx.sql`select 1`);
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
};
