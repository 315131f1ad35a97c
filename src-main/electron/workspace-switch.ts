import type { ContractError } from '../../src-core/contract/envelope';
import { isConvexNetError, messageOf } from '../../src-core/errors';

export interface WorkspaceSwitchDeps {
  /** Switches the back end to the folder (services.setWorkspaceFolder); rejects when it cannot be used. */
  readonly setWorkspaceFolder: (folder: string) => Promise<unknown>;
  /** Remembers the folder for the next start (workspace-choice.ts). */
  readonly remember: (folder: string) => void;
  /** Tells the window (an app.error event). */
  readonly reportError: (error: ContractError) => void;
}

/**
 * File > Choose Workspace Folder…: switch, remember the folder only once it is in use, else tell
 * the user why not. The back end's code and message go through as they are (missing folder, a
 * file, not writable: each says what to do); only an unexpected failure is the generic
 * workspace/unusable-folder. Never rejects.
 */
export async function switchWorkspaceFolder(folder: string, deps: WorkspaceSwitchDeps): Promise<void> {
  try {
    await deps.setWorkspaceFolder(folder);
  } catch (error) {
    deps.reportError(isConvexNetError(error) ? { code: error.code, message: error.message } : { code: 'workspace/unusable-folder', message: `Cannot use ${folder} as the workspace folder: ${messageOf(error)}.` });
    return;
  }
  deps.remember(folder);
}
