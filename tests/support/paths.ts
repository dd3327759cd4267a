import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const migrationsDir = path.join(repoRoot, 'supabase', 'migrations');
export const platformSql = path.join(repoRoot, 'supabase', 'platform', 'local.sql');
export const contentDir = path.join(repoRoot, 'content');
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');
