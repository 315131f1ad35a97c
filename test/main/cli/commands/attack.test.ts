import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseModelFile } from '../../../../src-core/model/model-file';
import type { RobustnessReport } from '../../../../src-core/robust/robustness-report-types';
import { trainModel } from '../../../../src-core/training/train-model';
import { formatRadius } from '../../../../src-main/cli/commands/attack';
import { classificationCsv, runInProcess, tempDir } from '../cli-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('convexnet train --epsilon and convexnet attack (in-process, real trainer)', () => {
  it('trains robustly, records the threat and report in the model file, then attacks the model', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b'], 25));
    const model = tmp.file('m.json');
    const report = tmp.file('run.json');
    const trained = await runInProcess(['train', data, '--target', 'label', '--out', model, '--report', report, '--epsilon', '0.2', '--norm', 'linf', '--patterns', '8', '--loss', 'hinge', '--tol', '1e-3'], trainModel);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.calls[0]!.options.adversarial).toMatchObject({ epsilon: 0.2, norm: 'linf', units: 'raw' });
    // The robustness report is a result: on stdout, as attack prints it.
    expect(trained.stdout).toMatch(/Robustness on 10 test points; epsilon in the raw units/);
    expect(trained.stderr).not.toMatch(/Robustness on/);
    const file = parseModelFile(JSON.parse(readFileSync(model, 'utf8')));
    expect(file.adversarial).toMatchObject({ epsilon: 0.2, norm: 'linf' });
    // x1, x2 numeric (radius 0.2 / std), the three one-hot shade columns never perturbed
    expect(file.adversarial!.featureRadii!.slice(2)).toEqual([0, 0, 0]);
    expect(file.robustness!.robust.points.map((p) => p.epsilon)).toEqual([0, 0.05, 0.1, 0.2, 0.30000000000000004, 0.4]);
    expect(JSON.parse(readFileSync(report, 'utf8')).robustness.robust.testPoints).toBe(10);

    const out = tmp.file('attack.json');
    const attacked = await runInProcess(['attack', model, data, '--epsilon', '0,0.1,0.3', '--restarts', '2', '--steps', '20', '--report', out]);
    expect(attacked.code, attacked.stderr).toBe(0);
    expect(attacked.stdout).toMatch(/Robustness on 50 test points/);
    expect(attacked.stdout).toMatch(/PGD: 20 steps, 2 starts/);
    expect(attacked.stderr).toBe(`Robustness report written to ${out}.\n`);
    const json = JSON.parse(readFileSync(out, 'utf8')) as RobustnessReport;
    expect(json.points).toHaveLength(3);
    for (const p of json.points) {
      expect(p.accuracy.certified!).toBeLessThanOrEqual(p.accuracy.pgd!);
      expect(p.accuracy.pgd!).toBeLessThanOrEqual(p.accuracy.clean!);
    }
    const only = await runInProcess(['attack', model, data, '--epsilon', '0.1', '--attack', 'fgsm']);
    expect(only.stdout).toMatch(/ -\s/); // pgd and certified columns left out
  }, 60000);

  it('gives one-line usage errors for bad threat arguments', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b'], 5));
    const model = tmp.file('m.json');
    const noEps = await runInProcess(['train', data, '--target', 'label', '--out', model, '--norm', 'l2']);
    expect(noEps.code).toBe(2);
    expect(noEps.stderr).toMatch(/--norm needs --epsilon/);
    const badNorm = await runInProcess(['train', data, '--target', 'label', '--out', model, '--epsilon', '0.1', '--norm', 'l3']);
    expect(badNorm.code).toBe(2);
    const attackNoEps = await runInProcess(['attack', model, data]);
    expect(attackNoEps.code).toBe(2);
    expect(attackNoEps.stderr).toMatch(/needs --epsilon/);
    const badList = await runInProcess(['attack', model, data, '--epsilon', '0.1,x']);
    expect(badList.stderr).toMatch(/--epsilon expects numbers/);
    const unknownColumn = await runInProcess(['train', data, '--target', 'label', '--out', model, '--epsilon', '0.1', '--immutable', 'nope']);
    expect(unknownColumn.code).toBe(2);
    expect(unknownColumn.stderr).toMatch(/"nope"/);
  });

  it('words an unknown --immutable column for the attack, which trains nothing', async () => {
    const data = tmp.file('d.csv', classificationCsv(['a', 'b'], 15));
    const model = tmp.file('m.json');
    expect((await runInProcess(['train', data, '--target', 'label', '--out', model, '--solver', 'ipm', '--patterns', '4'], trainModel)).code).toBe(0);
    const run = await runInProcess(['attack', model, data, '--epsilon', '0.1', '--immutable', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`convexnet: --immutable names the column "nope", which is not an input of the model "${model}", so the attack has nothing to hold fixed there. Inputs: x1, x2, shade.\n`);
  });
});

describe('the robustness table', () => {
  it('writes every radius in its seven-character column', () => {
    expect(formatRadius(0)).toBe('0.00');
    expect(formatRadius(0.3)).toBe('0.300');
    expect(formatRadius(0.000005)).toBe('5.00e-6');
    expect(formatRadius(0.00002)).toBe('2.00e-5');
    expect(formatRadius(0.001)).toBe('0.00100');
    expect(formatRadius(250)).toBe('250');
    for (const e of [0, 1e-9, 3.3e-7, 0.000005, 0.00099, 0.001, 0.0123, 0.5, 7, 99.5, 1234, 98765, 1.5e6]) {
      expect(formatRadius(e).length, String(e)).toBeLessThanOrEqual(7);
    }
  });
});
