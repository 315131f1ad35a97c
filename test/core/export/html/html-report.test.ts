import { permutationImportance } from '../../../../src-core/model/permutation-importance';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { ReportInput } from '../../../../src-core/export/html/html-report';
import { renderHtmlReport, REPORT_SECTIONS } from '../../../../src-core/export/html/html-report';
import { trainRowIndices } from '../../../../src-core/model/train-row-bitmap';
import { trainedCase } from '../trained-models';

/** WHATWG parse errors of a document (parse5 reports every spec violation of the HTML syntax). */
function parseErrors(html: string): string[] {
  const errors: string[] = [];
  parse(html, { onParseError: (error) => errors.push(`${error.code} at line ${error.startLine}`) });
  return errors;
}

const VOID_ELEMENTS = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'col', 'area', 'base', 'wbr', 'source', 'track', 'embed']);
/** SVG children written self-closed ("<rect .../>"). */
const SELF_CLOSED = /\/>$/;

/**
 * Tree-construction check parse5 does not report: every element is closed, in order, and ids are
 * unique (the generated markup never relies on implied end tags).
 */
function nestingErrors(html: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  const ids = new Set<string>();
  const body = html.replace(/<!DOCTYPE html>/i, '').replace(/<style>[\s\S]*?<\/style>/, '');
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const [tag, closing, rawName, attributes] = match;
    const name = rawName!.toLowerCase();
    for (const id of attributes!.matchAll(/\sid="([^"]*)"/g)) {
      if (ids.has(id[1]!)) errors.push(`duplicate id ${id[1]}`);
      ids.add(id[1]!);
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) errors.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!VOID_ELEMENTS.has(name) && !SELF_CLOSED.test(tag!)) stack.push(name);
  }
  if (stack.length > 0) errors.push(`unclosed: ${stack.join(', ')}`);
  return errors;
}

function reportFor(task: 'binary' | 'multiclass' | 'regression', extra: Partial<ReportInput> = {}): { html: string; input: ReportInput } {
  const { model, result, data } = trainedCase(task);
  const input: ReportInput = {
    title: `Run <${task}> & "quotes"`,
    appVersion: '0.1.0',
    generatedAt: '2026-11-28T12:00:00.000Z',
    model,
    data,
    result,
    evaluation: null,
    robustness: { summary: 'Certified robust accuracy at ε = 0.1: 80%.', rows: [['ε', '0.1'], ['Robust accuracy', '80%']] },
    ...extra,
  };
  return { html: renderHtmlReport(input), input };
}

describe('HTML report', () => {
  it('the validity checks catch broken markup', () => {
    expect(parseErrors('<!DOCTYPE html><html><head><title>x</title></head><body><p a="1" a="2">x</p></body></html>')).not.toEqual([]);
    expect(nestingErrors('<html><body><p><b>x</p></b></body></html>')).not.toEqual([]);
    expect(nestingErrors('<html><body><section id="a"></section><section id="a"></section></body></html>')).toEqual(['duplicate id a']);
  });

  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: valid HTML with no parse error, self-contained, every section present`, () => {
      const { html } = reportFor(task);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(parseErrors(html)).toEqual([]);
      expect(nestingErrors(html)).toEqual([]);
      // Self-contained: no URL to fetch, no script.
      expect(html).not.toMatch(/https?:\/\//i);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(/i);
      for (const id of REPORT_SECTIONS) expect(html).toContain(`<section id="${id}">`);
      // Charts are inline SVG: objective/bound, gap, weight sizes (+ ROC for binary).
      const charts = html.match(/<svg /g) ?? [];
      expect(charts.length).toBeGreaterThanOrEqual(task === 'binary' ? 4 : 3);
      expect(html).toContain('<polyline');
    });
  }

  it('shows the run: metrics, settings, certificate text, class names; escapes every text', () => {
    const { html, input } = reportFor('multiclass');
    expect(html).toContain('<title>Run &lt;multiclass&gt; &amp; &quot;quotes&quot;</title>');
    expect(html).not.toContain('<multiclass>');
    expect(html).toContain('multiclass &lt;test&gt; data');
    expect(html).toContain(input.result!.heads[0]!.certificateText!.replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
    expect(html).toContain(input.result!.statusText.replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
    for (const name of input.model!.classNames) expect(html).toContain(name);
    const accuracy = input.result!.test!.classification!.accuracy!;
    expect(html).toContain(`${(accuracy * 100).toFixed(2)}%`);
    expect(html).toContain(`<td>${input.model!.solver}</td>`);
    // An imported model has no data summary: the report tells its training rows from the model
    // file, where they are a bitmap (counted from it, not from a list's length).
    const trainingData = input.model!.trainingData!;
    expect(trainRowIndices(trainingData)).toHaveLength(input.result!.trainCount);
    expect(reportFor('multiclass', { data: null }).html).toContain(`<td>${trainingData.source} (${trainingData.rows} rows, ${input.result!.trainCount} used for training)</td>`);
    expect(html).toContain('Certified robust accuracy');
  });

  it('lists the run\'s input importance under the metrics, escaped, and leaves it out without one', () => {
    const { model, result, data, table } = trainedCase('multiclass');
    const importance = permutationImportance(model, table)!;
    const renamed = { ...importance, columns: [{ ...importance.columns[0]!, column: 'petal <length>' }, ...importance.columns.slice(1)] };
    const { html } = reportFor('multiclass', { model, data, result: { ...result, importance: renamed } });
    expect(parseErrors(html)).toEqual([]);
    expect(html).toContain('<h3>Which inputs matter</h3>');
    expect(html).toContain(`<td>petal &lt;length&gt;</td><td>${(100 * renamed.columns[0]!.drop).toFixed(1)} pts</td>`);
    expect(reportFor('multiclass', { model, data, result }).html).not.toContain('Which inputs matter');
  });

  it('lists the preparation warnings and the solvers\' notes, escaped', () => {
    const { model, result, data } = trainedCase('multiclass');
    const heads = result.heads.map((h, i) => ({ ...h, notes: ['All <sampled>.', ...(i === 1 ? ['Stopped early.'] : [])], details: ['Linear system: direct & fast.'] }));
    const { html } = reportFor('multiclass', { model, data, result: { ...result, heads, dataWarnings: ['Column "c" & more.'] } });
    expect(html).toContain('<ul class="warnings"><li>Column &quot;c&quot; &amp; more.</li></ul>');
    expect(html).toContain(`<h3>Solver notes</h3><ul><li>All &lt;sampled&gt;.</li><li>${model.classNames[1]}: Stopped early.</li></ul><h3>Solver: technical details</h3><ul><li>Linear system: direct &amp; fast.</li></ul>`);
    expect(parseErrors(reportFor('multiclass', { result: { ...result, heads } }).html)).toEqual([]);
  });

  it('shows the robustness comparison of an adversarially trained run (robust and standard models)', () => {
    const point = (epsilon: number, clean: number, pgd: number) => {
      const set = { clean, fgsm: pgd + 0.05, pgd, certified: pgd - 0.1 };
      return { epsilon, accuracy: set, balancedAccuracy: set, error: null };
    };
    const report = (points: ReturnType<typeof point>[]) => ({
      task: 'binary' as const,
      norm: 'linf' as const,
      units: 'raw' as const,
      unitsText: 'ε is in the data file\'s units of each numeric column (ℓ∞ ball).',
      testPoints: 30,
      dataSet: 'test' as const,
      attack: { steps: 20, restarts: 2, stepFraction: 0.25 },
      certification: 'interval' as const,
      points,
      warnings: ['Only 30 test points.'],
    });
    const { model, result, data } = trainedCase('binary');
    const robustness = { robust: report([point(0, 0.95, 0.95), point(0.1, 0.93, 0.81)]), standard: report([point(0, 0.97, 0.97), point(0.1, 0.96, 0.42)]) };
    const html = renderHtmlReport({
      title: 'robust',
      appVersion: '0.1.0',
      generatedAt: '2026-11-28T12:00:00.000Z',
      model,
      data,
      result: { ...result, robustness, options: { ...result.options, adversarial: { epsilon: 0.1, norm: 'linf', units: 'raw' } } },
      evaluation: null,
      robustness: null,
    });
    expect(parseErrors(html)).toEqual([]);
    expect(nestingErrors(html)).toEqual([]);
    const section = html.slice(html.indexOf('<section id="robustness">'));
    expect(section).toContain('Adversarially trained model: accuracy on 30 test rows');
    expect(section).toContain('Same settings without adversarial training');
    expect(section).toContain('<td>81.0%</td>');
    expect(section).toContain('<td>42.0%</td>');
    expect(section).toContain('Only 30 test points.');
    expect(html).toContain('<td>ε = 0.1 (linf ball, raw units)</td>');
    // The robust model wins under PGD: no verdict. Swapped, the report carries the app's verdict.
    expect(section).not.toContain('did not pay');
    const swapped = renderHtmlReport({
      title: 'robust',
      appVersion: '0.1.0',
      generatedAt: '2026-11-28T12:00:00.000Z',
      model,
      data,
      result: { ...result, robustness: { robust: robustness.standard, standard: robustness.robust }, options: { ...result.options, adversarial: { epsilon: 0.1, norm: 'linf', units: 'raw' } } },
      evaluation: null,
      robustness: null,
    });
    expect(swapped.slice(swapped.indexOf('<section id="robustness">'))).toMatch(/Verdict<\/th>\s*<td>Adversarial training did not pay here: .*81\.0% against 42\.0%/);
  });

  it('leaves robustness out when there is none, and still renders from a model file alone', () => {
    const { html } = reportFor('binary', { robustness: null, result: null, data: null });
    expect(parseErrors(html)).toEqual([]);
    expect(nestingErrors(html)).toEqual([]);
    expect(html).not.toContain('<section id="robustness">');
    for (const id of REPORT_SECTIONS.filter((s) => s !== 'robustness')) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('No metrics');
  });

  it('says a back-propagation run converged, never "solved": only the convex solvers certify', () => {
    const { model, result } = trainedCase('binary');
    const backpropModel = { ...model, solver: 'backprop' as const, status: 'solved' as const, heads: model.heads.map((h) => ({ ...h, status: 'solved' as const, iterations: 120 })) };
    const backpropResult = { ...result, options: { ...result.options, solver: 'backprop' as const }, heads: result.heads.map((h) => ({ ...h, status: 'solved' as const, iterations: 120 })) };
    const fromModel = reportFor('binary', { model: backpropModel, result: null, data: null }).html;
    expect(fromModel).toContain('Converged (loss change below tolerance, 120 epochs)');
    expect(fromModel).not.toMatch(/status solved/);
    const fromRun = reportFor('binary', { model: backpropModel, result: backpropResult }).html;
    expect(fromRun).toContain('<th scope="col">Epochs</th>');
    expect(fromRun).toContain('Converged (loss change below tolerance)');
    expect(fromRun).not.toMatch(/<td>solved<\/td>/);
  });
});
