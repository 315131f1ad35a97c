import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { predictRaw } from '../../../src-core/model/model-file';
import { permutationImportance } from '../../../src-core/model/permutation-importance';
import { trainRowIndices } from '../../../src-core/model/train-row-bitmap';
import { RUN_VERSION } from '../../../src-main/workspace/run-file';
import { RunStore, STALE_TEMP_MS } from '../../../src-main/workspace/run-store';
import { cachedCase, datasetInput, freshFolder } from './workspace-fixtures';

const folders: string[] = [];
function store(): RunStore {
  const folder = freshFolder();
  folders.push(folder);
  return new RunStore(folder);
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('run store (workspace)', () => {
  it('saves a run and re-opens it, from a new store on the same folder, exactly as it was', async () => {
    const runs = store();
    const trained = cachedCase('binary');
    const summary = await runs.save({ name: 'ADMM on moons', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    expect(summary).toMatchObject({ name: 'ADMM on moons', jobId: 'job-1', task: 'binary', solver: trained.model.solver, hasModel: true, datasetName: 'two moons' });
    expect(summary.headlineMetric).toEqual({ name: 'accuracy', split: 'test', value: trained.result.test!.classification!.accuracy });
    // A restart: a new store reads the same folder.
    const reopened = await new RunStore(runs.folder).get(summary.runId);
    expect(reopened.summary).toEqual(summary);
    expect(reopened.result).toEqual(JSON.parse(JSON.stringify(trained.result)));
    expect(reopened.model).toEqual(trained.model);
    expect(predictRaw(reopened.model!, trained.table).probabilities).toEqual(predictRaw(trained.model, trained.table).probabilities);
    expect(reopened.data.fingerprint).toBe('a'.repeat(64));
  });

  it('lists newest first, searches by words, renames and deletes', async () => {
    const runs = store();
    const binary = cachedCase('binary');
    const regression = cachedCase('regression');
    const first = await runs.save({ name: 'first moons', result: binary.result, model: binary.model, dataset: datasetInput(binary), savedAt: 1000 });
    const second = await runs.save({ name: 'second', result: regression.result, model: regression.model, dataset: datasetInput(regression, 'waves'), savedAt: 2000 });
    expect((await runs.list()).runs.map((r) => r.runId)).toEqual([second.runId, first.runId]);
    expect((await runs.list('MOONS')).runs.map((r) => r.runId)).toEqual([first.runId]);
    expect((await runs.list('waves regression')).runs.map((r) => r.runId)).toEqual([second.runId]);
    expect((await runs.list('waves binary')).runs).toEqual([]);
    expect(second.headlineMetric.name).toBe('r2');

    const renamed = await runs.rename(first.runId, '  baseline  ');
    expect(renamed.name).toBe('baseline');
    expect((await new RunStore(runs.folder).get(first.runId)).summary.name).toBe('baseline');
    await expect(runs.rename(first.runId, '   ')).rejects.toMatchObject({ code: 'workspace/invalid-name' });

    expect(await runs.delete(first.runId)).toEqual({ deleted: true });
    expect(await runs.delete(first.runId)).toEqual({ deleted: false });
    expect((await runs.list()).runs.map((r) => r.runId)).toEqual([second.runId]);
    await expect(runs.get(first.runId)).rejects.toMatchObject({ code: 'workspace/unknown-run' });
    expect(await runs.info()).toEqual({ folder: runs.folder, runCount: 1, problems: [] });
  });

  it('reports corrupted and foreign files and skips them, never failing the listing', async () => {
    const runs = store();
    const trained = cachedCase('binary');
    const good = await runs.save({ name: 'good', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    const goodText = readFileSync(join(runs.folder, `${good.runId}.json`), 'utf8');
    writeFileSync(join(runs.folder, 'run-20260101-000000-truncated.json'), goodText.slice(0, goodText.length / 2));
    writeFileSync(join(runs.folder, 'run-20260101-000000-foreign.json'), JSON.stringify({ hello: 'world' }));
    writeFileSync(join(runs.folder, 'run-20260101-000000-newer.json'), goodText.replace(`"version":${RUN_VERSION}`, `"version":${RUN_VERSION + 1}`));
    writeFileSync(join(runs.folder, 'run-20260101-000000-badmodel.json'), goodText.replace('"format":"convexnet-model"', '"format":"something-else"'));
    writeFileSync(join(runs.folder, 'notes.txt'), 'my notes');
    mkdirSync(join(runs.folder, 'subfolder'));
    // Left by an interrupted save: ignored silently (the previous file is intact).
    writeFileSync(join(runs.folder, `.${good.runId}.json.123.abcd.tmp`), '{"half');
    writeFileSync(join(runs.folder, '.DS_Store'), 'finder data');

    const listing = await runs.list();
    expect(listing.runs.map((r) => r.runId)).toEqual([good.runId]);
    const problems = Object.fromEntries(listing.problems.map((p) => [p.file, p.reason]));
    expect(Object.keys(problems).sort()).toEqual(
      ['notes.txt', 'run-20260101-000000-badmodel.json', 'run-20260101-000000-foreign.json', 'run-20260101-000000-newer.json', 'run-20260101-000000-truncated.json', 'subfolder'].sort(),
    );
    expect(problems['run-20260101-000000-truncated.json']).toMatch(/not valid JSON.*damaged.*skipped/);
    expect(problems['run-20260101-000000-foreign.json']).toMatch(/not a ConvexNet run file/);
    expect(problems['run-20260101-000000-newer.json']).toMatch(/newer ConvexNet Studio/);
    expect(problems['run-20260101-000000-badmodel.json']).toMatch(/model is invalid/);
    expect(problems['notes.txt']).toMatch(/not a ConvexNet run file/);
    await expect(runs.get('run-20260101-000000-truncated')).rejects.toMatchObject({ code: 'workspace/corrupt-run' });
    // Opened, each keeps the code that says what is wrong with it, not only the words.
    await expect(runs.get('run-20260101-000000-newer')).rejects.toMatchObject({ code: 'workspace/newer-version', message: expect.stringMatching(/^Run "run-20260101-000000-newer" cannot be opened: .*newer ConvexNet Studio.*update to open it\.$/) });
    await expect(runs.get('run-20260101-000000-foreign')).rejects.toMatchObject({ code: 'workspace/foreign-file' });
    expect((await runs.info()).problems).toHaveLength(6);
  });

  it('keeps the training rows as a bitmap, opens runs saved with a list of them, and reports a damaged bitmap', async () => {
    const runs = store();
    const trained = cachedCase('binary');
    const saved = await runs.save({ name: 'split', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    const text = readFileSync(join(runs.folder, `${saved.runId}.json`), 'utf8');
    expect(text).toContain(`"trainRows":${JSON.stringify(trained.model.trainingData!.trainRows)}`);
    // A run saved before the bitmap: its model file of version 1 lists the training rows.
    const json = JSON.parse(text) as { model: { version: number; trainingData: { trainRows: unknown } } };
    json.model.version = 1;
    const listed = trainRowIndices(trained.model.trainingData!);
    json.model.trainingData.trainRows = listed;
    writeFileSync(join(runs.folder, 'run-20260101-000000-older.json'), JSON.stringify(json));
    json.model.version = 2;
    json.model.trainingData.trainRows = { ...trained.model.trainingData!.trainRows, count: trained.model.trainingData!.trainRows.count + 1 };
    writeFileSync(join(runs.folder, 'run-20260101-000000-badrows.json'), JSON.stringify(json));

    const listing = await runs.list();
    expect(listing.runs.map((r) => r.runId).sort()).toEqual([saved.runId, 'run-20260101-000000-older'].sort());
    const older = await runs.get('run-20260101-000000-older');
    expect(older.model).toEqual(trained.model);
    expect(trainRowIndices(older.model!.trainingData!)).toEqual(listed);
    expect(listing.problems).toEqual([{ file: 'run-20260101-000000-badrows.json', reason: expect.stringMatching(/model is invalid: The model file is damaged: its "trainingData\.trainRows" bitmap marks \d+ training rows, but its "count" says \d+/) }]);
    await expect(runs.get('run-20260101-000000-badrows')).rejects.toMatchObject({ code: 'workspace/corrupt-run', message: expect.stringMatching(/^Run "run-20260101-000000-badrows" cannot be opened: .*"count" says/) });
  });

  it('removes a save\'s temporary file once it is an hour old, and says so once; a younger one is left alone', async () => {
    // They piled up unseen, one per interrupted save (workspace audit).
    const runs = store();
    const trained = cachedCase('binary');
    const good = await runs.save({ name: 'good', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    const stale = join(runs.folder, `.${good.runId}.json.123.abcd.tmp`);
    const fresh = join(runs.folder, `.${good.runId}.json.456.ef01.tmp`);
    writeFileSync(stale, '{"half');
    writeFileSync(fresh, '{"half');
    const twoHoursAgo = new Date(Date.now() - 2 * STALE_TEMP_MS);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    const first = await runs.list();
    expect(first.runs.map((r) => r.runId)).toEqual([good.runId]);
    expect(first.problems).toEqual([{ file: `.${good.runId}.json.123.abcd.tmp`, reason: expect.stringMatching(/^left by a save that was interrupted .* UTC \(that save was lost; earlier runs are intact\); removed$/) }]);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect((await runs.list()).problems).toEqual([]);
  });

  it('lists a run whose metrics or test predictions are malformed as damaged, instead of failing later', async () => {
    // Both passed the checks before: the Results screen went blank (testPredictions) and the HTML
    // export failed with "Cannot read properties of undefined (reading 'precision')" (workspace audit).
    const runs = store();
    const trained = cachedCase('binary');
    const good = await runs.save({ name: 'good', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    const text = readFileSync(join(runs.folder, `${good.runId}.json`), 'utf8');
    const run = JSON.parse(text) as { result: Record<string, unknown> & { train: { classification: Record<string, unknown> } } };
    const damaged = (id: string, change: (copy: typeof run) => void): void => {
      const copy = JSON.parse(text) as typeof run;
      change(copy);
      writeFileSync(join(runs.folder, `run-20260101-000000-${id}.json`), JSON.stringify(copy));
    };
    damaged('predictions', (copy) => (copy.result['testPredictions'] = 'garbage'));
    damaged('metrics', (copy) => (copy.result.train.classification = { accuracy: 0.5 }));
    const listing = await runs.list();
    expect(listing.runs.map((r) => r.runId)).toEqual([good.runId]);
    expect(Object.fromEntries(listing.problems.map((p) => [p.file, p.reason]))).toEqual({
      'run-20260101-000000-predictions.json': expect.stringContaining('"result.testPredictions" is malformed'),
      'run-20260101-000000-metrics.json': expect.stringContaining('"result.train" is malformed (its metrics are incomplete)'),
    });
  });

  it('drops control characters and direction overrides from a new name', async () => {
    const runs = store();
    const trained = cachedCase('binary');
    const saved = await runs.save({ name: 'good', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    expect((await runs.rename(saved.runId, ' best\u0000 run \u202eevil\u202c\n')).name).toBe('best run evil');
    await expect(runs.rename(saved.runId, '\u0000\u202e')).rejects.toMatchObject({ code: 'workspace/invalid-name' });
  });

  it('lists a pipe, a link to a device and a link to nothing as problems without reading them', async () => {
    // A named pipe called run-....json once hung the history, then the whole server (an audit).
    const runs = store();
    const trained = cachedCase('binary');
    const good = await runs.save({ name: 'good', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    mkdirSync(runs.folder, { recursive: true });
    execFileSync('mkfifo', [join(runs.folder, 'run-20260101-000000-pipe.json')]);
    symlinkSync('/dev/zero', join(runs.folder, 'run-20260101-000000-zero.json'));
    symlinkSync(join(runs.folder, 'nowhere.json'), join(runs.folder, 'run-20260101-000000-dangling.json'));
    const listing = await runs.list();
    expect(listing.runs.map((r) => r.runId)).toEqual([good.runId]);
    expect(Object.fromEntries(listing.problems.map((p) => [p.file, p.reason]))).toEqual({
      'run-20260101-000000-pipe.json': 'not a regular file (a pipe, device or socket); skipped',
      'run-20260101-000000-zero.json': 'not a regular file (a pipe, device or socket); skipped',
      'run-20260101-000000-dangling.json': 'a link to a file that does not exist; skipped',
    });
    await expect(runs.get('run-20260101-000000-pipe')).rejects.toMatchObject({ code: 'workspace/corrupt-run' });
  });

  it('keeps a run\'s preparation warnings and solver notes, and refuses a file whose notes are not lists of text', async () => {
    const runs = store();
    const trained = cachedCase('binary');
    const result = { ...trained.result, dataWarnings: ['Column "city" has 40 categories; ...'], heads: trained.result.heads.map((h) => ({ ...h, notes: ['Solver note.'], details: ['Solver detail.'] })) };
    const saved = await runs.save({ name: 'noted', result, model: trained.model, dataset: datasetInput(trained) });
    const reopened = await runs.get(saved.runId);
    expect(reopened.result.dataWarnings).toEqual(result.dataWarnings);
    expect(reopened.result.heads[0]!.notes).toEqual(['Solver note.']);
    expect(reopened.result.heads[0]!.details).toEqual(['Solver detail.']);

    const text = readFileSync(join(runs.folder, `${saved.runId}.json`), 'utf8');
    writeFileSync(join(runs.folder, 'run-20260101-000000-badwarnings.json'), text.replace('"dataWarnings":[', '"dataWarnings":7,"was":['));
    writeFileSync(join(runs.folder, 'run-20260101-000000-badnotes.json'), text.replace('"notes":["Solver note."]', '"notes":[{"text":1}]'));
    writeFileSync(join(runs.folder, 'run-20260101-000000-baddetails.json'), text.replace('"details":["Solver detail."]', '"details":"Solver detail."'));
    const problems = Object.fromEntries((await runs.list()).problems.map((p) => [p.file, p.reason]));
    expect(problems['run-20260101-000000-badwarnings.json']).toMatch(/result\.dataWarnings/);
    expect(problems['run-20260101-000000-badnotes.json']).toMatch(/result\.heads\[\]\.notes/);
    expect(problems['run-20260101-000000-baddetails.json']).toMatch(/result\.heads\[\]\.details/);
  });

  it('keeps a run\'s input importance, and refuses a file whose importance is malformed', async () => {
    const runs = store();
    const trained = cachedCase('binary');
    const importance = permutationImportance(trained.model, trained.table)!;
    const saved = await runs.save({ name: 'with importance', result: { ...trained.result, importance }, model: trained.model, dataset: datasetInput(trained) });
    expect((await new RunStore(runs.folder).get(saved.runId)).result.importance).toEqual(importance);

    const text = readFileSync(join(runs.folder, `${saved.runId}.json`), 'utf8');
    writeFileSync(join(runs.folder, 'run-20260101-000000-badimportance.json'), text.replace('"columns":[{"column":', '"columns":[{"named":'));
    writeFileSync(join(runs.folder, 'run-20260101-000000-badmetric.json'), text.replace('"metric":"accuracy"', '"metric":"auc"'));
    const problems = Object.fromEntries((await runs.list()).problems.map((p) => [p.file, p.reason]));
    expect(problems['run-20260101-000000-badimportance.json']).toMatch(/result\.importance/);
    expect(problems['run-20260101-000000-badmetric.json']).toMatch(/result\.importance/);
  });

  it.skipIf(process.platform === 'win32')('renames a run kept elsewhere through its link, and keeps its file\'s permission mode', async () => {
    // durableWrite replaced the link with a regular file, leaving the run elsewhere stale, and a
    // 0600 run file became 0644.
    const runs = store();
    const trained = cachedCase('binary');
    const saved = await runs.save({ name: 'kept elsewhere', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    const inWorkspace = join(runs.folder, `${saved.runId}.json`);
    const elsewhere = freshFolder();
    folders.push(elsewhere);
    const kept = join(elsewhere, 'kept.json');
    renameSync(inWorkspace, kept);
    symlinkSync(kept, inWorkspace);
    chmodSync(kept, 0o600);
    await runs.rename(saved.runId, 'renamed');
    expect(lstatSync(inWorkspace).isSymbolicLink()).toBe(true);
    expect((JSON.parse(readFileSync(kept, 'utf8')) as { name: string }).name).toBe('renamed');
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect((await new RunStore(runs.folder).get(saved.runId)).summary.name).toBe('renamed');
  });

  it('says in the summary why a run has no model, and refuses a reason that is not text', async () => {
    const runs = store();
    const trained = cachedCase('binary');
    const recorded = await runs.save({ name: 'no weights', result: { ...trained.result, noModelReason: 'its weights are not all finite numbers, so they cannot be exported' }, model: null, dataset: datasetInput(trained) });
    expect(recorded).toMatchObject({ hasModel: false, noModelReason: 'its weights are not all finite numbers, so they cannot be exported' });
    // Saved before reasons were recorded: its status says it.
    const older = await runs.save({ name: 'older', result: { ...trained.result, status: 'numerical-failure' }, model: null, dataset: datasetInput(trained) });
    expect(older.noModelReason).toBe('its solve failed numerically, so it has no finite weights');
    const withModel = await runs.save({ name: 'fine', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    expect(withModel).not.toHaveProperty('noModelReason');

    const text = readFileSync(join(runs.folder, `${recorded.runId}.json`), 'utf8');
    writeFileSync(join(runs.folder, 'run-20260101-000000-badreason.json'), text.replace('"noModelReason":"its weights', '"noModelReason":7,"was":"its weights'));
    const problems = Object.fromEntries((await runs.list()).problems.map((p) => [p.file, p.reason]));
    expect(problems['run-20260101-000000-badreason.json']).toMatch(/"result\.noModelReason" is not text/);
  });

  it('refuses run ids that are not ours (no path escapes the workspace)', async () => {
    const runs = store();
    for (const runId of ['../secret', 'run-../../etc/passwd', '/etc/passwd', 'run-a/b', 'notes']) {
      await expect(runs.get(runId)).rejects.toMatchObject({ code: 'workspace/unknown-run' });
      await expect(runs.delete(runId)).rejects.toMatchObject({ code: 'workspace/unknown-run' });
    }
  });

  it('lists an empty (or not yet created) workspace as empty, and creates it on the first save', async () => {
    const parent = store();
    const runs = new RunStore(join(parent.folder, 'not', 'yet'));
    expect(await runs.list()).toEqual({ runs: [], problems: [] });
    const trained = cachedCase('multiclass');
    await runs.save({ name: 'iris', result: trained.result, model: null, dataset: datasetInput(trained, 'iris') });
    expect(readdirSync(runs.folder).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect((await runs.list()).runs[0]!.hasModel).toBe(false);
  });
});
