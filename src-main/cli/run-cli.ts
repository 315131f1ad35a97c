import { isConvexNetError } from '../../src-core/errors';
import type { CliEnvironment } from './cli-environment';
import { MAIN_HELP, PREDICT_HELP, TRAIN_HELP } from './help-text';
import { parsePredictArgs } from './predict-args';
import { parseTrainArgs } from './train-args';
import { UsageError } from './usage-error';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * Runs one command line (without "node" and the script) and returns the exit code. Every error
 * ends as ONE line "convexnet: <message>" on stderr, never a stack trace (set CONVEXNET_DEBUG=1
 * for one): usage errors and invalid settings exit 2; data, file, model-file and solver errors 1.
 */
export async function runCli(argv: readonly string[], env: CliEnvironment, debug = false): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError('no command given (commands: train, predict; see convexnet --help)');
    if (command === '--help' || command === '-h' || command === 'help') {
      env.stdout(helpFor(rest[0]) ?? MAIN_HELP);
      return EXIT_OK;
    }
    if (command === '--version' || command === '-v') {
      env.stdout(`${env.version}\n`);
      return EXIT_OK;
    }
    if (command === 'train') {
      const args = parseTrainArgs(rest);
      if (args === null) return printed(env, TRAIN_HELP);
      const { runTrain } = await import('./commands/train');
      runTrain(args, env, await env.loadTrainer());
      return EXIT_OK;
    }
    if (command === 'predict') {
      const args = parsePredictArgs(rest);
      if (args === null) return printed(env, PREDICT_HELP);
      const { runPredict } = await import('./commands/predict');
      runPredict(args, env);
      return EXIT_OK;
    }
    throw new UsageError(`unknown command "${command}" (commands: train, predict; see convexnet --help)`);
  } catch (error) {
    env.stderr(`convexnet: ${oneLine(messageOf(error))}\n`);
    if (debug && error instanceof Error && error.stack) env.stderr(`${error.stack}\n`);
    return exitCodeOf(error);
  }
}

function helpFor(command: string | undefined): string | null {
  if (command === 'train') return TRAIN_HELP;
  if (command === 'predict') return PREDICT_HELP;
  return null;
}

function printed(env: CliEnvironment, text: string): number {
  env.stdout(text);
  return EXIT_OK;
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT_USAGE;
  if (isConvexNetError(error) && error.code.startsWith('settings/')) return EXIT_USAGE;
  return EXIT_FAILURE;
}

function messageOf(error: unknown): string {
  if (error instanceof UsageError || isConvexNetError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Collapses line breaks so the message stays one line. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
