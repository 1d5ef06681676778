import type { HallBoardDto, TicketPositionDto } from '@opendmv/contracts';

/** What the board stream sends: the board, with the office's name for the header. */
export type BoardEvent = HallBoardDto & { officeName?: { zh: string; en: string } };
/** What the ticket stream sends: the ticket's place, with its office. */
export type TicketEvent = TicketPositionDto & { officeId?: string; officeName?: { zh: string; en: string } };

export const boardStreamUrl = (officeId: string) =>
  `/api/v1/hall/board/stream?officeId=${encodeURIComponent(officeId)}`;
export const ticketStreamUrl = (ticketId: string) =>
  `/api/v1/hall/tickets/${encodeURIComponent(ticketId)}/stream`;
