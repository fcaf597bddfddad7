/**
 * Sections of a person's page that other modules own: their "what matters to
 * you" conversation, their code for /my, and whatever later modules add. The
 * composition root (app.ts) hands peopleRoutes the panels in page order, so
 * the people module never imports the modules that build on it.
 */
import type { Child } from 'hono/jsx';
import type { Access } from '../../platform/auth/access.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { Person } from './person.ts';

/** What a panel is given to render itself. */
export interface PersonPanelContext {
  /** The signed-in staff member's policy-checked access (reads through it are audited). */
  access: Access;
  i18n: I18n;
  /** The form token for any buttons the panel shows. */
  csrf: string;
  person: Person;
  now: Date;
}

/** Renders one section of the person's page (null to show nothing). */
export type PersonPanel = (ctx: PersonPanelContext) => Promise<Child | null>;
