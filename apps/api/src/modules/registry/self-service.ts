import type { Locale, PersonDto, ViolationList } from '@opendmv/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { toLicenceDto, toPersonDto, toVehicleDto, toViolationDto, violationTotals } from './mappers.ts';
import {
  findLicenceByPerson,
  findPersonById,
  listVehiclesOfOwner,
  listViolationsByPlate,
  listViolationsOfPerson,
} from './repository.ts';

/** A citizen's own records (the 12123 home). A citizen account without a bound person sees nothing. */
const ownPersonId = (personId: string | null): string => {
  if (!personId) throw new AppError('NOT_FOUND', undefined, 'no person bound to this account');
  return personId;
};

export async function getMyPerson(ctx: AppContext, personId: string | null): Promise<PersonDto> {
  const row = await findPersonById(ctx.db, ownPersonId(personId), null);
  if (!row) throw new AppError('NOT_FOUND');
  return toPersonDto(row);
}

export async function getMyLicence(ctx: AppContext, personId: string | null) {
  const row = await findLicenceByPerson(ctx.db, ownPersonId(personId));
  return { licence: row ? toLicenceDto(row, ctx.clock.today()) : null };
}

export async function listMyVehicles(ctx: AppContext, personId: string | null) {
  const id = ownPersonId(personId);
  const owner = await findPersonById(ctx.db, id, null);
  const rows = await listVehiclesOfOwner(ctx.db, id);
  return { items: rows.map((v) => toVehicleDto(v, owner?.name ?? '', ctx.clock.today())) };
}

export async function listMyViolations(
  ctx: AppContext,
  personId: string | null,
  query: { plate?: string; status?: 'unhandled' | 'decided' | 'paid' },
  locale: Locale,
): Promise<ViolationList> {
  const id = ownPersonId(personId);
  const today = ctx.clock.today();
  let rows: Awaited<ReturnType<typeof listViolationsOfPerson>>;
  if (query.plate) {
    // Only a plate the citizen owns: anything else answers as if it had no violations (no probing).
    const owned = (await listVehiclesOfOwner(ctx.db, id)).some((v) => v.plate === query.plate);
    rows = owned
      ? await listViolationsByPlate(ctx.db, query.plate, {
          status: query.status,
          limit: 100,
          scopeIds: null,
        })
      : [];
  } else {
    rows = (await listViolationsOfPerson(ctx.db, id)).filter(
      (r) => !query.status || r.status === query.status,
    );
  }
  const items = rows.map((r) => toViolationDto(r, today, locale));
  return { items, totals: violationTotals(items) };
}
