/**
 * Checks JSON against the official Open Referral UK 3.0 schemas (used by the
 * tests, and handy for checking a live feed).
 *
 * The schemas ship with Belong, unchanged, in `vendor/oruk-3.0/schema`
 * (Open Referral, CC BY-SA 4.0: see vendor/oruk-3.0/README.md); set
 * ORUK_SCHEMA_DIR to check against another copy. They are JSON Schema 2020-12 with extra descriptive
 * keywords ("core", "constraints", …), so Ajv runs with strict mode off.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where the ORUK 3.0 schema files are expected. */
export function orukSchemaDir(): string {
  return process.env.ORUK_SCHEMA_DIR ?? path.resolve(REPO_ROOT, 'vendor', 'oruk-3.0', 'schema');
}

export type OrukShape =
  | 'root'
  | 'service'
  | 'service_page'
  | 'service_at_location'
  | 'service_at_location_page'
  | 'organization'
  | 'organization_page'
  | 'taxonomy'
  | 'taxonomy_page'
  | 'taxonomy_term'
  | 'taxonomy_term_page';

export interface OrukValidator {
  /** Problems found (empty when the value is valid), as "path: message" lines. */
  check(shape: OrukShape, value: unknown): string[];
}

const BASE = 'https://oruk.schema.local/schema/';

/** Load every schema once; throws a plain message when the schema folder is missing. */
export function loadOrukValidator(dir: string = orukSchemaDir()): OrukValidator {
  if (!fs.existsSync(path.join(dir, 'openapi.json'))) {
    throw new Error(
      `The Open Referral UK 3.0 schemas were not found in ${dir}. ` +
        'They ship in vendor/oruk-3.0/schema; restore that folder, or set ORUK_SCHEMA_DIR.',
    );
  }
  const Ajv = Ajv2020 as unknown as typeof Ajv2020.default;
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8')) as Record<string, unknown>;
  for (const sub of ['', 'compiled/']) {
    for (const f of fs.readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
      ajv.addSchema({ ...read(sub + f), $id: `${BASE}${sub}${f}` });
    }
  }
  const openapi = read('openapi.json') as {
    paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>;
    components: { schemas: { Page: Record<string, unknown> } };
  };
  const page = openapi.components.schemas.Page;
  const pageOf = (item: string) => ({
    allOf: [page],
    required: [...Object.keys(page.properties as object), 'contents'],
    properties: { contents: { type: 'array', items: { $ref: `${BASE}${item}` } } },
  });
  const shapes: Record<OrukShape, object> = {
    root: {
      ...(openapi.paths['/']!.get.responses['200']!.content['application/json']!.schema as object),
      required: ['version'],
    },
    service: { $ref: `${BASE}compiled/service.json` },
    service_page: pageOf('compiled/service_list.json'),
    service_at_location: { $ref: `${BASE}compiled/service_at_location.json` },
    service_at_location_page: pageOf('compiled/service_at_location_list.json'),
    organization: { $ref: `${BASE}compiled/organization.json` },
    organization_page: pageOf('compiled/organization_list.json'),
    taxonomy: { $ref: `${BASE}taxonomy.json` },
    taxonomy_page: pageOf('taxonomy.json'),
    taxonomy_term: { $ref: `${BASE}taxonomy_term.json` },
    taxonomy_term_page: pageOf('taxonomy_term.json'),
  };
  const compiled = new Map<OrukShape, ValidateFunction>();
  return {
    check(shape, value) {
      let v = compiled.get(shape);
      if (!v) {
        v = ajv.compile(shapes[shape]);
        compiled.set(shape, v);
      }
      if (v(value)) return [];
      return (v.errors ?? []).map((e) => `${e.instancePath || '(root)'}: ${e.message ?? 'invalid'}`);
    },
  };
}
