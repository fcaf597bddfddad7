/**
 * Moving area in a browser: connector A (Oak Lane Surgery) hands a person
 * over to connector B (Moor Lane Refugee Welcome) with the person's consent;
 * B accepts, reads the conversation and plan without asking again, sees the
 * referral closed as "moved area" and re-matches in the new area; A can no
 * longer open the record. Then A exports a locked file for someone else and
 * B imports it (a wrong passphrase first). Every page is checked with axe and
 * none may trip the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { makeOrganisation } from '../src/modules/accounts/accounts.test-support.ts';
import { makePerson } from '../src/modules/people/people.access-rows.ts';
import { referralsService } from '../src/modules/referrals/referrals.service.ts';
import { accessFor, RecordingNotifier } from '../src/modules/referrals/referrals.test-support.ts';
import { referableServices } from './support/demo-services.ts';
import { assertAccessible as accessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, signedIn as signedInTo } from './support/staff.ts';

describe('moving area: a hand-over between two connector organisations, and a locked file between deployments', () => {
  let h: Harness;
  const emails = { a: 'alex@oaklane.example.org', b: 'bea@moorlane.example.org' };
  let amina: string;
  let bilal: string;
  let serviceName: string;
  const passphrase = 'copper kettle morning 7';

  before(async () => {
    h = await startHarness();
    const db = h.database.db;
    const a = await makeOrganisationWithAccount(
      db,
      { name: 'Oak Lane Surgery', kind: 'referrer' },
      { role: 'connector', name: 'Alex Connector', email: emails.a },
    );
    const surgery = a.organisationId;
    await makeOrganisationWithAccount(
      db,
      { name: 'Moor Lane Refugee Welcome', kind: 'referrer' },
      { role: 'connector', name: 'Bea Connector', email: emails.b },
    );
    const svc = await referableServices(db).executeTakeFirstOrThrow();
    serviceName = svc.name;
    await makeOrganisation(db, { name: 'A Provider', kind: 'provider', listings: [svc.organization_id] });

    const made = await makePerson(db, surgery, { name: 'Amina', finished: true });
    amina = made.person;
    await db.updateTable('person').set({ area: 'BD8', outcode: 'BD8' }).where('id', '=', amina).execute();
    await db
      .updateTable('conversation')
      .set({ chosen: JSON.stringify([]), next_steps: 'I will phone you on Tuesday' })
      .where('id', '=', made.conversation!)
      .execute();
    const refs = referralsService(await accessFor(db, a.id), { notifier: new RecordingNotifier() });
    const referral = await refs.create(amina, {
      need: 'To meet other women',
      summary: null,
      interpreterNeeded: false,
      interpreterLanguage: null,
      accompanyWanted: false,
      transportNeeded: false,
      childcareNeeded: false,
    });
    const chosen = await refs.chooseService(referral, svc.id);
    assert.ok(chosen.ok);
    assert.ok((await refs.send(referral, chosen.attemptId, { fields: ['name', 'need'], givenBy: 'verbal', expectedVersion: 0 })).ok);
    bilal = (await makePerson(db, surgery, { name: 'Bilal', finished: true })).person;
  });
  after(async () => {
    await h.close();
  });

  const signedIn = (email: string) => signedInTo(h, email, { acceptDownloads: true });

  it('hands over, accepts, keeps the story, re-matches in the new area, and moves a locked file', async () => {
    const A = await signedIn(emails.a);
    const a = A.page;
    await a.goto(`/staff/people/${amina}`);
    await a.getByRole('link', { name: 'Hand over to another area' }).click();
    assert.match(await a.locator('h1').innerText(), /Hand over Amina to another area/);
    await accessible(a, 'hand-over page');
    await a.getByRole('button', { name: 'Offer the hand-over' }).click();
    const errors = await a.locator('.err-summary').innerText();
    assert.match(errors, /Choose the organisation in the new area/);
    assert.match(errors, /Say how they agreed/);
    await accessible(a, 'hand-over page with errors');
    await a.getByLabel('Moor Lane Refugee Welcome').check();
    await a.getByLabel('New area (postcode or first half)').fill('BD3');
    assert.equal(await a.locator('input[name="scope"]:checked').count(), 0, 'nothing is ticked for the person');
    for (const box of await a.locator('input[id^="scope-"]').all()) await box.check();
    await a.locator('#givenBy-0').check();
    await a.getByLabel('Note for the new connector').fill('Prefers afternoons');
    await a.getByRole('button', { name: 'Offer the hand-over' }).click();
    assert.match(await a.locator('.note').first().innerText(), /Hand-over offered/);
    assert.match(await a.locator('main').innerText(), /Waiting for Moor Lane Refugee Welcome/);
    await accessible(a, 'hand-over offered');

    const B = await signedIn(emails.b);
    const b = B.page;
    await b.goto('/staff/handovers');
    const incoming = await b.locator('main').innerText();
    assert.match(incoming, /Amina/);
    assert.match(incoming, /Oak Lane Surgery/);
    assert.match(incoming, /Prefers afternoons/);
    await accessible(b, 'incoming hand-overs');
    await b.getByRole('button', { name: 'Accept Amina' }).click();
    assert.match(await b.locator('h1').innerText(), /Amina is now with you/);
    assert.match(await b.locator('.note').first().innerText(), /closed as moved area/);
    const accepted = await b.locator('main').innerText();
    assert.match(accepted, new RegExp(`${serviceName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(Moved area\\)`));
    assert.match(accepted, /now BD3/);
    await accessible(b, 'hand-over accepted');

    // The story came along: the plan and the finished conversation, without asking again.
    await b.getByRole('link', { name: 'Their plan' }).click();
    assert.match(await b.locator('main').innerText(), /I will phone you on Tuesday/);
    await accessible(b, 'plan after the hand-over');
    await b.goBack();
    await b.getByRole('link', { name: 'Their record and conversation' }).click();
    assert.match(await b.locator('main').innerText(), /Conversation finished on/);
    await accessible(b, 'record after the hand-over');
    await b.goBack();
    await b.getByRole('link', { name: 'Find groups and services in the new area' }).click();
    assert.match(b.url(), new RegExp(`/staff/people/${amina}/suggestions$`));
    await accessible(b, 'suggestions in the new area');

    // Oak Lane no longer has the record.
    const gone = await a.goto(`/staff/people/${amina}`);
    assert.equal(gone?.status(), 403);

    // Between deployments: a locked file for Bilal, opened by Moor Lane.
    await a.goto(`/staff/people/${bilal}/handover`);
    for (const box of await a.locator('input[id^="xscope-"]').all()) await box.check();
    await a.locator('#xgivenBy-1').check();
    await a.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await a.getByLabel('Passphrase again').fill(passphrase);
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('button', { name: 'Download the locked file' }).click()]);
    const file = await download.path();
    assert.ok(file);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /Bilal/);

    await b.goto('/staff/handovers');
    await b.getByLabel('Locked file').setInputFiles(file);
    await b.locator('#importPassphrase').fill('not the right one at all');
    await b.locator('#igivenBy-0').check();
    await b.getByRole('button', { name: 'Open and add to our records' }).click();
    assert.match(await b.locator('.err-summary').innerText(), /The passphrase is not right for that file. Nothing has been saved/);
    await accessible(b, 'import with a wrong passphrase');
    await b.getByLabel('Locked file').setInputFiles(file);
    await b.locator('#importPassphrase').fill(passphrase);
    await b.locator('#igivenBy-0').check();
    await b.getByRole('button', { name: 'Open and add to our records' }).click();
    assert.match(await b.locator('.note').first().innerText(), /Added to your records/);
    assert.match(await b.locator('h1').innerText(), /Bilal/);
    await accessible(b, 'imported record');

    for (const x of [A, B]) {
      assert.deepEqual(x.cspErrors, []);
      await x.ctx.close();
    }
  });
});
