import { Alert, Tag } from 'antd';
import { useParams } from 'react-router';
import { BlockSpin } from '../../app/components/query-state.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { type TicketEvent, ticketStreamUrl } from './board-types.ts';
import { useEventStream } from './use-event-stream.ts';
import './board.css';

const STATUS_COLORS: Record<string, string> = {
  waiting: 'blue',
  called: 'green',
  serving: 'green',
  done: 'default',
  'no-show': 'red',
};

/** The citizen's queue ticket on the phone (public by its unguessable id): people ahead and the wait, live. */
export function TicketPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const k = t.ticket;
  const { data, state } = useEventStream<TicketEvent>(id ? ticketStreamUrl(id) : null, 'ticket');

  if (!data) {
    if (state === 'missing')
      return (
        <div className="odmv-ticket" data-testid="ticket-page" data-state="missing">
          <Alert type="warning" showIcon message={k.notFound} />
        </div>
      );
    return <BlockSpin />;
  }
  const called = data.status === 'called' || data.status === 'serving';
  const minutes = data.estimatedWaitSeconds === null ? null : Math.ceil(data.estimatedWaitSeconds / 60);
  const hint =
    data.status === 'waiting'
      ? k.nearHint
      : data.status === 'done'
        ? k.doneHint
        : data.status === 'no-show'
          ? k.noShowHint
          : null;

  return (
    <div className="odmv-ticket" data-testid="ticket-page" data-status={data.status} data-state={state}>
      <div className="odmv-ticket-card">
        <div className={`odmv-ticket-head${called ? ' odmv-ticket-called' : ''}`}>
          <div className="odmv-ticket-office">
            {data.officeName ? pick(data.officeName) : ''} ·{' '}
            {t.board.categories[data.category] ?? data.category}
          </div>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
            <div>
              <div className="odmv-ticket-office">{k.myNumber}</div>
              <div className="odmv-ticket-number" data-testid="ticket-number">
                {data.number}
              </div>
            </div>
            <Tag color={STATUS_COLORS[data.status] ?? 'default'} data-testid="ticket-status">
              {k.statuses[data.status] ?? data.status}
            </Tag>
          </div>
          {called && data.counterNumber && (
            <div className="odmv-ticket-called-line" data-testid="ticket-counter" aria-live="assertive">
              {k.calledAt(data.counterNumber)}
            </div>
          )}
        </div>
        {data.status === 'waiting' && (
          <div className="odmv-ticket-stats">
            <div className="odmv-ticket-stat">
              <div className="odmv-ticket-stat-label">{k.ahead}</div>
              <div className="odmv-ticket-stat-value" data-testid="ticket-ahead" data-ahead={data.ahead}>
                {k.aheadCount(data.ahead)}
              </div>
            </div>
            <div className="odmv-ticket-stat">
              <div className="odmv-ticket-stat-label">{k.wait}</div>
              <div className="odmv-ticket-stat-value" data-testid="ticket-wait">
                {minutes === null ? '—' : minutes <= 1 ? k.waitSoon : k.waitMinutes(minutes)}
              </div>
            </div>
          </div>
        )}
        {hint && <div className="odmv-ticket-hint">{hint}</div>}
      </div>
      <div className="odmv-ticket-live" data-testid="ticket-live">
        <span className={`odmv-board-dot${state === 'live' ? '' : ' odmv-ticket-dot-off'}`} />
        {state === 'live' ? k.live : k.reconnecting}
      </div>
    </div>
  );
}
