/** Parts of the week a volunteer is free, or a person would like to meet: '<day>_<part>'. */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const PARTS = ['morning', 'afternoon', 'evening'] as const;
export type Slot = `${(typeof DAYS)[number]}_${(typeof PARTS)[number]}`;
export const SLOTS: readonly Slot[] = DAYS.flatMap((d) => PARTS.map((p): Slot => `${d}_${p}`));

export const isSlot = (v: unknown): v is Slot => typeof v === 'string' && (SLOTS as readonly string[]).includes(v);

/** Keeps the known slots, once each, in week order. */
export function cleanSlots(values: readonly unknown[]): Slot[] {
  const set = new Set(values.filter(isSlot));
  return SLOTS.filter((s) => set.has(s));
}
