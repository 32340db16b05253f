/** Writes the generated references under docs/reference/ (`npm run docs`); a test checks they are current. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { GENERATED_DOCS } from './reference/generated-docs.js';

for (const doc of GENERATED_DOCS) {
  const path = new URL(`../${doc.path}`, import.meta.url);
  mkdirSync(new URL('.', path), { recursive: true });
  writeFileSync(path, await doc.render());
}
