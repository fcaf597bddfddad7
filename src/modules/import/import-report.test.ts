import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary, rejectsCsv } from './import-report.ts';
import type { ImportReport } from './import.runner.ts';

const report: ImportReport = {
  source: 'council',
  dryRun: false,
  total: 1204,
  created: 1180,
  updated: 10,
  unchanged: 0,
  rejected: [
    { ref: 'line 7', reasons: ['Postcode: "XX9 9ZZ" is not a valid UK postcode'] },
    { ref: 'line 9', reasons: ['Day(s): could not read the days "When it rains"', 'Women only?: "Maybe" is not yes or no'] },
  ],
  warnings: [{ ref: 'line 5', messages: ['Languages spoken: "Klingon" is not a language we know; left out'] }],
  stopped: false,
  ms: 2345,
};

describe('import reports', () => {
  it('summarises counts and lists every rejected record with all its reasons', () => {
    const text = formatSummary(report, { rejectsFile: 'rejects.csv' });
    assert.match(text, /^Imported from "council" in 2\.3 s: 1,204 records read/);
    assert.match(text, /created\s+1,180\n\s+updated\s+10\n\s+unchanged\s+0\n\s+rejected\s+2/);
    assert.match(text, /line 9: Day\(s\): could not read the days "When it rains"; Women only\?: "Maybe" is not yes or no/);
    assert.match(text, /line 5: Languages spoken: "Klingon"/);
    assert.match(text, /Every rejected record and warning is in rejects\.csv/);
  });
  it('shortens long lists when asked, and says when an import could not finish', () => {
    const text = formatSummary({ ...report, error: 'https://x.example/services?page=3 answered HTTP 503' }, { maxListed: 1 });
    assert.match(text, /… and 1 more/);
    assert.match(text, /Could not finish: https:\/\/x\.example\/services\?page=3 answered HTTP 503\./);
    assert.match(text, /Records read before that were saved/);
  });
  it('writes rejected records and warnings as CSV, one reason per line inside the cell', () => {
    assert.equal(
      rejectsCsv(report),
      'record,outcome,reasons\r\n' +
        'line 7,rejected,"Postcode: ""XX9 9ZZ"" is not a valid UK postcode"\r\n' +
        'line 9,rejected,"Day(s): could not read the days ""When it rains""\nWomen only?: ""Maybe"" is not yes or no"\r\n' +
        'line 5,warning,"Languages spoken: ""Klingon"" is not a language we know; left out"\r\n',
    );
  });
});
