import { describe, expect, it } from 'vitest';
import { chosenPath, OPEN_DATASET_DIALOG } from '../../../src-main/electron/dataset-dialog';
import { rendererLocation } from '../../../src-main/electron/renderer-location';

describe('renderer location', () => {
  it('finds the preload and the page beside the main bundle', () => {
    const location = rendererLocation({ mainDir: '/opt/app/out/main', packaged: true, devServerUrl: undefined });
    expect(location).toEqual({
      preloadPath: '/opt/app/out/preload/index.cjs',
      indexPath: '/opt/app/out/renderer/index.html',
      indexFileUrl: 'file:///opt/app/out/renderer/index.html',
      devServerUrl: undefined,
    });
  });

  it('uses the dev server only when unpackaged', () => {
    expect(rendererLocation({ mainDir: '/a/out/main', packaged: false, devServerUrl: 'http://localhost:5173' }).devServerUrl).toBe(
      'http://localhost:5173/',
    );
    expect(rendererLocation({ mainDir: '/a/out/main', packaged: true, devServerUrl: 'http://localhost:5173' }).devServerUrl).toBeUndefined();
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'not a url', ''])('ignores a dev server URL of %j', (url) => {
    expect(rendererLocation({ mainDir: '/a/out/main', packaged: false, devServerUrl: url }).devServerUrl).toBeUndefined();
  });
});

describe('open dataset dialog', () => {
  it('picks one delimited-text file', () => {
    expect(OPEN_DATASET_DIALOG.properties).toEqual(['openFile']);
    expect(OPEN_DATASET_DIALOG.filters?.[0]?.extensions).toEqual(['csv', 'tsv', 'txt', 'tab', 'data', 'xlsx', 'arff', 'libsvm', 'svm', 'svmlight', 'json']);
  });

  it('reports the chosen path, or nothing when cancelled', () => {
    expect(chosenPath({ canceled: false, filePaths: ['/d/iris.csv'] })).toBe('/d/iris.csv');
    expect(chosenPath({ canceled: true, filePaths: ['/d/iris.csv'] })).toBeNull();
    expect(chosenPath({ canceled: false, filePaths: [] })).toBeNull();
  });
});
