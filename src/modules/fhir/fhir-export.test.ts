import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toReferralForExport, type ExportSource } from './fhir-export.service.ts';

const at = new Date('2026-03-02T09:00:00Z');
const attempt = (over: Partial<ExportSource['attempts'][number]>): ExportSource['attempts'][number] => ({
  id: 'a1',
  state: 'sent',
  service_id: 's1',
  service_name: 'Tea',
  recipient_organisation_id: 'o2',
  recipient_name: 'Provider',
  sent_at: at,
  updated_at: at,
  decline_reason: null,
  not_taken_up_reason: null,
  outcome: null,
  reason_note: null,
  redirected_to: null,
  shared_fields: ['need'],
  ...over,
});
const source = (attempts: ExportSource['attempts']): ExportSource => ({
  referral: {
    id: 'r1',
    need: 'Company',
    created_at: at,
    organisation_id: 'o1',
    interpreter_needed: true,
    interpreter_language: 'Tigrinya',
  },
  organisationName: 'Surgery',
  person: { id: 'p1', display_name: 'Selam', preferred_language: 'ti' },
  attempts,
});

describe('a stored referral mapped for FHIR export', () => {
  it('leaves out the name, language and interpreter unless they were shared with a recipient', () => {
    const r = toReferralForExport(source([attempt({})]));
    assert.deepEqual(r.person, { id: 'p1', name: null, language: null, interpreterLanguage: null });
    const shared = toReferralForExport(source([attempt({ shared_fields: ['name', 'language'] })]));
    assert.deepEqual(shared.person, { id: 'p1', name: 'Selam', language: 'ti', interpreterLanguage: 'Tigrinya' });
  });

  it('does not count fields chosen on a draft that was never sent', () => {
    const r = toReferralForExport(source([attempt({ sent_at: null, state: 'draft', shared_fields: ['name'] })]));
    assert.equal(r.person.name, null);
    assert.equal(r.attempts[0]!.recipient, null);
  });

  it('links a re-routed attempt to the one it replaced and marks a request the person declined', () => {
    const r = toReferralForExport(
      source([
        attempt({ id: 'a1', state: 'redirected', redirected_to: 'a2' }),
        attempt({ id: 'a2', state: 'not_taken_up', not_taken_up_reason: 'person_chose_not_to', reason_note: 'too far' }),
      ]),
    );
    assert.equal(r.attempts[1]!.replaces, 'a1');
    assert.equal(r.attempts[0]!.replaces, null);
    assert.equal(r.declinedByPerson, true);
    assert.equal(r.attempts[1]!.note, 'too far');
    assert.equal(toReferralForExport(source([attempt({ state: 'attending' })])).declinedByPerson, false);
  });
});
