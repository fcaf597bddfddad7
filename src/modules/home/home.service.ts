/**
 * What the front page may read: how many activities and services are listed
 * and how many organisations run them. Public directory figures, so neither
 * policy-checked nor audited.
 */
export { countActiveListings, type DirectoryFigures } from './home.repository.ts';
