/** Steps of referral journeys that more than one browser test takes. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Takes one of a provider's actions on an incoming referral: opens its details if folded, fills its form with `fill`, sends it and checks it saved. */
export async function takeAction(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  const summary = page.locator('summary', { hasText: action });
  if (await summary.count()) await summary.first().click();
  if (fill) await fill();
  await page.getByRole('button', { name: action, exact: true }).click();
  assert.match(await page.locator('.note').first().innerText(), /Saved/);
}

/** On a referral's page, opens "Send to another service instead", finds the service by name and chooses it. */
export async function chooseAnotherService(page: Page, referralUrl: string, service: { name: string }): Promise<void> {
  await page.goto(referralUrl);
  await page.locator('summary', { hasText: 'Send to another service instead' }).click();
  const reroute = page.locator('details', { hasText: 'Send to another service instead' });
  await reroute.getByLabel('Service name').fill(service.name);
  await reroute.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('button', { name: `Choose ${service.name}` }).click();
}
