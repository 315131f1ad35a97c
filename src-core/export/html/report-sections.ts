import type { HeadResult } from '../../contract/operations';
import { fewRowsCaution, formatImportanceDrop, type PermutationImportance } from '../../model/permutation-importance';
import type { MetricsReport } from '../../training/evaluate';
import { mergedSolverDetails, mergedSolverNotes } from '../../training/merged-solver-notes';
import { iterationUnit } from '../../training/solver-support';
import { runStatusLabel } from '../../text/run-status-text';
import { modelCertificate } from '../model-certificate';
import { escapeHtml, formatNumber, formatPercentage } from './escape-html';
import { robustnessFromComparison } from './report-robustness';
import type { ReportInput } from './report-input';
import type { ChartSeries } from './svg-line-chart';
import { svgBarChart, svgLineChart } from './svg-line-chart';

const COLORS = ['#2f6fd0', '#d0632f', '#2f9d5b', '#9b46c2', '#c2a23a', '#3aa6c2', '#c23a6a', '#6b6b6b'];

type Rows = readonly (readonly [string, string])[];

function table(rows: Rows): string {
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
}

function grid(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unavailable(what: string): string {
  return `<p class="note">${escapeHtml(what)}</p>`;
}

export function summarySection(input: ReportInput): string {
  const { model, result } = input;
  const rows: [string, string][] = [];
  if (input.data) rows.push(['Dataset', `${input.data.name} (${input.data.rowCount} rows)`]);
  const task = result?.task ?? model?.task;
  if (task) rows.push(['Task', task === 'multiclass' ? `multi-class (one-vs-rest, ${model?.classNames.length ?? result?.heads.length} classes)` : task]);
  const solver = result?.options.solver ?? model?.solver;
  if (solver) rows.push(['Method', solver]);
  if (result) rows.push(['Outcome', result.statusText]);
  // A model alone: its status in the screens' words (a back-propagation model is never "Solved").
  else if (model) rows.push(['Outcome', runStatusLabel(model.solver, model.status, model.heads.length === 1 ? model.heads[0]!.iterations : undefined)]);
  if (model?.producer) rows.push(['Trained by', model.producer]);
  rows.push(['Report written', `${input.generatedAt} by ConvexNet Studio ${input.appVersion}`]);
  return section('summary', 'Summary', table(rows));
}

export function dataSection(input: ReportInput): string {
  const { data, model } = input;
  if (!data) {
    if (!model) return section('data', 'Data', unavailable('No data summary is available.'));
    const rows: [string, string][] = [['Target column', model.preprocessing.targetColumn], ['Input columns', model.preprocessing.steps.map((s) => s.column).join(', ')]];
    if (model.trainingData) rows.push(['Source', `${model.trainingData.source} (${model.trainingData.rows} rows, ${model.trainingData.trainRows.count} used for training)`]);
    if (model.classNames.length > 0) rows.push(['Classes', model.classNames.join(', ')]);
    return section('data', 'Data', table(rows));
  }
  const rows: [string, string][] = [
    ['Name', data.name],
    ['Source', data.source],
    ['Rows', String(data.rowCount)],
    ['Target column', data.targetName],
    ['Input columns', `${data.featureNames.length}: ${data.featureNames.join(', ')}`],
    ['Fingerprint (SHA-256)', data.fingerprint],
  ];
  let body = table(rows);
  if (data.classNames.length > 0) body += grid(['Class', 'Rows'], data.classNames.map((c, i) => [c, String(data.classCounts[i] ?? '—')]));
  return section('data', 'Data', body);
}

export function preparationSection(input: ReportInput): string {
  const { model, result } = input;
  if (!model) return section('preparation', 'Preparation', unavailable('The model (and so its preparation) is not available.'));
  const p = model.preprocessing;
  const scaling = p.scaling ?? (p.standardize ? 'standardize' : 'none');
  const numericKind = scaling === 'standardize' ? 'standardized number' : scaling === 'min-max' ? 'number scaled to [0, 1] (min-max)' : 'number';
  const rows = p.steps.map((step) =>
    step.kind === 'numeric'
      ? [step.column, numericKind, `(x − ${formatNumber(step.center, 6)}) / ${formatNumber(step.scale, 6)}`, `missing → ${formatNumber(step.fillValue, 6)}`]
      : [
          step.column,
          'one-hot categories',
          step.categories.join(', '),
          step.fillCategory !== undefined ? `missing → ${step.fillCategory}; unseen → all zeros` : 'missing or unseen → all zeros',
        ],
  );
  const split: [string, string][] = [];
  if (result) split.push(['Training rows', String(result.trainCount)], ['Test rows', String(result.testCount)]);
  if (model.trainingData) split.push(['Test fraction', String(model.trainingData.testFraction)], ['Split seed', String(model.trainingData.splitSeed)]);
  split.push(['First-layer bias', model.bias ? 'yes (a constant-1 input, regularized like any weight)' : 'no']);
  const warnings = result?.dataWarnings ?? [];
  const warningList = warnings.length > 0 ? `<ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '';
  return section('preparation', 'Preparation', `${grid(['Column', 'Kind', 'Transform', 'Missing values'], rows)}${table(split)}${warningList}`);
}

export function settingsSection(input: ReportInput): string {
  const options = input.result?.options;
  const model = input.model;
  if (!options && !model) return section('settings', 'Settings', unavailable('No settings are available.'));
  const o = options ?? model!;
  const rows: [string, string][] = [
    ['Solver', o.solver],
    ['Loss', o.loss],
    ['Formulation', o.formulation],
    ['Patterns / neurons', String(o.patterns)],
    ['β (weight decay)', formatNumber(o.beta, 6)],
    ['Bias', o.bias ? 'yes' : 'no'],
    ['Seed', String(o.seed)],
    ['Class weights', Array.isArray(o.classWeights) ? o.classWeights.join(', ') : String(o.classWeights ?? 'none')],
  ];
  const adversarial = o.adversarial;
  if (adversarial) rows.push(['Adversarial training', `ε = ${formatNumber(adversarial.epsilon, 6)} (${adversarial.norm} ball, ${adversarial.units} units)`]);
  for (const [key, value] of Object.entries(o.solverSettings ?? {})) rows.push([key, String(value)]);
  if (input.result) rows.push(['Setup time', `${formatNumber(input.result.setupMs, 3)} ms`], ['Solve time', `${formatNumber(input.result.solveMs, 3)} ms`]);
  return section('settings', 'Settings', table(rows));
}

function metricsBlock(title: string, report: MetricsReport, classNames: readonly string[]): string {
  if (report.task === 'regression') {
    const r = report.regression;
    return `<h3>${escapeHtml(title)}</h3>${table([
      ['Rows', String(r.n)],
      ['MSE', formatNumber(r.mse)],
      ['RMSE', formatNumber(r.rmse)],
      ['MAE', formatNumber(r.mae)],
      ['R²', formatNumber(r.r2)],
    ])}`;
  }
  const c = report.classification;
  const names = classNames.length === c.classCount ? classNames : Array.from({ length: c.classCount }, (_, i) => `class ${i}`);
  const scores = c.binary ?? c.macro;
  const summary = table([
    ['Rows', String(c.n)],
    ['Accuracy', formatPercentage(c.accuracy)],
    ['Balanced accuracy', formatPercentage(c.balancedAccuracy)],
    [c.binary ? `Precision (${names[1]})` : 'Precision (macro)', formatNumber(scores.precision)],
    [c.binary ? `Recall (${names[1]})` : 'Recall (macro)', formatNumber(scores.recall)],
    [c.binary ? `F1 (${names[1]})` : 'F1 (macro)', formatNumber(scores.f1)],
    [c.binary ? 'ROC AUC' : 'ROC AUC (one-vs-rest mean)', formatNumber(c.rocAuc)],
    ['Log loss', formatNumber(c.logLoss)],
  ]);
  const matrix = grid(
    ['true \\ predicted', ...names],
    c.confusionMatrix.map((row, i) => [names[i]!, ...row.map(String)]),
  );
  return `<h3>${escapeHtml(title)}</h3>${summary}<h4>Confusion matrix</h4>${matrix}`;
}

export function metricsSection(input: ReportInput): string {
  const classNames = input.model?.classNames ?? input.data?.classNames ?? [];
  const parts: string[] = [];
  if (input.result) {
    parts.push(metricsBlock('Training rows', input.result.train, classNames));
    if (input.result.test) parts.push(metricsBlock('Test rows', input.result.test, classNames));
  }
  if (input.evaluation) parts.push(metricsBlock(input.evaluation.label, input.evaluation.metrics, classNames));
  if (input.result?.importance) parts.push(importanceBlock(input.result.importance));
  return section('metrics', 'Metrics', parts.length > 0 ? parts.join('') : unavailable('No metrics: the report was made from a model file alone (pass a labelled data file to evaluate it).'));
}

/** The run's permutation importance of its input columns, as the Results screen lists it. */
function importanceBlock(importance: PermutationImportance): string {
  const drop = (v: number): string => formatImportanceDrop(v, importance.metric);
  const score = importance.metric === 'accuracy' ? 'accuracy' : 'R²';
  const caution = fewRowsCaution(importance);
  const note = `<p class="note">${escapeHtml(`The drop of the test ${score} when one input column is shuffled across ${importance.rows} held-out rows (mean of ${importance.repeats} shuffles, ± their spread). Near 0: the model does not rely on the column there; a correlated column can stand in for a shuffled one.${caution === null ? '' : ` ${caution}`}`)}</p>`;
  return `<h3>Which inputs matter</h3>${note}${grid(['Column', 'Score drop when shuffled', '± spread'], importance.columns.map((c) => [c.column, drop(c.drop), drop(c.spread)]))}`;
}

function headName(head: HeadResult, classNames: readonly string[]): string {
  return head.classIndex === null ? 'network' : (classNames[head.classIndex] ?? `class ${head.classIndex}`);
}

export function chartsSection(input: ReportInput): string {
  const classNames = input.model?.classNames ?? [];
  const charts: string[] = [];
  const heads = input.result?.heads ?? [];
  if (heads.some((h) => h.history.length > 0)) {
    const objective: ChartSeries[] = [];
    heads.forEach((head, i) => {
      const x = head.history.map((p) => p.iteration);
      const name = heads.length > 1 ? `${headName(head, classNames)}: ` : '';
      // One color per network: its objective solid, its certified lower bound dashed.
      const color = COLORS[i % COLORS.length]!;
      objective.push({ name: `${name}objective`, color, x, y: head.history.map((p) => p.objective) });
      if (head.history.some((p) => p.lowerBound !== undefined)) {
        objective.push({ name: `${name}lower bound`, color, x, y: head.history.map((p) => p.lowerBound), dashed: true });
      }
    });
    charts.push(svgLineChart(objective, { title: 'Objective and certified lower bound', xLabel: 'iteration', yLabel: 'objective' }));
    const gaps = heads
      .filter((h) => h.history.some((p) => p.relativeGap !== undefined))
      .map((head, i): ChartSeries => ({ name: headName(head, classNames), color: COLORS[i % COLORS.length]!, x: head.history.map((p) => p.iteration), y: head.history.map((p) => p.relativeGap) }));
    if (gaps.length > 0) charts.push(svgLineChart(gaps, { title: 'Relative optimality gap', xLabel: 'iteration', yLabel: 'gap', logY: true }));
    const residuals: ChartSeries[] = [];
    const first = heads[0]!;
    if (first.history.some((p) => p.primalResidual !== undefined)) {
      residuals.push({ name: 'primal residual', color: COLORS[0]!, x: first.history.map((p) => p.iteration), y: first.history.map((p) => p.primalResidual) });
      residuals.push({ name: 'dual residual', color: COLORS[1]!, x: first.history.map((p) => p.iteration), y: first.history.map((p) => p.dualResidual), dashed: true });
      charts.push(svgLineChart(residuals, { title: `Residuals (${headName(first, classNames)})`, xLabel: 'iteration', yLabel: 'residual', logY: true }));
    }
  }
  const roc = input.result?.test?.classification?.rocCurve ?? input.result?.train.classification?.rocCurve ?? null;
  if (roc) {
    charts.push(
      svgLineChart(
        [
          { name: 'ROC', color: COLORS[0]!, x: roc.fpr, y: roc.tpr },
          { name: 'chance', color: '#999999', x: [0, 1], y: [0, 1], dashed: true },
        ],
        { title: `ROC curve (${input.result?.test ? 'test' : 'training'} rows)`, xLabel: 'false positive rate', yLabel: 'true positive rate', xRange: [0, 1], yRange: [0, 1] },
      ),
    );
  }
  if (input.model) {
    // A neuron's contribution scales with ||u_j|| |v_j| (ReLU is positively homogeneous).
    const sizes: number[] = [];
    const labels: string[] = [];
    for (const head of input.model.heads) {
      const d = head.hidden.cols;
      for (let j = 0; j < head.hidden.rows; j++) {
        let norm = 0;
        for (let t = 0; t < d; t++) norm += head.hidden.data[j * d + t]! ** 2;
        sizes.push(Math.sqrt(norm) * Math.abs(head.output[j]!));
        labels.push(`${head.classIndex === null ? '' : `${classNames[head.classIndex] ?? head.classIndex} `}#${j + 1}`);
      }
    }
    if (sizes.length > 0) charts.push(svgBarChart(sizes, { title: `Neuron weight sizes ‖u‖·|v| (${sizes.length} ${sizes.length === 1 ? 'neuron' : 'neurons'})`, label: (i) => labels[i]! }));
  }
  return section('charts', 'Charts', charts.length > 0 ? charts.map((c) => `<figure>${c}</figure>`).join('') : unavailable('No history or model to chart.'));
}

export function certificateSection(input: ReportInput): string {
  const heads = input.result?.heads;
  const model = input.model;
  const classNames = model?.classNames ?? [];
  const parts: string[] = [];
  if (heads) {
    const solver = input.result!.options.solver;
    parts.push(`<p>${escapeHtml(input.result!.statusText)}</p>`);
    parts.push(
      grid(
        ['Network', 'Status', capitalized(iterationUnit(solver)), 'Objective', 'Lower bound', 'Relative gap', 'Certificate'],
        heads.map((h) => [headName(h, classNames), runStatusLabel(solver, h.status), String(h.iterations), formatNumber(h.objective, 6), formatNumber(h.lowerBound, 6), formatPercentage(h.relativeGap, 4), h.certificateText ?? 'none (not a convex solve)']),
      ),
    );
    const notes = mergedSolverNotes(heads, (h) => headName(heads[h]!, classNames));
    if (notes.length > 0) parts.push(`<h3>Solver notes</h3><ul>${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`);
    // The expert's account after the plain notes, under its own heading (a report is read in full).
    const details = mergedSolverDetails(heads, (h) => headName(heads[h]!, classNames));
    if (details.length > 0) parts.push(`<h3>Solver: technical details</h3><ul>${details.map((detail) => `<li>${escapeHtml(detail)}</li>`).join('')}</ul>`);
  } else if (model) {
    const certificate = modelCertificate(model);
    parts.push(`<p>${escapeHtml(certificate.text)}</p>`);
    parts.push(table([['Objective', formatNumber(certificate.objective, 6)], ['Lower bound', formatNumber(certificate.lowerBound, 6)], ['Relative gap', formatPercentage(certificate.relativeGap, 4)]]));
  } else parts.push(unavailable('No certificate is available.'));
  parts.push(
    `<p class="note">For the sampled formulation the lower bound holds for the convex program with the sampled activation patterns; for the exact formulation it bounds the global optimum of the training problem.</p>`,
  );
  return section('certificate', 'Optimality certificate', parts.join(''));
}

export function robustnessSection(input: ReportInput): string {
  const comparison = input.result?.robustness ?? input.model?.robustness ?? null;
  const r = input.robustness ?? (comparison ? robustnessFromComparison(comparison) : null);
  if (!r) return '';
  const tables = (r.tables ?? []).map((t) => `<h3>${escapeHtml(t.caption)}</h3>${grid(t.header, t.rows)}`).join('');
  return section('robustness', 'Robustness', `<p>${escapeHtml(r.summary)}</p>${table(r.rows)}${tables}`);
}
