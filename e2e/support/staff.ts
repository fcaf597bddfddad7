/**
 * Browser-journey helpers for staff: an organisation with an account to sign
 * in as, pages that record Content-Security-Policy errors, and signing in on
 * /staff/sign-in.
 */
import type { Kysely } from 'kysely';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { makeAccount, makeOrganisation, TEST_PASSWORD } from '../../src/modules/accounts/accounts.test-support.ts';
import type { DB } from '../../src/platform/db/schema.ts';
import type { Harness } from './harness.ts';

/** A staff organisation with one account in it (signing in with the test password). */
export async function makeOrganisationWithAccount(
  db: Kysely<DB>,
  organisation: Parameters<typeof makeOrganisation>[1],
  account: Parameters<typeof makeAccount>[2],
): Promise<{ organisationId: string; id: string; email: string }> {
  const organisationId = await makeOrganisation(db, organisation);
  return { organisationId, ...(await makeAccount(db, organisationId, account)) };
}

/** Records every Content-Security-Policy error the page reports on its console into `cspErrors` (returned). */
export function watchCsp(page: Page, cspErrors: string[] = []): string[] {
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  return cspErrors;
}

/** A new page in the context whose Content-Security-Policy errors go into `cspErrors` (a fresh list unless given). */
export async function openPage(ctx: BrowserContext, cspErrors: string[] = []): Promise<{ page: Page; cspErrors: string[] }> {
  const page = await ctx.newPage();
  return { page, cspErrors: watchCsp(page, cspErrors) };
}

/** Fills in and sends the staff sign-in form (the test password unless another is given). */
export async function signIn(page: Page, email: string, password: string = TEST_PASSWORD): Promise<void> {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A new browser context with one page that records Content-Security-Policy errors, signed in as `email`. */
export async function signedIn(
  h: Harness,
  email: string,
  options?: BrowserContextOptions,
): Promise<{ ctx: BrowserContext; page: Page; cspErrors: string[] }> {
  const ctx = await h.newContext(options);
  const { page, cspErrors } = await openPage(ctx);
  await signIn(page, email);
  return { ctx, page, cspErrors };
}
