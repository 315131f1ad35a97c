import { isConvexNetError } from '../../src-core/errors';
import type { CliEnvironment } from './cli-environment';
import { ATTACK_HELP, CV_HELP, EXPORT_HELP, MAIN_HELP, PREDICT_HELP, SWEEP_HELP, TRAIN_HELP } from './help-text';
import { parseAttackArgs } from './attack-args';
import { parseExportArgs } from './export-args';
import { parsePredictArgs } from './predict-args';
import { parseCvArgs, parseSweepArgs } from './sweep-args';
import { parseTrainArgs } from './train-args';
import { UsageError } from './usage-error';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

type CommandName = 'train' | 'predict' | 'export' | 'sweep' | 'cv' | 'attack';

/** Each command's help, by name; the commands' table below has the same names. */
const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  train: TRAIN_HELP,
  predict: PREDICT_HELP,
  export: EXPORT_HELP,
  sweep: SWEEP_HELP,
  cv: CV_HELP,
  attack: ATTACK_HELP,
};

/**
 * Every command: parse its arguments (null: help was asked), then run it; each loads its code on
 * demand, so help and predict never load the solvers. The error messages list these names.
 */
const COMMANDS: Readonly<Record<CommandName, (argv: readonly string[], env: CliEnvironment) => Promise<number>>> = {
  train: async (argv, env) => {
    const args = parseTrainArgs(argv);
    if (args === null) return printed(env, TRAIN_HELP);
    const { runTrain } = await import('./commands/train');
    await runTrain(args, env, await env.loadTrainer());
    return EXIT_OK;
  },
  predict: async (argv, env) => {
    const args = parsePredictArgs(argv);
    if (args === null) return printed(env, PREDICT_HELP);
    const { runPredict } = await import('./commands/predict');
    await runPredict(args, env);
    return EXIT_OK;
  },
  export: async (argv, env) => {
    const args = parseExportArgs(argv);
    if (args === null) return printed(env, EXPORT_HELP);
    const { runExport } = await import('./commands/export');
    await runExport(args, env);
    return EXIT_OK;
  },
  sweep: async (argv, env) => {
    const args = parseSweepArgs(argv);
    if (args === null) return printed(env, SWEEP_HELP);
    const { runSweep } = await import('./commands/sweep');
    await runSweep(args, env);
    return EXIT_OK;
  },
  cv: async (argv, env) => {
    const args = parseCvArgs(argv);
    if (args === null) return printed(env, CV_HELP);
    const { runCrossValidation } = await import('./commands/cv');
    await runCrossValidation(args, env);
    return EXIT_OK;
  },
  attack: async (argv, env) => {
    const args = parseAttackArgs(argv);
    if (args === null) return printed(env, ATTACK_HELP);
    const { runAttack } = await import('./commands/attack');
    await runAttack(args, env);
    return EXIT_OK;
  },
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
    return await COMMANDS[command](rest, { ...env, startedAt: env.startedAt ?? env.now() });
  } catch (error) {
    env.stderr(`convexnet: ${oneLine(messageOf(error))}\n`);
    if (debug && error instanceof Error && error.stack) env.stderr(`${error.stack}\n`);
    return exitCodeOf(error);
  }
}

function helpFor(command: string | undefined): string | null {
  return command !== undefined && isCommandName(command) ? COMMAND_HELP[command] : null;
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
  if (error instanceof UsageError || isConvexNetError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Collapses line breaks so the message stays one line. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
