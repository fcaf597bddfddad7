/**
 * What the front page may read: how many activities and services are listed
 * and how many organisations run them. Public directory figures, so neither
 * policy-checked nor audited; counted once and kept until the directory
 * changes (the start page is the most opened page of all), also in the
 * database, so a restarted server does not count again.
 */
import { keptWhileDirectoryUnchanged } from '../directory/directory.service.ts';
import { countActiveListings as countNow } from './home.repository.ts';

export type { DirectoryFigures } from './home.repository.ts';

export const countActiveListings = keptWhileDirectoryUnchanged('home.figures', countNow);
