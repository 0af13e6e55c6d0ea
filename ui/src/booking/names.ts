// Naming what a slot or appointment points at. Slots carry desk ids of the vendor that offers
// them (`zoom:prov_1`), while the practice's provider list keys each person by the record they
// were first seen in and lists their other vendors' records as links: match either.
import type { Location, Provider } from "../api/backend";

function deskIds(entity: { id: string; vendor?: string; externalId?: string; links?: readonly { vendor: string; externalId: string }[] }): string[] {
  const ids = [entity.id];
  if (entity.vendor && entity.externalId) ids.push(`${entity.vendor}:${entity.externalId}`);
  for (const link of entity.links ?? []) ids.push(`${link.vendor}:${link.externalId}`);
  return ids;
}

export function findProvider(providers: readonly Provider[], id: string | null): Provider | undefined {
  if (!id) return undefined;
  return providers.find((p) => deskIds(p).includes(id));
}

export function findLocation(locations: readonly Location[], id: string | null): Location | undefined {
  if (!id) return undefined;
  return locations.find((l) => deskIds(l).includes(id));
}

/** Every desk id of a provider, so each vendor asked hears its own id for the same person. */
export function providerDeskIds(provider: Provider): string[] {
  return [...new Set(deskIds(provider))];
}

/** The part after `vendor:` in a desk id. */
export function externalPart(id: string): string {
  const colon = id.indexOf(":");
  return colon === -1 ? id : id.slice(colon + 1);
}
