/**
 * The population baseline, policy-checked: everyone who may see the reports
 * sees each area's baseline (figures, source, when); only administrators
 * upload one, which replaces the areas it covers, in one transaction, audited.
 */
import type { Access } from '../../platform/auth/access.ts';
import type { PopulationRow } from './funnel.repository.ts';
import { populationAreas, populationRows, replaceAreaPopulation, type PopulationArea } from './population.repository.ts';

export function populationService(access: Access) {
  const subject = { subjectType: 'population_baseline', subjectId: null };
  return {
    areas: (): Promise<PopulationArea[]> =>
      access.run('evidence.view', {}, { ...subject, action: 'population.view' }, (trx) => populationAreas(trx)),
    rows: (): Promise<PopulationRow[]> =>
      access.run('evidence.view', {}, { ...subject, action: 'population.download' }, (trx) => populationRows(trx)),
    /** Replace the baseline of the areas in `rows` (`areas`: those areas). */
    upload: (areas: string[], rows: PopulationRow[], source: string): Promise<void> =>
      access.run('population.upload', {}, { ...subject, details: { areas, rows: rows.length, source } }, (trx, actor) =>
        replaceAreaPopulation(trx, areas, rows, { source, uploadedBy: actor.accountId, at: access.now() }),
      ),
  };
}
