/**
 * FHIR export for connectors:
 *
 *   GET /staff/referrals/:referralId/fhir   the referral as a FHIR R4 Bundle (application/fhir+json)
 *
 * Policy-checked and audited in fhir-export.service.ts. Refusals answer in
 * JSON (403/404), as an API should.
 */
import { Hono } from 'hono';
import type { Config } from '../../config.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { linkBase } from '../../platform/views/staff-page.tsx';
import { fhirExportService } from './fhir-export.service.ts';

export function fhirRoutes(deps: { config: Config }) {
  const app = new Hono();
  app.use('/staff/referrals/:referralId/fhir', requireStaff);
  app.get('/staff/referrals/:referralId/fhir', async (c) => {
    const id = c.req.param('referralId');
    const bundle = await fhirExportService(c.get('access')).referralBundle(id, `${linkBase(c, deps.config.PUBLIC_URL)}/fhir`);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="referral-${id}.fhir.json"`);
    return c.body(JSON.stringify(bundle, null, 2), 200, { 'Content-Type': 'application/fhir+json; charset=utf-8' });
  });
  return app;
}
