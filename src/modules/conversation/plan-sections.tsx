/**
 * The written plan's sections as HTML, shared by the staff plan page (which
 * prints) and the person's own page at /my: each place with its details
 * under it, phone numbers as tel: links and the website as a link, read left
 * to right in every language; directory texts shown untranslated are marked
 * as English.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { Plan } from './plan.ts';
import type { PlaceDetail } from './plan-places.ts';

function Detail({ i18n, d }: { i18n: I18n; d: PlaceDetail }) {
  const value = d.href ? (
    <a href={d.href} dir={d.ltr ? 'ltr' : undefined}>
      {d.text}
    </a>
  ) : (
    <span lang={d.lang} dir={d.ltr ? 'ltr' : d.lang ? 'auto' : undefined}>
      {d.text}
    </span>
  );
  return <li>{d.label ? i18n.rich('plan.place.detail', { label: d.label, value }) : value}</li>;
}

export function PlanSections({ i18n, plan, level }: { i18n: I18n; plan: Plan; level: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <>
      {plan.sections.map((s) => (
        <section>
          <H>{s.heading}</H>
          <ul>
            {s.places
              ? s.places.map((p) => (
                  <li class="place">
                    <strong>{p.title}</strong>
                    {p.details.length > 0 && (
                      <ul>
                        {p.details.map((d) => (
                          <Detail i18n={i18n} d={d} />
                        ))}
                      </ul>
                    )}
                  </li>
                ))
              : s.items.map((i) => <li>{i}</li>)}
          </ul>
        </section>
      ))}
    </>
  );
}
