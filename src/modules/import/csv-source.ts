/**
 * Reads a spreadsheet (CSV) row by row as a stream, so a file of any size is
 * never held in memory whole, and maps each row with the column mapping.
 *
 * Line numbers in reports are the row's first line in the file (the header is
 * line 1), which is the row number a spreadsheet program shows.
 */
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type { MappedRecord } from './import-record.ts';
import { mapCsvRow, missingColumns, type CsvContext, type CsvRow } from './csv-mapping.ts';

export class CsvError extends Error {
  override name = 'CsvError';
}

/** Decodes a Windows-1252 / Latin-1 file (older Excel exports) to text. */
function decoder(encoding: string): Transform {
  const td = new TextDecoder(encoding === 'latin1' ? 'latin1' : 'windows-1252');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, td.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, td.decode());
    },
  });
}

function openParser(filePath: string, mapping: CsvContext['mapping']) {
  const encoding = mapping.encoding ?? 'utf8';
  const input = fs.createReadStream(filePath);
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    delimiter: mapping.delimiter ?? ',',
  });
  const stream = encoding === 'utf8' || encoding === 'utf-8' ? input.pipe(parser) : input.pipe(decoder(encoding)).pipe(parser);
  input.on('error', (err) => parser.destroy(err));
  return { input, stream: stream as AsyncIterable<ParsedRecord> };
}

function readError(filePath: string, err: unknown): CsvError {
  if (err instanceof CsvError) return err;
  const e = err as Error & { code?: string; lines?: number };
  if (e.code === 'ENOENT' || e.code === 'EACCES') return new CsvError(`cannot read ${filePath}: ${e.message}`);
  return new CsvError(`${filePath} is not a readable CSV file${e.lines ? ` (near line ${e.lines})` : ''}: ${e.message}`);
}

/**
 * The file's header, after checking it has every column the mapping names,
 * so a wrong mapping is reported before anything is opened or written.
 */
export async function checkCsvHeader(filePath: string, mapping: CsvContext['mapping']): Promise<string[]> {
  const { input, stream } = openParser(filePath, mapping);
  try {
    for await (const { record } of stream) {
      const header = record.map((h) => h.trim());
      const missing = missingColumns(mapping, header);
      if (missing.length) throw missingColumnsError(missing, header);
      return header;
    }
  } catch (err) {
    throw readError(filePath, err);
  } finally {
    input.destroy();
  }
  throw new CsvError(`${filePath} is empty`);
}

const missingColumnsError = (missing: string[], header: string[]) =>
  new CsvError(
    `the mapping names column(s) the file does not have: ${missing.map((m) => `"${m}"`).join(', ')}. ` +
      `The file's columns are: ${header.map((h) => `"${h}"`).join(', ')}`,
  );

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Every row of the file, mapped. Throws CsvError when the file cannot be read or lacks mapped columns. */
export async function* csvRecords(filePath: string, ctx: CsvContext): AsyncGenerator<MappedRecord> {
  try {
    await fs.promises.access(filePath, fs.constants.R_OK);
  } catch {
    throw new CsvError(`cannot read ${filePath}`);
  }
  const { input, stream } = openParser(filePath, ctx.mapping);

  let header: string[] | null = null;
  try {
    for await (const { record, info } of stream) {
      const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      const line = info.lines - newlines;
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = missingColumns(ctx.mapping, header);
        if (missing.length) throw missingColumnsError(missing, header);
        continue;
      }
      const row: CsvRow = {};
      header.forEach((h, i) => {
        if (h && !(h in row && row[h])) row[h] = record[i] ?? '';
      });
      let mapped: MappedRecord;
      try {
        mapped = mapCsvRow(row, line, ctx);
      } catch (err) {
        mapped = {
          ref: `line ${line}`,
          externalId: `line ${line}`,
          input: null,
          problems: [`could not be read: ${(err as Error).message}`],
          warnings: [],
        };
      }
      const extra = record.slice(header.length).filter((c) => c.trim() !== '');
      if (extra.length)
        mapped.problems.push(`the row has ${record.length} cells but the header has ${header.length} columns (a stray comma or quote?)`);
      yield mapped;
    }
  } catch (err) {
    throw readError(filePath, err);
  } finally {
    input.destroy();
  }
  if (!header) throw new CsvError(`${filePath} is empty`);
}
