import { MAX_INPUT_BYTES } from '../files/files';
import { exactPatternLimitSpec } from '../../src-core/training/exact-pattern-limit';
import { MAX_INFERRED_CLASSES, MIN_ROWS_FOR_INTEGER_CLASSES } from '../../src-core/data/target-column';
import { BETA_PER_ROW, REGRESSION_BETA_PER_ROW } from '../../src-core/training/train-defaults';
import { DEFAULT_LOSS, DEFAULT_SOLVER, TRAIN_DEFAULTS } from './train-args';
import { formatBytes } from '../../src-core/training/cost-estimate';
import { IPM_RECOMMENDED_MAX_BYTES, IPM_RECOMMENDED_MAX_STEP_MS, IPM_RECOMMENDED_MAX_UNKNOWNS, IPM_STRUCTURED_MAX_STEP_MS, IPM_STRUCTURED_MAX_UNKNOWNS } from '../../src-core/training/recommended-solver';
import { BALANCED_BACKPROP_PATTERN_ROWS } from '../../src-core/training/presets';

export const MAIN_HELP = `convexnet: train two-layer ReLU networks to global optimality (ConvexNet Studio, headless)

Usage:
  convexnet train DATA.csv --target COLUMN --out MODEL.json [options]
  convexnet predict MODEL.json DATA.csv [--out PRED.csv]
  convexnet export MODEL.json --format onnx|json|csv|html --out FILE [--data DATA.csv]
  convexnet sweep DATA.csv --target COLUMN [--beta-grid MIN:MAX:COUNT | --epsilon-grid MIN:MAX:COUNT] [--cv K] [--report OUT.json]
  convexnet cv DATA.csv --target COLUMN [--folds K] [train options] [--report OUT.json]
  convexnet attack MODEL.json DATA.csv --epsilon E [--norm linf|l2] [--attack fgsm|pgd|certify] [--report OUT.json]
  convexnet <command> --help     options of one command
  convexnet --help | --version

Commands:
  train     fit a model on a CSV/TSV file and write it as a model file (JSON)
  predict   apply a model file to a CSV/TSV file with the same raw columns
  export    write a model file as ONNX, model JSON, predictions CSV or an HTML report
  sweep     solve a regularization path over beta (warm starts) and pick beta, or sweep the
            adversarial radius epsilon (--epsilon-grid)
  cv        k-fold cross-validation of the training options
  attack    clean / FGSM / PGD / certified accuracy of a model under input perturbations

A MODEL may be the model JSON from train (or the app), or an ONNX file from convexnet export
(its metadata carries the model JSON).
A data file may be - to read standard input (convexnet predict m.json - < data.csv); pipes and
process substitutions (<(...)) are read to their end. At most ${MAX_INPUT_BYTES / 1024 / 1024} MB is read from any input.

Results (tables, scores, predictions without --out) go to stdout; progress, the choices made,
notes, warnings and "written to" lines go to stderr, so "convexnet cv ... > cv.txt" keeps the
results alone.

Exit codes: 0 success, 1 data, file or solver error, 2 usage error (bad arguments or settings).
`;

export const TRAIN_HELP = `Usage: convexnet train DATA.csv --target COLUMN --out MODEL.json [options]

Fits a two-layer ReLU network on DATA.csv (comma, tab, semicolon or pipe separated, header row).
The results go to stdout: with --epsilon the robustness report, the input columns' importance,
and the stopping reason with the test score. Progress (at most one line every 0.5 s), the
choices made, notes and warnings go to stderr.

Data:
  --format F               csv | tsv | xlsx | arff | libsvm | json. Default: from the file name,
                           else from the content. Delimiter, decimal comma, header row and encoding
                           (UTF-8, with or without BOM, else Latin-1) are detected.
  --sheet NAME             the XLSX sheet to read (default: the first sheet)
  --target COLUMN          column to predict (required); rows where it is empty are dropped
  --ignore A,B             columns the model does not read (every other column is an input)
  --keep A,B               columns to read although the inspection leaves them out, as the app
                           does (identifiers, dates, constant, empty and free-text columns; the
                           columns left out are listed before training)
  --task T                 binary | multiclass | regression. Default: inferred: a target that is not
                           all numbers, or has at most ${MAX_INFERRED_CLASSES} distinct whole-number values with more than
                           ${MIN_ROWS_FOR_INTEGER_CLASSES} rows, is classification (binary with 2 classes); otherwise regression
  --test-fraction F        share of rows held out for testing, 0 <= F < 1 (default ${TRAIN_DEFAULTS.testFraction}); the split is
                           seeded and stratified by class for classification
  --standardize            scale numeric columns to mean 0, standard deviation 1 using the
                           training rows (default)
  --no-standardize         pass numeric columns through unchanged
  --scaling S              standardize | min-max | none (instead of --standardize/--no-standardize)
  --impute M               mean (default) | median | drop-rows: empty feature cells take the training
                           mean or median (text: the most frequent category), or the row is dropped
  --max-categories N       one-hot at most N categories per text column (2..1000, default 50); the
                           rarer ones count as "other" (all zeros), with a warning
                           Text columns are one-hot encoded over the (at most 50 most frequent)
                           categories seen in training; at prediction time an unseen category gives
                           all zeros. Empty cells take the training mean (numbers) or the most
                           frequent category (text).

Model:
  --loss L                 squared | bce | hinge. Default: ${DEFAULT_LOSS.regression} for regression, ${DEFAULT_LOSS.binary} for classification
  --solver S               admm | admm-rbcd | ipm | scp | backprop. Default: chosen for the data,
                           as the app's presets choose: ipm when its Newton systems fit
                           (squared loss: 2 x columns x patterns <= ${IPM_STRUCTURED_MAX_UNKNOWNS} unknowns, or more
                           while a step is modelled within ${IPM_STRUCTURED_MAX_STEP_MS / 1000} s, and at
                           most ${formatBytes(IPM_RECOMMENDED_MAX_BYTES)} of memory; bce, hinge, class weights: <= ${IPM_RECOMMENDED_MAX_UNKNOWNS}
                           and a modelled step of at most ~${IPM_RECOMMENDED_MAX_STEP_MS / 1000} s), without --epsilon, --rho or a
                           --max-iter above its 1000 Newton steps; otherwise
                           squared -> ${DEFAULT_SOLVER.squared}, bce -> ${DEFAULT_SOLVER.bce}, hinge -> ${DEFAULT_SOLVER.hinge}.
                           The choice and its reason are printed before training.
                           ipm: interior-point method, the most accurate certificate (1e-6..1e-8
                           in 10-30 Newton steps) for small and medium problems; every loss
                           (bce, hinge and class weights in its conic form), no --epsilon;
                           --max-iter counts its Newton steps
  --formulation F          sampled | exact (default ${TRAIN_DEFAULTS.formulation}); exact enumerates every activation
                           pattern and suits only small problems
  --exact-pattern-limit N  with --formulation exact: refuse data that could have more than N
                           patterns, 1..${exactPatternLimitSpec.max} (default ${exactPatternLimitSpec.default})
  --patterns N             sampled activation patterns (convex solvers), neurons (scp) or hidden
                           units (backprop) (default ${TRAIN_DEFAULTS.patterns})
  --pattern-source S       random | backprop: where the sampled formulation's patterns come from.
                           backprop trains a back-propagation network of N neurons first (one per
                           class of N / classes) and takes its neurons' patterns: slower, often far
                           better on data that random directions fit badly, and the result is never
                           worse than that network on the training objective (the report's notes
                           compare them). Default: as the app's Balanced preset, backprop on
                           ${BALANCED_BACKPROP_PATTERN_ROWS} training rows or more, else random
  --beta B                 regularization strength, B > 0 (default ${BETA_PER_ROW} x training rows;
                           regression: ${REGRESSION_BETA_PER_ROW} x training rows x the target's standard
                           deviation; losses are sums over rows, the weights scale with the target)
  --seed S                 seed of every random choice, 0..4294967295 (default ${TRAIN_DEFAULTS.seed})
  --class-weights W        classification: balanced (each class weighs n / (classes x its rows)),
                           none (default), or CLASS=WEIGHT pairs, e.g. yes=3,no=1 (a class left
                           out weighs 1); the loss of each row is multiplied by its class's weight
  --workers N              worker threads (1..64) for the one-vs-rest heads of train and sweep and
                           the folds of cv and sweep --cv: the same results in less time on
                           several cores
                           (default: CONVEXNET_WORKERS, else 1, everything in this thread)
  A first-layer bias is always used.

Solver settings (the solver's own defaults apply when absent; it checks the ranges):
  --rho R                  ADMM's penalty: changes the speed, never the answer; 0 (default) picks
                           beta / sqrt(training rows), adapted during the solve
  --max-iter N             iteration limit
  --tol T                  stopping tolerance
  --time-limit-ms MS       time limit in milliseconds

Adversarial training (robust to perturbed inputs):
  --epsilon E|auto         train against perturbations of size E (turns it on); admm/admm-rbcd solve
                           the robust convex program, backprop runs PGD adversarial training.
                           auto: the largest 1-2-5 radius at which at least a quarter of the
                           sampled neurons keep a margin no training row can be pushed across
                           (the app's suggestion), printed with its reason
  --norm N                 linf (default: each column moves by at most E) | l2
  --epsilon-units U        raw (default: E in each numeric column's own units) | standardized
  --immutable A,B          columns that cannot change (categorical columns never change)
  --compare-standard       also train without the adversary and report both
  --baseline-attack A      backprop only: pgd (default) | fgsm
  With --epsilon, a robustness report (clean / FGSM / PGD / certified accuracy at 0..2 E) is
  printed and stored in the model file and the run report.

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
"probability_<class>" for every class, to stdout unless --out is given; notes on filled-in
inputs go to stderr.

  --out PRED.csv           write the predictions there (atomically) instead of to stdout
  --format F, --sheet NAME how to read DATA (as for convexnet train; default: detected)
`;

export const EXPORT_HELP = `Usage: convexnet export MODEL.json --format onnx|json|csv|html --out FILE [--data DATA.csv]

Writes a model file (from convexnet train or the app) in another form; FILE is written atomically.
Nothing goes to stdout; notes and the "written to" line go to stderr.

  --format onnx    ONNX (IR 7, opset 13) for onnxruntime and other tools. Input "input": double
                   [N, features], one column per prepared feature on the RAW scale (numeric columns
                   as they are, NaN = missing; a text column as 0/1 indicators "column=category");
                   the scaling is inside the graph. Outputs "label" (class name) and
                   "probabilities" [N, classes] (float), or "prediction" [N] (double) for
                   regression.
                   Metadata: app version, solver, beta, epsilon, certificate, and the model JSON
                   (so the app and the MODEL argument of every command read the ONNX file back).
  --format json    the model JSON, checked and rewritten (e.g. to upgrade its layout)
  --format csv     predictions for --data DATA.csv: column "prediction", then one
                   "probability_<class>" per class for classification
  --format html    a self-contained HTML report (preparation, settings, certificate, weight
                   sizes); with --data, a data summary and, when DATA.csv has the target column,
                   its metrics
  --out FILE       where to write (required)
  --data DATA.csv  raw rows with the model's input columns (required for csv)
`;

export const SWEEP_HELP = `Usage: convexnet sweep DATA.csv --target COLUMN [--beta-grid MIN:MAX:COUNT] [--cv K] [--report OUT.json] [train options]

Solves the same training options for every beta of a log grid, each solve warm-started from the
previous (largest beta first; smallest first with --solver ipm), and prints one line per beta:
train and test score (accuracy, or R^2 for regression), neuron count and certified gap. The
chosen beta has the best mean cross-validated score with --cv K, else the best test score; a tie
goes to the larger beta (the simpler model). Reproducible with the same --seed. The table and
the choice go to stdout; progress and notes to stderr.

  --beta-grid MIN:MAX:COUNT  log grid of beta, e.g. 1e-4:1e-1:8 (default: beta/100 to beta*100,
                             8 values, beta being the train default or --beta)
  --cv K                     pick beta by K-fold cross-validation on the training rows (2..20;
                             stratified for classification)
  --report OUT.json          every point with its metrics (and fold reports), the chosen beta
  All options of convexnet train apply (data formats and preparation included) except --out
  (no model is written) and --epsilon.

Sweep over the adversarial radius instead (at the train beta):
  --epsilon-grid MIN:MAX:COUNT|auto  epsilon 0 (the standard model) plus COUNT log-spaced radii
                             from MIN to MAX, e.g. 0.01:0.5:7; auto: up to a quarter of the median
                             column spread, from a thirtieth of that or, when lower, half the
                             radius --epsilon auto would suggest. Radii are solved smallest first (by the interior-point
                             method from scratch, or by PDHG from the previous radius when the
                             program is too large for it); every model is attacked by PGD at its
                             own radius on the test rows; the chosen radius scores best under PGD
                             at the largest radius.
  --norm linf|l2             perturbation norm (default linf)
  --epsilon-units raw|standardized  units of the radii (default raw: the data file's units)
  --immutable A,B            columns the adversary cannot change
`;

export const CV_HELP = `Usage: convexnet cv DATA.csv --target COLUMN [--folds K] [--report OUT.json] [train options]

K-fold cross-validation of the training options on the training rows (--test-fraction 0 uses
every row): each fold's model is trained on the other folds and measured on it. Prints the mean
and spread (standard deviation) of every metric on stdout (progress and notes on stderr). Folds
are stratified by class for classification and seeded by --seed.

  --folds K                  number of folds, 2..20 (default 5)
  --report OUT.json          every metric per fold, mean and spread
  All options of convexnet train apply (data formats and preparation included) except --out
  (no model is written) and --epsilon. The scaling is refitted on each fold's training rows.
`;

export const ATTACK_HELP = `Usage: convexnet attack MODEL.json DATA.csv --epsilon E [options]

Attacks a model file on a labelled data file (any format convexnet train reads; the model's target
column must be present) and prints on stdout
clean, FGSM, PGD and certified accuracy (regression: RMSE clean / FGSM / PGD and a certified
bound) with the number of points, the norm and the units. Certified accuracy is a proven lower
bound (interval bounds; exact vertex search for small l_inf binary models), so
certified <= PGD <= clean.

  --epsilon E[,E2,...]     radius, or a comma-separated sweep of radii (required)
  --norm N                 linf (default) | l2
  --epsilon-units U        raw (default: each numeric column's own units) | standardized
  --immutable A,B          columns that cannot change (categorical columns never change)
  --attack A               fgsm | pgd | certify | all (default all)
  --steps N                PGD steps per start (default 50; step 2.5 E / N)
  --restarts R             PGD starts (default 10; the first at the clean point)
  --seed S                 seed of the random starts (default 1)
  --report OUT.json        write the report as JSON (atomically)
`;
