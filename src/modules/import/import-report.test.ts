import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BELONG_FIELDS } from '../directory/service-graph.ts';
import { formatSummary, rejectsCsv } from './import-report.ts';
import type { FieldCoverage, ImportReport } from './import.runner.ts';

const coverage = Object.fromEntries(BELONG_FIELDS.map((f) => [f, { stated: 0, unknown: 1190 }])) as FieldCoverage;
coverage.gender = { stated: 1000, unknown: 190 };

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
  conflicts: [],
  kept: 0,
  retired: [],
  coverage,
  unmappedTerms: [],
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
    assert.match(text, /Every rejected record, warning and conflict is in rejects\.csv/);
  });
  it('counts, per Belong field, the services with a stated value and those left unknown', () => {
    const text = formatSummary(report);
    assert.match(text, /Belong fields over 1,190 service\(s\) read: stated \/ not stated/);
    assert.match(text, /\n {2}gender\s+1,000 \/ {3}190\n/);
    assert.match(text, /\n {2}audiences\s+0 \/ 1,190\n/);
  });
  it("lists terms no mapping used, conflicts with people's work, and services no longer listed", () => {
    const text = formatSummary(
      {
        ...report,
        dryRun: true,
        unmappedTerms: [{ term: 'Audience: [OLD] "Older people"', services: 12 }],
        kept: 3,
        conflicts: [
          {
            ref: 'service 7',
            serviceId: 'x',
            name: 'Stitch and chat',
            conflicts: [{ field: 'schedules', origin: 'provider', since: new Date('2026-02-03T10:00:00Z') }],
          },
        ],
        retired: [{ externalId: '99', serviceId: '0f0e0d0c-0000-4000-8000-000000000000' }],
      },
      {},
    );
    assert.match(
      text,
      /Terms no mapping used \(add them to a mapping file to fill Belong fields\):\n {2}Audience: \[OLD\] "Older people" {2}\(12 services\)/,
    );
    assert.match(text, /service 7 \(Stitch and chat\): schedules \(edited by a provider on 2026-02-03\)/);
    assert.match(text, /1 service\(s\) the source no longer lists would be retired/);
    assert.match(text, /No longer listed \(would be retired\):\n {2}99 /);
    const csv = rejectsCsv({ ...report, warnings: [], rejected: [], conflicts: [], retired: [{ externalId: '99', serviceId: 'y' }] });
    assert.equal(csv, 'record,outcome,reasons\r\n99,retired,the source no longer lists this service\r\n');
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
