import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createI18n } from '../src/platform/i18n/i18n.ts';
import { newId } from '../src/platform/ids.ts';
import { makeAccount } from '../src/modules/accounts/accounts.test-support.ts';
import { referralInboxService } from '../src/modules/referrals/referral-inbox.service.ts';
import { referralsService } from '../src/modules/referrals/referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier } from '../src/modules/referrals/referrals.test-support.ts';
import { assertAccessible as accessible, assertAccessibleWithoutJs, startHarness, type Harness } from './support/harness.ts';
import { signIn, watchCsp } from './support/staff.ts';

const ar = createI18n('ar');

describe('the person’s own view in a browser: Arabic, right to left, JavaScript off', () => {
  let h: Harness;
  let personId: string;
  let referralId: string;
  let attemptId: string;
  const connectorEmail = 'rania@surgery.example.org';

  before(async () => {
    h = await startHarness({ demo: false });
    const db = h.database.db;
    const w = await buildReferralWorld(db, 'e2epv');
    const connector = await makeAccount(db, w.connectorOrg, { role: 'connector', name: 'Rania Connector', email: connectorEmail });
    personId = await makePerson(db, w.connectorOrg, { name: 'Amina', contact: ['call'] });
    const now = new Date();
    await db
      .insertInto('conversation')
      .values({
        id: newId(),
        person_id: personId,
        status: 'complete',
        language: 'ar',
        answers: '{}',
        chosen: '[]',
        note_for_person: 'Tuesday tea with Sara',
        next_steps: 'Staff only: she worries about her housing',
        started_by: connector.id,
        started_at: now,
        updated_at: now,
        completed_by: connector.id,
        completed_at: now,
      })
      .execute();
    const notifier = new RecordingNotifier();
    const svc = referralsService(await accessFor(db, connector.id), { notifier });
    referralId = await svc.create(personId, {
      need: 'Meet people and practise English',
      summary: null,
      interpreterNeeded: true,
      interpreterLanguage: 'Arabic (Sudanese)',
      accompanyWanted: true,
      transportNeeded: true,
      childcareNeeded: false,
    });
    const chosen = await svc.chooseService(referralId, w.services.tea);
    assert.ok(chosen.ok);
    attemptId = chosen.attemptId;
    assert.equal(
      (await svc.send(referralId, attemptId, { fields: ['need', 'practical_support'], givenBy: 'verbal', expectedVersion: 0 })).ok,
      true,
    );
    const provider = referralInboxService(await accessFor(db, w.accounts.providerA), { notifier });
    assert.equal((await provider.respond(attemptId, 'accept', {}, 1)).ok, true);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(
      (await provider.respond(attemptId, 'book_first_visit', { date: today, companionKind: 'volunteer', companionName: 'Sara' }, 2)).ok,
      true,
    );
  });
  after(async () => {
    await h.close();
  });

  /** axe needs script: check a twin of a JavaScript-off page (same cookies, same address). */
  const accessibleWithoutJs = (page: Page, what: string) => assertAccessibleWithoutJs(h, page, what, { context: { locale: 'ar' } });

  it('a connector gives access; the person signs in, sees their plan and referral in Arabic, says they went, and gives anonymous feedback', async () => {
    const cspErrors: string[] = [];
    const watch = (page: Page) => watchCsp(page, cspErrors);

    // The connector issues a code and PIN from the person's page.
    const staffCtx = await h.newContext();
    const staff = await staffCtx.newPage();
    watch(staff);
    await signIn(staff, connectorEmail);
    await staff.goto(`/staff/people/${personId}`);
    await accessible(staff, 'person page');
    await staff.getByRole('button', { name: 'Give them a code and PIN' }).click();
    const slip = staff.locator('section.slip');
    assert.equal(await slip.getAttribute('dir'), 'rtl');
    await accessible(staff, 'the slip');
    const [code, pin] = await slip.locator('code').allInnerTexts();
    assert.match(code!, /^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    assert.match(pin!, /^\d{6}$/);

    // The person, JavaScript off.
    const ctx = await h.newContext({ javaScriptEnabled: false, locale: 'ar' });
    const page = await ctx.newPage();
    watch(page);
    await page.goto('/my');
    await accessibleWithoutJs(page, 'sign-in page');
    await page.locator('#code').fill(code!.toLowerCase());
    await page.locator('#pin').fill('000000' === pin ? '111111' : '000000');
    await page.locator('form[action="/my"] button[type="submit"]').click();
    assert.equal(await page.locator('.err-summary').count(), 1);
    await accessibleWithoutJs(page, 'sign-in page with an error');
    await page.locator('#pin').fill(pin!);
    await page.locator('form[action="/my"] button[type="submit"]').click();
    await page.waitForURL(/\/my$/);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
    const body = await page.locator('main').innerText();
    assert.ok(body.includes(ar.t('referrals.state.first_visit_booked')), body);
    assert.ok(body.includes(ar.t('conversation.plan.title')));
    assert.ok(body.includes('Tuesday tea with Sara'), 'the note written to them');
    assert.equal(body.includes('she worries about her housing'), false, 'never the notes for staff');
    assert.ok(body.includes(ar.t('personView.support.companion', { name: 'Sara' })));
    await accessibleWithoutJs(page, 'the person’s page');

    // Every radio and checkbox on /my sits inside its label's box, which is a large tap target, and nothing is chosen for the person.
    const controls = page.locator('main input[type=radio], main input[type=checkbox]');
    assert.ok((await controls.count()) > 5);
    for (const control of await controls.all()) {
      const label = control.locator('xpath=ancestor::label[1]');
      assert.equal(await label.count(), 1, 'the control is inside its label');
      const c = (await control.boundingBox())!;
      const l = (await label.boundingBox())!;
      if (!c || !l) continue; // inside a closed <details>
      assert.ok(c.x >= l.x - 0.5 && c.y >= l.y - 0.5 && c.x + c.width <= l.x + l.width + 0.5 && c.y + c.height <= l.y + l.height + 0.5);
      assert.ok(l.height >= 43.5, `a tap target of at least 44px (${l.height})`);
    }
    assert.equal(await page.locator('form.check-in input[type=radio]:checked').count(), 0, 'no answer is preselected');

    // "Yes, I went", with a comment the connector sees.
    const checkIn = page.locator(`form[action="/my/check-in/${attemptId}"]`);
    const veryGood = checkIn.getByLabel(ar.t('personView.checkIn.went'));
    const wentLabel = veryGood.locator('xpath=ancestor::label[1]');
    await wentLabel.scrollIntoViewIfNeeded();
    const box = (await wentLabel.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height - 2); // the bottom edge of the label picks this option, not the next
    assert.equal(await veryGood.isChecked(), true);
    await checkIn.getByLabel(ar.t('personView.checkIn.words')).fill('سارة قابلتني عند الباب');
    await checkIn.getByRole('button', { name: ar.t('personView.send') }).click();
    await page.waitForURL(/done=checkIn/);
    assert.ok((await page.locator('.note').innerText()).includes(ar.t('personView.notice.checkIn')));
    assert.ok((await page.locator('main').innerText()).includes(ar.t('referrals.state.attending')));

    // Anonymous feedback.
    const feedback = page.locator(`form[action="/my/feedback/${attemptId}"]`);
    await page.locator('article.referral details summary').first().click();
    await feedback.getByLabel(ar.t('personView.feedback.rating5')).check();
    await feedback.getByLabel(ar.t('personView.feedback.comment')).fill('الجميع كانوا لطفاء');
    await feedback.getByLabel(ar.t('personView.feedback.anonymous')).check();
    await feedback.getByRole('button', { name: ar.t('personView.send') }).click();
    await page.waitForURL(/done=feedback/);
    await accessibleWithoutJs(page, 'the person’s page after feedback');
    const rows = await h.database.db.selectFrom('service_feedback').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!.person_id, rows[0]!.attempt_id, rows[0]!.anonymous, rows[0]!.rating], [null, null, true, 5]);

    // The connector's referral page shows "Attending".
    await staff.goto(`/staff/referrals/${referralId}`);
    assert.ok((await staff.locator('main').innerText()).includes('Attending'));
    assert.ok((await staff.locator('main').innerText()).includes('سارة قابلتني عند الباب'), 'the connector sees the comment');
    await accessible(staff, 'referral page after the check-in');

    // Sign out.
    await page.locator('form[action="/my/sign-out"] button').click();
    await page.waitForURL(/done=signedOut/);
    assert.equal(await page.locator('#pin').count(), 1);
    assert.deepEqual(cspErrors, []);
    await ctx.close();
    await staffCtx.close();
  });
});
