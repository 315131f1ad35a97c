import type { StateFiles } from './state-files';
import { writeTextAtomically } from './state-files';

/**
 * Remembered size and position of the main window, kept in a small JSON file in userData.
 * Anything wrong with the file (missing, corrupt, hand-edited nonsense) yields the defaults, and
 * a position that no longer lies on any display (a monitor was unplugged) is dropped so the
 * window opens centred instead of off-screen.
 */

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: WindowBounds;
  readonly maximized: boolean;
}

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { width: 1280, height: 820 }, maximized: false };

/** Sizes outside this range are treated as corrupt rather than obeyed. */
const MIN_SIZE = 200;
const MAX_SIZE = 20_000;
const MAX_COORDINATE = 100_000;

/** How much of the window's top strip must lie on a display for the position to be kept. */
const VISIBLE_STRIP = 48;

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_SIZE && value <= MAX_SIZE;
}

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_COORDINATE;
}

/** Parses the file's text; any deviation from the expected shape gives the defaults. */
export function parseWindowState(text: string): WindowState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  if (typeof data !== 'object' || data === null) return DEFAULT_WINDOW_STATE;
  const record = data as Record<string, unknown>;
  const { width, height, x, y, maximized } = record;
  if (!isSize(width) || !isSize(height)) return DEFAULT_WINDOW_STATE;
  const position = isCoordinate(x) && isCoordinate(y) ? { x, y } : {};
  return { bounds: { ...position, width, height }, maximized: maximized === true };
}

export function serializeWindowState(state: WindowState): string {
  const { bounds } = state;
  return `${JSON.stringify({ x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: state.maximized }, null, 2)}\n`;
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Keeps the saved position only if the window's title strip is visible on some display, and
 * shrinks the size to the largest display so a window saved on a big monitor still fits.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((area) => area.width));
  const maxHeight = Math.max(...workAreas.map((area) => area.height));
  const width = Math.min(state.bounds.width, maxWidth);
  const height = Math.min(state.bounds.height, maxHeight);
  const { x, y } = state.bounds;
  if (x === undefined || y === undefined) return { ...state, bounds: { width, height } };
  const visible = workAreas.some((area) => {
    const horizontal = overlap(x, x + width, area.x, area.x + area.width);
    const vertical = overlap(y, y + VISIBLE_STRIP, area.y, area.y + area.height);
    return horizontal >= VISIBLE_STRIP && vertical >= VISIBLE_STRIP / 2;
  });
  return { ...state, bounds: visible ? { x, y, width, height } : { width, height } };
}

export interface WindowStateStore {
  load(): WindowState;
  /** Never throws: a failed save is reported and the previous file stays intact. */
  save(state: WindowState): void;
}

export function createWindowStateStore(files: StateFiles, filePath: string, reportError: (error: unknown) => void): WindowStateStore {
  return {
    load() {
      try {
        const text = files.readText(filePath);
        return text === undefined ? DEFAULT_WINDOW_STATE : parseWindowState(text);
      } catch (error) {
        reportError(error);
        return DEFAULT_WINDOW_STATE;
      }
    },
    save(state) {
      try {
        writeTextAtomically(files, filePath, serializeWindowState(state));
      } catch (error) {
        reportError(error);
      }
    },
  };
}
