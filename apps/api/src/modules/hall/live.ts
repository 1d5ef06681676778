import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';

/** What changed in a hall: boards and phones connected to any node re-read what concerns them. */
export interface HallChange {
  officeId: string;
  action: string;
  ticketId?: string;
  counterId?: string;
}

/**
 * Placeholder (the live-board work replaces the body): tells every API node, after the caller's
 * transaction commits, that a hall changed (PostgreSQL NOTIFY on a server; in-process on PGlite).
 */
export async function publishHallChange(_ctx: AppContext, _tx: Tx, _change: HallChange): Promise<void> {}
