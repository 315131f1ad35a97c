import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaceGeneratedSection } from '../../../src-main/docs/readme-section';
import { settingsTablesMarkdown } from '../../../src-main/docs/settings-tables';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('starts with the install-and-run command and the test command', () => {
    const firstBlock = readme.slice(readme.indexOf('```'), readme.indexOf('```', readme.indexOf('```') + 3));
    expect(firstBlock).toMatch(/npm install && npm start/);
    expect(firstBlock).toMatch(/npm test/);
  });

  it('has settings tables that match the solvers\' declared settings (run `npm run docs` after changing them)', () => {
    expect(replaceGeneratedSection(readme, settingsTablesMarkdown())).toBe(readme);
  });
});
