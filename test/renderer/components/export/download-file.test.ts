// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chartPngDataUrl, dataUrlBlob, downloadChartPng } from '../../../../src-renderer/components/export/chart-png';
import { downloadExportedFile, exportedFileBlob } from '../../../../src-renderer/components/export/download-file';
import { readUpload } from '../../../../src-renderer/components/export/read-upload';

afterEach(() => vi.restoreAllMocks());

/** Records the <a download> clicks: file name and the blob behind the URL. */
function captureDownloads(): { name: string; blob: Blob }[] {
  const downloads: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let counter = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${++counter}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return downloads;
}

describe('downloads', () => {
  it('decodes base64 files to their exact bytes and keeps text as UTF-8', async () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 255, 8, 7]);
    const binary = exportedFileBlob({ fileName: 'm.onnx', mimeType: 'application/octet-stream', encoding: 'base64', content: btoa(String.fromCharCode(...bytes)), byteLength: 7 });
    expect(new Uint8Array(await binary.arrayBuffer())).toEqual(bytes);
    const text = exportedFileBlob({ fileName: 'r.html', mimeType: 'text/html', encoding: 'utf8', content: 'β ≤ 1', byteLength: 6 });
    expect(await text.text()).toBe('β ≤ 1');
    expect(text.type).toMatch(/^text\/html/);
  });

  it('downloads through a temporary <a download> that is removed again', () => {
    const downloads = captureDownloads();
    downloadExportedFile({ fileName: 'model.json', mimeType: 'application/json', encoding: 'utf8', content: '{}', byteLength: 2 });
    expect(downloads.map((d) => d.name)).toEqual(['model.json']);
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
  });

  it('saves a chart as PNG (Chart.js toBase64Image when no 2-D context exists)', async () => {
    const downloads = captureDownloads();
    const png = `data:image/png;base64,${btoa('\x89PNG-bytes')}`;
    const chart = { canvas: document.createElement('canvas'), toBase64Image: vi.fn(() => png) };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    expect(chartPngDataUrl(chart)).toBe(png);
    downloadChartPng(chart, 'objective');
    expect(chart.toBase64Image).toHaveBeenCalledWith('image/png', 1);
    expect(downloads[0]!.name).toBe('objective.png');
    expect(Array.from(new Uint8Array(await downloads[0]!.blob.arrayBuffer()))).toEqual(Array.from('\x89PNG-bytes', (c) => c.charCodeAt(0)));
    expect(downloads[0]!.blob.type).toBe('image/png');
    expect(() => dataUrlBlob('not a data url')).toThrow();
  });

  it('reads an upload: text as UTF-8, ONNX as base64; refuses a file over the limit', async () => {
    expect(await readUpload(new File(['a,b\n1,2\n'], 'rows.csv'))).toEqual({ fileName: 'rows.csv', encoding: 'utf8', content: 'a,b\n1,2\n' });
    const onnx = await readUpload(new File([Uint8Array.from([8, 7, 255])], 'm.onnx'));
    expect(onnx).toEqual({ fileName: 'm.onnx', encoding: 'base64', content: btoa(String.fromCharCode(8, 7, 255)) });
    const huge = new File(['x'], 'huge.csv');
    Object.defineProperty(huge, 'size', { value: 50_000_000 });
    await expect(readUpload(huge)).rejects.toThrow(/too large to upload.*convexnet command/);
  });
});
