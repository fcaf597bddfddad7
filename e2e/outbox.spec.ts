/**
 * The outbox in a browser: an administrator sees every message with how far
 * it got (kept, waiting, being sent, sent, not sent), with tries, last error
 * and next try, and filters by status. Checked with axe; no page may trip the
 * Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../src/platform/ids.ts';
import { assertAccessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, signedIn } from './support/staff.ts';

describe('the outbox in a browser', () => {
  let h: Harness;
  const adminEmail = 'ada@belong.example.org';
  const cspErrors: string[] = [];

  before(async () => {
    h = await startHarness({ demo: false });
    await makeOrganisationWithAccount(
      h.database.db,
      { name: 'Belong team', kind: 'referrer', operator: true },
      { role: 'administrator', name: 'Ada Admin', email: adminEmail },
    );
    const at = new Date();
    const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
    const row = (status: 'kept' | 'pending' | 'sending' | 'sent' | 'failed', extra: Record<string, unknown> = {}) => ({
      id: newId(),
      created_at: at,
      recipient: `${status}@example.org`,
      subject: `A ${status} message`,
      body: `Open this link: https://belong.example.org/staff/invitation/${status}`,
      status,
      ...extra,
    });
    await h.database.db
      .insertInto('outbox')
      .values([
        row('kept'),
        row('pending', { attempts: 2, last_error: 'GOV.UK Notify did not accept the message (HTTP 503)', next_attempt_at: later(4) }),
        row('sending', { attempts: 1, claimed_until: later(2) }),
        row('sent', { attempts: 1, sent_at: later(0) }),
        row('failed', { attempts: 10, last_error: 'GOV.UK Notify did not accept the message (HTTP 500)', failed_at: later(0) }),
      ])
      .execute();
  });
  after(async () => {
    await h.close();
    assert.deepEqual(cspErrors, [], 'no Content-Security-Policy errors');
  });

  it('shows how far each message got, and filters by status', async () => {
    const { ctx, page, cspErrors: seen } = await signedIn(h, adminEmail);
    await page.goto('/admin/outbox');
    assert.equal(await page.locator('h1').innerText(), 'Outbox');
    for (const status of ['kept', 'pending', 'sending', 'sent', 'failed'])
      assert.equal(await page.locator(`[data-status="${status}"]`).count(), 1, status);
    assert.match(await page.locator('[data-status="pending"]').innerText(), /Waiting to be sent · 2 tries · Next try/);
    await assertAccessible(page, 'the outbox');
    await page.getByRole('link', { name: 'Not sent (1)' }).click();
    assert.match(page.url(), /status=failed/);
    assert.equal(await page.locator('article.message').count(), 1);
    assert.match(
      await page.locator('article.message').innerText(),
      /Not sent · 10 tries · Gave up[\s\S]*HTTP 500[\s\S]*Pass this on yourself/,
    );
    await assertAccessible(page, 'the outbox, failed messages only');
    cspErrors.push(...seen);
    await ctx.close();
  });
});
