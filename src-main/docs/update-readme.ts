// Rewrites the generated settings section of README.md (between the markers) from the solvers'
// declared settings: `npm run docs`. A test fails when the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { replaceGeneratedSection } from './readme-section';
import { settingsTablesMarkdown } from './settings-tables';

const path = new URL('../../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = replaceGeneratedSection(before, settingsTablesMarkdown());
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'README.md is up to date.' : 'README.md settings tables updated.');
