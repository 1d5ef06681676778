import {
  HALL_CATEGORIES,
  type HallCategory,
  type HallCounterDto,
  PRIORITY_REASONS,
  type QueueTicketDto,
} from '@opendmv/contracts';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { useCurrentUser } from '../../app/auth/require-role.tsx';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import {
  type TicketAction,
  useCallNext,
  useCheckIn,
  useCounterOpen,
  useHallBoard,
  useHallTicket,
  useIssueTicket,
  useMyCounters,
  useTicketAction,
} from './hall-api.ts';

/** An error toast with the API's message. */
function useFail() {
  const { message } = App.useApp();
  return (e: unknown) => void message.error(isApiError(e) ? e.message : String(e));
}

function CurrentTicket({ ticket, counters }: { ticket: QueueTicketDto; counters: HallCounterDto[] }) {
  const t = useT();
  const act = useTicketAction();
  const fail = useFail();
  const [transferTo, setTransferTo] = useState<string>();
  const [caseId, setCaseId] = useState('');
  const run = (action: TicketAction, body?: Record<string, string>) =>
    act.mutate({ id: ticket.id, action, ...(body ? { body } : {}) }, { onError: fail });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="hall-current">
      <Space align="baseline">
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="hall-current-number">
          {ticket.number}
        </Typography.Title>
        <Tag>{t.hall.categories[ticket.category]}</Tag>
        <Tag color={ticket.status === 'serving' ? 'green' : 'blue'}>{t.hall.statuses[ticket.status]}</Tag>
        {ticket.priority && (
          <Tag color="gold">
            {t.hall.priority}
            {ticket.priorityReason ? ` · ${t.hall.priorityReasons[ticket.priorityReason]}` : ''}
          </Tag>
        )}
        <Tag>{t.hall.sources[ticket.source]}</Tag>
        {ticket.recalls > 0 && (
          <Typography.Text type="secondary">{t.hall.recalls(ticket.recalls)}</Typography.Text>
        )}
      </Space>
      <Space wrap>
        {ticket.status === 'called' && (
          <>
            <Button onClick={() => run('recall')} loading={act.isPending}>
              {t.hall.recall}
            </Button>
            <Button type="primary" onClick={() => run('serve')} loading={act.isPending}>
              {t.hall.serve}
            </Button>
            <Button danger onClick={() => run('skip')} loading={act.isPending}>
              {t.hall.skip}
            </Button>
          </>
        )}
        <Select
          style={{ minWidth: 160 }}
          placeholder={t.hall.transferTo}
          value={transferTo}
          onChange={setTransferTo}
          options={counters
            .filter((c) => c.id !== ticket.counterId)
            .map((c) => ({ value: c.id, label: t.hall.counter(c.number) }))}
        />
        <Button
          disabled={!transferTo}
          onClick={() => transferTo && run('transfer', { counterId: transferTo })}
        >
          {t.hall.transfer}
        </Button>
      </Space>
      <Space wrap>
        <Input
          style={{ width: 340 }}
          placeholder={t.hall.caseId}
          value={caseId}
          onChange={(e) => setCaseId(e.target.value.trim())}
        />
        <Button
          type="primary"
          onClick={() => run('finish', caseId ? { caseId } : undefined)}
          loading={act.isPending}
        >
          {t.hall.finish}
        </Button>
      </Space>
    </Space>
  );
}

function IssuePanel() {
  const t = useT();
  const { message } = App.useApp();
  const fail = useFail();
  const issue = useIssueTicket();
  const checkIn = useCheckIn();
  const done = (tk: QueueTicketDto) =>
    void message.success(
      `${t.hall.issued(tk.number)} · ${t.hall.estimate(Math.ceil((tk.estimatedWaitSeconds ?? 0) / 60))}`,
    );
  return (
    <Card title={t.hall.issueTitle} size="small">
      <Form
        layout="inline"
        onFinish={(v: { category: HallCategory; priorityReason?: string; idNumber?: string }) =>
          issue.mutate(
            {
              category: v.category,
              ...(v.priorityReason ? { priorityReason: v.priorityReason } : {}),
              ...(v.idNumber ? { idNumber: v.idNumber } : {}),
            },
            { onSuccess: done, onError: fail },
          )
        }
      >
        <Form.Item name="category" rules={[{ required: true }]}>
          <Select
            style={{ width: 150 }}
            placeholder={t.hall.category}
            options={HALL_CATEGORIES.map((c) => ({ value: c, label: t.hall.categories[c] }))}
          />
        </Form.Item>
        <Form.Item name="priorityReason">
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t.hall.priorityReason}
            options={PRIORITY_REASONS.map((r) => ({ value: r, label: t.hall.priorityReasons[r] }))}
          />
        </Form.Item>
        <Form.Item name="idNumber">
          <Input style={{ width: 200 }} placeholder={t.hall.idNumber} />
        </Form.Item>
        <Button htmlType="submit" loading={issue.isPending}>
          {t.hall.issue}
        </Button>
      </Form>
      <Form
        layout="inline"
        style={{ marginTop: 12 }}
        onFinish={(v: { appointmentCode: string }) => checkIn.mutate(v, { onSuccess: done, onError: fail })}
      >
        <Form.Item name="appointmentCode" rules={[{ required: true }]}>
          <Input style={{ width: 200 }} placeholder={t.hall.appointmentCode} />
        </Form.Item>
        <Button htmlType="submit" loading={checkIn.isPending}>
          {t.hall.checkIn}
        </Button>
      </Form>
    </Card>
  );
}

/** The officer's console: my counter, call next, the ticket at it and what to do with it, the queue. */
export function OfficerHallPage() {
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const fail = useFail();
  const counters = useMyCounters();
  const items = counters.data?.items ?? [];
  const mine = items.find((c) => c.status === 'open' && c.officerUserId === me.id);
  const [chosen, setChosen] = useState<string>();
  const board = useHallBoard(items[0]?.officeId);
  const current = useHallTicket(mine?.currentTicketId ?? null);
  const openClose = useCounterOpen();
  const callNext = useCallNext();
  if (counters.error) return <QueryError error={counters.error} onRetry={() => void counters.refetch()} />;
  return (
    <>
      <PageHeader title={t.hall.title} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            title={mine ? `${t.hall.myCounter} · ${t.hall.counter(mine.number)}` : t.hall.myCounter}
            extra={
              mine ? (
                <Space>
                  {mine.categories.map((c) => (
                    <Tag key={c}>{t.hall.categories[c]}</Tag>
                  ))}
                  <Button onClick={() => openClose.mutate({ id: mine.id, open: false }, { onError: fail })}>
                    {t.hall.close}
                  </Button>
                </Space>
              ) : null
            }
          >
            {!mine ? (
              <Space>
                <Select
                  style={{ minWidth: 260 }}
                  placeholder={t.hall.chooseCounter}
                  value={chosen}
                  onChange={setChosen}
                  data-testid="hall-counter-select"
                  options={items.map((c) => ({
                    value: c.id,
                    disabled: c.status === 'open',
                    label: `${t.hall.counter(c.number)} · ${c.categories.map((x) => t.hall.categories[x]).join('、')}${c.status === 'open' ? ` (${c.officerName ?? ''})` : ''}`,
                  }))}
                />
                <Button
                  type="primary"
                  disabled={!chosen}
                  loading={openClose.isPending}
                  onClick={() => chosen && openClose.mutate({ id: chosen, open: true }, { onError: fail })}
                >
                  {t.hall.open}
                </Button>
              </Space>
            ) : current.data && mine.currentTicketId ? (
              <CurrentTicket ticket={current.data} counters={items} />
            ) : (
              <Space orientation="vertical">
                <Typography.Text type="secondary">
                  {t.hall.current}: {t.hall.none}
                </Typography.Text>
                <Button
                  type="primary"
                  size="large"
                  loading={callNext.isPending}
                  onClick={() =>
                    callNext.mutate(mine.id, {
                      onSuccess: (r) => {
                        if (!r.ticket) void message.info(t.hall.nobodyWaiting);
                      },
                      onError: fail,
                    })
                  }
                >
                  {t.hall.callNext}
                </Button>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t.hall.waitingCounts} size="small">
            {board.data ? (
              <Row gutter={8}>
                {board.data.waiting.map((w) => (
                  <Col span={12} key={w.category}>
                    <Statistic title={`${w.letter} · ${t.hall.categories[w.category]}`} value={w.count} />
                  </Col>
                ))}
              </Row>
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <IssuePanel />
        </Col>
      </Row>
    </>
  );
}
