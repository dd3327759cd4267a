import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { type Consultation, ConsultationSchema } from './schema';

/** Reads every content/consultations/*.yaml, validated; one readable error lists every problem. */
export async function loadConsultations(contentDir: string): Promise<Consultation[]> {
  const dir = path.join(contentDir, 'consultations');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const consultations: Consultation[] = [];
  for (const file of files) {
    const parsed = ConsultationSchema.safeParse(parse(await readFile(path.join(dir, file), 'utf8')));
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid consultation in content/consultations/${file}:\n${lines.join('\n')}`);
    }
    if (`${parsed.data.slug}.yaml` !== file)
      throw new Error(
        `content/consultations/${file}: the file name must be the slug (${parsed.data.slug}.yaml)`,
      );
    consultations.push(parsed.data);
  }
  return consultations;
}
