/** The documentation pages generated from the code: where each goes and how it is drawn. */
import { outputsMarkdown } from './outputs.js';
import { scenarioFieldsMarkdown } from './scenario-fields.js';

export interface GeneratedDoc {
  /** Path from the repository root. */
  readonly path: string;
  render(): string | Promise<string>;
}

export const GENERATED_DOCS: readonly GeneratedDoc[] = [
  { path: 'docs/reference/scenario-fields.md', render: scenarioFieldsMarkdown },
  { path: 'docs/reference/outputs.md', render: outputsMarkdown },
];
