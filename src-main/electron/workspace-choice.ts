import type { StateFiles } from './state-files';
import { writeTextAtomically } from './state-files';

/**
 * The workspace folder the user chose (File > Choose Workspace Folder…), kept in a small JSON
 * file in userData; null until one is chosen (the default inside userData applies). A corrupt or
 * unreadable file counts as no choice.
 */
export const WORKSPACE_CHOICE_FILE_NAME = 'workspace-folder.json';
const MAX_PATH_LENGTH = 4096;

export function parseWorkspaceChoice(text: string): string | null {
  try {
    const data = JSON.parse(text) as { folder?: unknown };
    return typeof data.folder === 'string' && data.folder.length > 0 && data.folder.length <= MAX_PATH_LENGTH ? data.folder : null;
  } catch {
    return null;
  }
}

export interface WorkspaceChoiceStore {
  folder(): string | null;
  set(folder: string): void;
}

/** Loads once; a change is written through atomically (failures are reported, not thrown). */
export function createWorkspaceChoiceStore(files: StateFiles, filePath: string, reportError: (error: unknown) => void): WorkspaceChoiceStore {
  let chosen: string | null = null;
  try {
    const text = files.readText(filePath);
    chosen = text === undefined ? null : parseWorkspaceChoice(text);
  } catch (error) {
    reportError(error);
  }
  return {
    folder: () => chosen,
    set(folder) {
      chosen = folder;
      try {
        writeTextAtomically(files, filePath, `${JSON.stringify({ folder }, null, 2)}\n`);
      } catch (error) {
        reportError(error);
      }
    },
  };
}
