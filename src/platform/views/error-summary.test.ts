import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../i18n/i18n.ts';
import { ErrorMessage, ErrorSummary } from './error-summary.tsx';
import { Layout, page } from './layout.tsx';

const html = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());

describe('error summary and messages', () => {
  it('lists each problem as a link to its field, focused on load, in the page’s language', async () => {
    const i18n = createI18n('uk');
    const out = await html(ErrorSummary({ i18n, problems: [{ field: 'postcode', message: 'Введіть поштовий індекс' }] }));
    assert.match(out, /^<div class="err-summary" role="alert" aria-labelledby="err-summary-title" tabindex="-1" autofocus="">/);
    assert.match(out, /<h2 id="err-summary-title">Виникла проблема<\/h2>/);
    assert.match(out, /<a href="#postcode">Введіть поштовий індекс<\/a>/);
  });

  it('renders nothing when there are no problems', () => {
    assert.equal(ErrorSummary({ i18n: createI18n('en'), problems: [] }), null);
  });

  it('prefixes field messages with a hidden "Error:" for screen readers', async () => {
    const out = await html(ErrorMessage({ i18n: createI18n('en'), id: 'postcode-error', message: 'Enter a postcode' }));
    assert.equal(out, '<p class="err-msg" id="postcode-error"><span class="vh">Error: </span>Enter a postcode</p>');
  });

  it('starts the page title with "Error:" when the page shows errors', async () => {
    const doc = await page(Layout({ i18n: createI18n('ar'), title: 'بحث', hasErrors: true, children: 'x' }));
    assert.match(doc, /<title>خطأ: بحث – Belong<\/title>/);
  });
});
