import { scenarioSpec } from './schema.js';

/** The scenario file's JSON Schema, generated from the same spec that validates it (for editors). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'novasim scenario',
    description: 'A novasim scenario file (YAML or JSON). Cross-references (a flavor a workload names, ...) are checked by novasim validate only.',
    ...scenarioSpec.jsonSchema(),
  };
}
