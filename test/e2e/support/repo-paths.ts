import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Screenshots and other e2e outputs (git-ignored). */
export const artifactsDir = join(repoRoot, 'test-artifacts', 'e2e');
