/**
 * The directory's records as its repositories return them: stored rows (HSDS
 * tables with Belong's extensions) gathered per service, organisation and
 * location. Other modules read these types through directory.service.ts.
 */
import type { Selectable } from 'kysely';
import type {
  AccessibilityTable,
  AddressTable,
  AttributeTable,
  BelongScheduleExceptionTable,
  BelongServiceTable,
  ContactTable,
  CostOptionTable,
  FundingTable,
  LanguageTable,
  LocationTable,
  OrganizationIdentifierTable,
  OrganizationTable,
  PhoneTable,
  ScheduleTable,
  ServiceAreaTable,
  ServiceCapacityTable,
  ServiceTable,
  TaxonomyTermTable,
  UnitTable,
} from '../../platform/db/schema.ts';

export type ServiceRow = Omit<Selectable<ServiceTable>, 'search_tsv'>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type IdentifierRow = Selectable<OrganizationIdentifierTable>;
export type BelongServiceRow = Selectable<BelongServiceTable>;
export type ScheduleRow = Selectable<ScheduleTable>;
export type ServiceAreaRow = Selectable<ServiceAreaTable>;
export type LanguageRow = Selectable<LanguageTable>;
export type PhoneRow = Selectable<PhoneTable>;
export type ContactRow = Selectable<ContactTable>;
export type CostOptionRow = Selectable<CostOptionTable>;
export type FundingRow = Selectable<FundingTable>;
export type LocationRow = Selectable<LocationTable>;
export type AddressRow = Selectable<AddressTable>;
export type AccessibilityRow = Selectable<AccessibilityTable>;
export type TermRow = Selectable<TaxonomyTermTable> & { taxonomy_name: string | null };
export type AttributeRow = Selectable<AttributeTable> & { term: TermRow };
export type ScheduleExceptionRow = Selectable<BelongScheduleExceptionTable>;
export type CapacityRecord = Omit<Selectable<ServiceCapacityTable>, 'unit_id'> & { unit: Selectable<UnitTable> };

export interface OrganizationRecord extends OrganizationRow {
  identifiers: IdentifierRow[];
  attributes: AttributeRow[];
}

/** A location as one service uses it. */
export interface LocationRecord {
  serviceAtLocationId: string;
  serviceAtLocationDescription: string | null;
  location: LocationRow;
  /** From belong_location: when true, never publish the address, coordinates or accessibility. */
  confidential: boolean;
  areaName: string | null;
  addresses: AddressRow[];
  accessibility: AccessibilityRow[];
  phones: PhoneRow[];
  attributes: AttributeRow[];
  /** Belong's terms for the place (its area, a private address), as stored; the area is the value of "place:area". */
  belongTerms: TermRow[];
}

export interface ServiceRecord {
  service: ServiceRow;
  organization: OrganizationRecord;
  belong: BelongServiceRow | null;
  schedules: ScheduleRow[];
  serviceAreas: ServiceAreaRow[];
  languages: LanguageRow[];
  phones: PhoneRow[];
  contacts: (ContactRow & { phones: PhoneRow[] })[];
  costOptions: CostOptionRow[];
  funding: FundingRow[];
  /** Holiday closures and changed hours (Belong's extension). */
  scheduleExceptions: ScheduleExceptionRow[];
  /** HSDS 3.1 capacities, with their units. */
  capacities: CapacityRecord[];
  locations: LocationRecord[];
  /** Stored attributes (e.g. imported taxonomies), with their terms. */
  attributes: AttributeRow[];
  /** The Belong vocabulary terms that describe the service (from `termCodesFor`), as stored: only what was stated. */
  belongTerms: TermRow[];
  /** Values of the valued terms among them (texts, community names, the safeguarding review date), by code. */
  belongValues: Record<string, string[]>;
}

/** A service with its organisation only: what list endpoints show. */
export interface ServiceSummary {
  service: ServiceRow;
  organization: OrganizationRow;
}

export interface ServiceAtLocationSummary {
  id: string;
  description: string | null;
  location: LocationRow;
  confidential: boolean;
  areaName: string | null;
  service: ServiceRow;
  organization: OrganizationRow;
}
