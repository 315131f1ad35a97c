import { describe, expect, it } from 'vitest';
import { formatFromFileName, openTextTable, readTextTable, sniffTextFormat } from '../../../../src-core/data/formats/read-table';
import { expectConvexNetError } from '../expect-error';
import { fixtureBytes } from '../fixture-files';
import { parseDelimited } from '../../../../src-core/data/parse-delimited';
import { tableRows } from '../../../../src-core/data/raw-table';
import { profileColumns } from '../../../../src-core/data/column-profile';
import { applyPreprocessing, fitPreprocessing } from '../../../../src-core/data/preprocessing';
import { matrixToRows } from '../../../../src-core/linalg/matrix';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readTextTable on awkward real-world files', () => {
  it('reads a Latin-1 semicolon CSV with decimal commas and CRLF line ends', () => {
    const { table, details } = readTextTable(fixtureBytes('semicolon-decimal-comma.csv'), 'semicolon-decimal-comma.csv');
    expect(details).toMatchObject({ format: 'csv', encoding: 'latin-1', dialect: { delimiter: ';', decimal: ',', header: true } });
    expect(table.columns).toEqual(['Ort', 'Temperatur', 'Niederschlag', 'Klasse']);
    expect(tableRows(table)).toEqual([
      ['München', '12.5', '0.8', 'warm'],
      ['Zürich', '-3.25', '1.0', 'kalt'],
      ['Köln', '7.0', '', 'kalt'],
      ['Graz', '15.75', '2.5', 'warm'],
    ]);
  });

  it('reads a spreadsheet export with thousands separators as numbers, for training and for new rows alike', () => {
    const train = readTextTable(bytes('income,age,y\n"1,200",31,a\n950,45,b\n"2,400",28,a\n"13,100",52,b\n'), 'export.csv').table;
    const [income] = profileColumns(train);
    expect(income).toMatchObject({ kind: 'numeric', flags: [] });
    const { pipeline, warnings } = fitPreprocessing(train, 'y');
    expect(warnings).toEqual([]);
    expect(pipeline.steps[0]).toMatchObject({ kind: 'numeric', column: 'income' });
    // New rows written with or without the separators are the same inputs.
    const withSeparators = readTextTable(bytes('income,age\n"3,500",40\n"1,200",31\n'), 'new.csv').table;
    const plain = readTextTable(bytes('income,age\n3500,40\n1200,31\n'), 'plain.csv').table;
    expect(matrixToRows(applyPreprocessing(pipeline, withSeparators))).toEqual(matrixToRows(applyPreprocessing(pipeline, plain)));
    // A semicolon file whose numbers all read as decimal commas keeps that reading: 1,200 is 1.2.
    const semicolon = readTextTable(bytes('income;y\n1,200;a\n950;b\n'), 'de.csv');
    expect(semicolon.details.dialect).toMatchObject({ delimiter: ';', decimal: ',' });
    expect(tableRows(semicolon.table)).toEqual([['1.200', 'a'], ['950', 'b']]);
  });

  it('keeps line breaks, commas and doubled quotes inside quoted fields, with the right line numbers', () => {
    const { table } = readTextTable(fixtureBytes('quoted-newlines.csv'), 'quoted-newlines.csv');
    expect(tableRows(table).map((r) => r[1])).toEqual(['First line\nsecond line, with comma', 'He said "hi"', 'plain', 'multi\r\nline\r\nthree']);
    expect(Array.from(table.lines!)).toEqual([2, 4, 5, 6]);
  });

  it('reads UTF-8 with a BOM and the Latin-1 file', () => {
    expect(readTextTable(fixtureBytes('utf8-bom.csv'), 'utf8-bom.csv').table.columns).toEqual(['name', 'size', 'kind']);
    expect(tableRows(readTextTable(fixtureBytes('latin1.csv'), 'latin1.csv').table)[1]).toEqual(['Besançon', '117912', 'Bourgogne-Franche-Comté']);
  });

  it('reads TSV, ARFF, LIBSVM and JSON by extension', () => {
    expect(tableRows(readTextTable(fixtureBytes('sample.tsv'), 'sample.tsv').table)[1]).toEqual(['1.0', '-2', 'b']);
    const arff = readTextTable(fixtureBytes('sample.arff'), 'sample.arff');
    expect(arff.details.format).toBe('arff');
    expect(arff.table.columns).toEqual(['outlook', 'temperature', 'relative humidity', 'windy', 'play']);
    expect(tableRows(arff.table)[2]).toEqual(['rainy', '70', '', 'FALSE', 'yes']);
    expect(tableRows(arff.table)[4]).toEqual(['sunny', '64', '65', 'TRUE', 'yes']);
    const svm = readTextTable(fixtureBytes('sample.libsvm'), 'sample.libsvm');
    expect(svm.table.columns).toEqual(['label', 'f1', 'f2', 'f3', 'f4']);
    expect(tableRows(svm.table)).toEqual([
      ['+1', '0.5', '0', '1.25', '0'],
      ['-1', '0', '-1', '0.75', '0'],
      ['+1', '2', '0', '0', '3e-1'],
    ]);
    const json = readTextTable(fixtureBytes('records.json'), 'records.json');
    expect(json.table.columns).toEqual(['age', 'city', 'member', 'spend']);
    expect(tableRows(json.table)[1]).toEqual(['45', 'Nice', 'false', '']);
  });

  it('sniffs the format of a file without a known extension, and honours a chosen one', () => {
    expect(sniffTextFormat('[{"a":1}]')).toBe('json');
    expect(sniffTextFormat('% c\n@RELATION x\n')).toBe('arff');
    expect(sniffTextFormat('1 1:2 3:4\n')).toBe('libsvm');
    expect(sniffTextFormat('a,b\n1,2\n')).toBe('csv');
    expect(readTextTable(fixtureBytes('sample.arff'), 'download').details.format).toBe('arff');
    expect(formatFromFileName('DATA.XLSX')).toBe('xlsx');
    expect(readTextTable(bytes('a;b\n1;2\n'), 'x.txt', { format: 'csv', delimiter: ',' }).table.columns).toEqual(['a;b']);
  });

  it('names headerless columns and reads the first record as data when asked', () => {
    const { table } = readTextTable(bytes('1,2\n3,4\n'), 'n.csv');
    expect(table.columns).toEqual(['column_1', 'column_2']);
    expect(tableRows(table)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('refuses empty files, spreadsheets it cannot read itself, and binary garbage', () => {
    expect(expectConvexNetError(() => readTextTable(new Uint8Array(0), 'e.csv'), 'data/empty-file')).toMatch(/^e\.csv is empty/);
    expectConvexNetError(() => readTextTable(fixtureBytes('two-sheets.xlsx'), 'book.xlsx'), 'data/xlsx-needs-reader');
    expectConvexNetError(() => readTextTable(fixtureBytes('two-sheets.xlsx'), 'book.dat'), 'data/xlsx-needs-reader');
    expectConvexNetError(() => readTextTable(new Uint8Array([1, 2, 3, 0, 5]), 'g.csv'), 'data/binary-file');
  });

  it('parses delimited text in steps with rising progress', () => {
    const text = `a,b\n${Array.from({ length: 2000 }, (_, i) => `${i},${i * 2}`).join('\n')}\n`;
    const read = openTextTable(bytes(text), 'big.csv');
    const seen: number[] = [];
    while (!read.step(1000)) seen.push(read.progress);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((p, i) => i === 0 || p > seen[i - 1]!)).toBe(true);
    expect(tableRows(read.finish())).toHaveLength(2000);
  });

  it('reads a file of several decoded pieces (over 1 MB) exactly as its whole text, progress rising', () => {
    // Multi-byte characters, quoted line breaks and CRLF ends fall on the 1 MB piece boundaries somewhere.
    const rows = Array.from({ length: 40_000 }, (_, i) => `${(i / 7).toFixed(3)},"Zoë ${i}\r\n東京, ""${i}""",${i % 3 === 0 ? '' : `${i}.50`}`);
    const text = `x,note,y\r\n${rows.join('\r\n')}\r\n`;
    const encoded = new TextEncoder().encode(text);
    expect(encoded.length).toBeGreaterThan(1.5 * 2 ** 20);
    const read = openTextTable(encoded, 'pieces.csv');
    const seen: number[] = [];
    while (!read.step(50_000)) seen.push(read.progress);
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    const table = read.finish();
    const reference = parseDelimited(text, { delimiter: ',' });
    expect(table.columns).toEqual(reference.columns);
    expect(tableRows(table)).toEqual(tableRows(reference));
    expect(Array.from(table.lines!)).toEqual(Array.from(reference.lines!));
    expect(table.cell(39_999, 1)).toBe('Zoë 39999\r\n東京, "39999"');
  });
});

