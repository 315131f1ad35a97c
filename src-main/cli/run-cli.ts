import { isConvexNetError } from '../../src-core/errors';
import type { CliEnvironment } from './cli-environment';
import { ATTACK_HELP, CV_HELP, EXPORT_HELP, MAIN_HELP, PREDICT_HELP, SWEEP_HELP, TRAIN_HELP } from './help-text';
import { parseAttackArgs } from './attack-args';
import { parseExportArgs } from './export-args';
import { parsePredictArgs } from './predict-args';
import { parseCvArgs, parseSweepArgs } from './sweep-args';
import { parseTrainArgs } from './train-args';
import { UsageError } from './usage-error';
import { errorDetailsText } from './error-details-text';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

type CommandName = 'train' | 'predict' | 'export' | 'sweep' | 'cv' | 'attack';

/** A command: its help, and how a command line runs it (returns the exit code). */
interface Command {
  readonly help: string;
  readonly run: (argv: readonly string[], env: CliEnvironment) => Promise<number>;
}

/**
 * A command that parses its arguments (null: help was asked, which is printed) and then runs
 * them; `run` loads the command's code on demand, so help and predict never load the solvers.
 */
function defineCommand<Args>(help: string, parse: (argv: readonly string[]) => Args | null, run: (args: Args, env: CliEnvironment) => Promise<void>): Command {
  return {
    help,
    run: async (argv, env) => {
      const args = parse(argv);
      if (args === null) return printed(env, help);
      await run(args, env);
      return EXIT_OK;
    },
  };
}

/** Every command; the error messages list these names, and `--help NAME` prints their help. */
const COMMANDS: Readonly<Record<CommandName, Command>> = {
  train: defineCommand(TRAIN_HELP, parseTrainArgs, async (args, env) => (await import('./commands/train')).runTrain(args, env, await env.loadTrainer())),
  predict: defineCommand(PREDICT_HELP, parsePredictArgs, async (args, env) => (await import('./commands/predict')).runPredict(args, env)),
  export: defineCommand(EXPORT_HELP, parseExportArgs, async (args, env) => (await import('./commands/export')).runExport(args, env)),
  sweep: defineCommand(SWEEP_HELP, parseSweepArgs, async (args, env) => (await import('./commands/sweep')).runSweep(args, env)),
  cv: defineCommand(CV_HELP, parseCvArgs, async (args, env) => (await import('./commands/cv')).runCrossValidation(args, env)),
  attack: defineCommand(ATTACK_HELP, parseAttackArgs, async (args, env) => (await import('./commands/attack')).runAttack(args, env)),
};

/** "commands: train, predict, ...", from the table, so the messages name every command. */
export const COMMAND_LIST = `commands: ${Object.keys(COMMANDS).join(', ')}`;

/**
 * Runs one command line (without "node" and the script) and returns the exit code. Every error
 * ends as ONE line "convexnet: <message>" on stderr, never a stack trace (set CONVEXNET_DEBUG=1
 * for one): usage errors and invalid settings exit 2; data, file, model-file and solver errors 1.
 */
export async function runCli(argv: readonly string[], env: CliEnvironment, debug = false): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError(`no command given (${COMMAND_LIST}; see convexnet --help)`);
    if (command === '--help' || command === '-h' || command === 'help') {
      env.stdout(helpFor(rest[0]) ?? MAIN_HELP);
      return EXIT_OK;
    }
    if (command === '--version' || command === '-v') {
      env.stdout(`${env.version}\n`);
      return EXIT_OK;
    }
    if (!isCommandName(command)) throw new UsageError(`unknown command "${command}" (${COMMAND_LIST}; see convexnet --help)`);
    return await COMMANDS[command].run(rest, { ...env, startedAt: env.startedAt ?? env.now() });
  } catch (error) {
    env.stderr(`convexnet: ${oneLine(messageOf(error))}\n`);
    if (debug && error instanceof Error && error.stack) env.stderr(`${error.stack}\n`);
    return exitCodeOf(error);
  }
}

function helpFor(command: string | undefined): string | null {
  return command !== undefined && isCommandName(command) ? COMMANDS[command].help : null;
}

/** Own keys only: "constructor" or "toString" are no commands. */
function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
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
  if (isConvexNetError(error)) return `${error.message}${errorDetailsText(error.message, error.details)}`;
  if (error instanceof UsageError) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Collapses line breaks so the message stays one line. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
