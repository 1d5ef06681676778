import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildTemplate, dropDatabase } from './support/template.ts';

/**
 * Builds the migrated, seeded demo database once per run; every test file then starts from a
 * copy of it (a PGlite data-dir dump, or a PostgreSQL database created from a template).
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'odmv-test-'));
  const template = await buildTemplate(dir, process.env.TEST_DATABASE_URL);
  project.provide('dbTemplate', template);
  return async () => {
    if (template.kind === 'postgres') await dropDatabase(template.adminUrl, template.templateName);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: import('./support/template.ts').DbTemplate;
  }
}
