/**
 * The attributes of a wide table's scrolling box (`<div {...scrollRegion(label)}>`):
 * focusable and named, so someone using a keyboard can reach it and scroll it
 * (WCAG 2.1.1; axe's scrollable-region-focusable rule), and a screen reader
 * announces what it holds.
 */
export function scrollRegion(label: string): { class: string; tabindex: number; role: string; 'aria-label': string } {
  return { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': label };
}
