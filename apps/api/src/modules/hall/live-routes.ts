import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/http/errors.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { hallBoard, ticketPosition } from './index.ts';
import type { DeliveredHallChange, HallListener } from './live.ts';
import { type BoardSnapshot, officeName, type TicketPosition, ticketOffice } from './live-board.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This node's hall listener (started in buildApp). */
    hallLive: HallListener;
  }
}

/** At most one push per connection in this many milliseconds: a burst of calls makes one or two pushes. */
const MIN_PUSH_INTERVAL_MS = 150;
const HEARTBEAT_MS = 15_000;

const boardQuery = z.object({ officeId: z.string().uuid() });
const ticketParams = z.object({ id: z.string().uuid() });

interface Stream {
  end(): void;
}

/**
 * Server-sent events for the hall's screens and the citizen's phone. Each connection reads what it
 * shows on connect and again after each change in its office heard by this node's listener (changes
 * committed on any node arrive through the database's NOTIFY), coalesced, with a heartbeat comment.
 */
export async function hallLiveRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const open = new Set<Stream>();
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const s of [...open]) s.end();
  });

  function stream(
    req: FastifyRequest,
    reply: FastifyReply,
    officeId: string,
    event: string,
    read: () => Promise<unknown>,
  ) {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write('retry: 2000\n\n');
    let closed = false;
    let lastPushAt = 0;
    let timer: NodeJS.Timeout | null = null;
    let reading = false;
    let dirty = false;
    let last = '';

    const push = async () => {
      if (closed) return;
      if (reading) {
        dirty = true;
        return;
      }
      reading = true;
      dirty = false;
      lastPushAt = Date.now();
      try {
        const data = await read();
        const text = JSON.stringify(data);
        if (!closed && text !== last) {
          last = text;
          res.write(`event: ${event}\ndata: ${text}\n\n`);
        }
      } catch (err) {
        req.log.warn({ err }, 'hall stream read failed');
      } finally {
        reading = false;
      }
      if (dirty) schedule();
    };
    const schedule = () => {
      if (closed || timer) return;
      const wait = Math.max(0, lastPushAt + MIN_PUSH_INTERVAL_MS - Date.now());
      timer = setTimeout(() => {
        timer = null;
        void push();
      }, wait);
    };
    const onChange = (_change: DeliveredHallChange) => schedule();
    const unsubscribe = app.hallLive.onHallChange(officeId, onChange);
    const heartbeat = setInterval(() => {
      if (!closed) res.write(': ping\n\n');
    }, HEARTBEAT_MS);
    const s: Stream = {
      end() {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        if (timer) clearTimeout(timer);
        open.delete(s);
        res.end();
      },
    };
    open.add(s);
    req.raw.on('close', () => s.end());
    res.on('error', () => s.end());
    void push();
  }

  r.get(
    '/api/v1/hall/board/stream',
    {
      config: { isPublic: true, rateLimit: false },
      schema: {
        operationId: 'streamHallBoard',
        tags: ['public'],
        summary: "A hall's display board, live (text/event-stream: `board` events with the snapshot)",
        querystring: boardQuery,
        response: errors,
      },
    },
    async (req, reply) => {
      const { officeId } = req.query;
      const name = await officeName(app.ctx, officeId);
      if (!name) throw notFound('office');
      stream(
        req,
        reply,
        officeId,
        'board',
        async (): Promise<BoardSnapshot> => ({
          ...(await hallBoard(app.ctx, officeId)),
          officeName: name,
        }),
      );
    },
  );

  r.get(
    '/api/v1/hall/tickets/:id/stream',
    {
      config: { isPublic: true, rateLimit: false },
      schema: {
        operationId: 'streamHallTicket',
        tags: ['public'],
        summary: "A queue ticket's place and estimated wait, live (text/event-stream: `ticket` events)",
        params: ticketParams,
        response: errors,
      },
    },
    async (req, reply) => {
      const ticketId = req.params.id;
      const officeId = await ticketOffice(app.ctx, ticketId);
      if (!officeId) throw notFound('ticket');
      const name = (await officeName(app.ctx, officeId)) ?? { zh: '', en: '' };
      stream(
        req,
        reply,
        officeId,
        'ticket',
        async (): Promise<TicketPosition> => ({
          ...(await ticketPosition(app.ctx, ticketId)),
          officeId,
          officeName: name,
        }),
      );
    },
  );
}
