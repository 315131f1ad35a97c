import { MAX_INFERRED_CLASSES, MIN_ROWS_FOR_INTEGER_CLASSES } from '../../src-core/data/target-column';
import { BETA_PER_ROW } from '../../src-core/training/train-defaults';
import { DEFAULT_LOSS, DEFAULT_SOLVER, TRAIN_DEFAULTS } from './train-args';

export const MAIN_HELP = `convexnet: train two-layer ReLU networks to global optimality (ConvexNet Studio, headless)

Usage:
  convexnet train DATA.csv --target COLUMN --out MODEL.json [options]
  convexnet predict MODEL.json DATA.csv [--out PRED.csv]
  convexnet <command> --help     options of one command
  convexnet --help | --version

Commands:
  train     fit a model on a CSV/TSV file and write it as a model file (JSON)
  predict   apply a model file to a CSV/TSV file with the same raw columns

Exit codes: 0 success, 1 data, file or solver error, 2 usage error (bad arguments or settings).
`;

export const TRAIN_HELP = `Usage: convexnet train DATA.csv --target COLUMN --out MODEL.json [options]

Fits a two-layer ReLU network on DATA.csv (comma, tab, semicolon or pipe separated, header row).
Progress goes to stderr (at most one line every 0.5 s); nothing is written to stdout.

Data:
  --target COLUMN          column to predict (required); rows where it is empty are dropped
  --task T                 binary | multiclass | regression. Default: inferred: a target that is not
                           all numbers, or has at most ${MAX_INFERRED_CLASSES} distinct whole-number values with more than
                           ${MIN_ROWS_FOR_INTEGER_CLASSES} rows, is classification (binary with 2 classes); otherwise regression
  --test-fraction F        share of rows held out for testing, 0 <= F < 1 (default ${TRAIN_DEFAULTS.testFraction}); the split is
                           seeded and stratified by class for classification
  --standardize            scale numeric columns to mean 0, standard deviation 1 using the
                           training rows (default)
  --no-standardize         pass numeric columns through unchanged
                           Text columns are one-hot encoded over the categories seen in training;
                           at prediction time an unseen category or an empty cell gives all zeros.
                           Empty numeric cells take the training mean.

Model:
  --loss L                 squared | bce | hinge. Default: ${DEFAULT_LOSS.regression} for regression, ${DEFAULT_LOSS.binary} for classification
  --solver S               admm | admm-rbcd | scp | backprop. Default by loss:
                             squared -> ${DEFAULT_SOLVER.squared}, bce -> ${DEFAULT_SOLVER.bce}, hinge -> ${DEFAULT_SOLVER.hinge}
  --formulation F          sampled | exact (default ${TRAIN_DEFAULTS.formulation}); exact enumerates every activation
                           pattern and suits only small problems
  --patterns N             sampled activation patterns (convex solvers), neurons (scp) or hidden
                           units (backprop) (default ${TRAIN_DEFAULTS.patterns})
  --beta B                 regularization strength, B > 0 (default ${BETA_PER_ROW} x training rows;
                           losses are sums over rows)
  --seed S                 seed of every random choice, 0..4294967295 (default ${TRAIN_DEFAULTS.seed})
  A first-layer bias is always used.

Solver settings (the solver's own defaults apply when absent; it checks the ranges):
  --rho R                  ADMM penalty parameter
  --max-iter N             iteration limit
  --tol T                  stopping tolerance
  --time-limit-ms MS       time limit in milliseconds

Output:
  --out MODEL.json         model file (required): preprocessing, weights, solver settings and
                           the optimality certificate; written atomically
  --report RUN.json        run report: objective, lower bound, gap, status, iterations, timings,
                           neuron count, train/test metrics and the per-check history
`;

export const PREDICT_HELP = `Usage: convexnet predict MODEL.json DATA.csv [--out PRED.csv]

Applies a model file to DATA.csv, which must have the raw columns the model was trained on (in
any order; other columns, the target among them, are ignored). Writes CSV with one row per data
row: "prediction" (the class name, or the value for regression) and, for classification,
"probability_<class>" for every class.

  --out PRED.csv           write the predictions there (atomically) instead of to stdout
`;
