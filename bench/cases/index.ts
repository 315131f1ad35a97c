/** Dispatch from a case spec to the module that measures it (runs inside the child process). */
import type { ChildInput, Metrics } from '../types';
import { runIterationCase } from './admm-iteration';
import { runSolveCase } from './admm-solve';
import { runIpmSolveCase } from './ipm-solve';
import { runKernelsCase } from './kernels-case';
import { runPathCase } from './beta-path';
import { runRaceCase } from './solver-race';
import { runEstimateCase } from './train-estimate';
import { runCsvParseCase } from './csv-parse';
import { runCsvOpenCase } from './csv-open';
import { runRobustSweepCase } from './robust-sweep';
import { runPatternSourceCase } from './pattern-source';
import { runMainThreadCase } from './main-thread';

export async function runCase(input: ChildInput): Promise<Metrics> {
  switch (input.kind) {
    case 'kernels':
      return runKernelsCase(input.params);
    case 'admm-iteration':
      return runIterationCase(input.params);
    case 'admm-solve':
      return runSolveCase(input.params, input.python);
    case 'ipm-solve':
      return runIpmSolveCase(input.params);
    case 'solver-race':
      return runRaceCase(input.params);
    case 'train-estimate':
      return runEstimateCase(input.params);
    case 'beta-path':
      return runPathCase(input.params);
    case 'csv-parse':
      return runCsvParseCase(input.params);
    case 'csv-open':
      return runCsvOpenCase(input.params);
    case 'robust-sweep':
      return runRobustSweepCase(input.params);
    case 'pattern-source':
      return runPatternSourceCase(input.params);
    case 'main-thread':
      return runMainThreadCase(input.params);
  }
}
