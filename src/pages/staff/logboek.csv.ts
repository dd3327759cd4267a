import type { APIRoute } from 'astro';
import { auditLogCsv } from '../../lib/audit/csv.server';
import { filterFromQuery } from '../../lib/audit/schema';

/**
 * The filtered audit log as a CSV file for an auditor (admins only). The query string is the
 * page's (soort, wie, id, van, tot); a bad filter goes back to the page, which explains it.
 */
export const GET: APIRoute = async ({ locals, url, redirect, rewrite }) => {
  if (!locals.staff) return redirect('/staff/inloggen?reden=nodig&terug=/staff/logboek', 303);
  const result = await auditLogCsv(locals.db, filterFromQuery(url.searchParams));
  if (!result.ok) {
    // The page itself says "Geen toegang" in Dutch, with status 403.
    if (result.code === 'audit.notAllowed') return rewrite('/staff/logboek');
    return redirect(`/staff/logboek?${url.searchParams}`, 303);
  }
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  return new Response(result.csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="logboek-${day}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
};
