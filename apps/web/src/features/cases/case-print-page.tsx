import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { maskName } from '@opendmv/contracts';
import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { formatDate, formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useWorkspaceBase } from '../../app/shells/workspace.ts';
import { useCaseDetail } from './cases-api.ts';

/** `/officer/cases/:id/print`: the acceptance slip (受理回执) handed to the applicant. */
export function CasePrintPage() {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const { id = '' } = useParams();
  const base = useWorkspaceBase();
  const q = useCaseDetail('office', id);
  if (q.isPending) return <BlockSpin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  const received = c.check.materials.filter((m) => m.state === 'provided');
  const shared = c.check.materials.filter((m) => m.state === 'supplied');
  const rows: [string, ReactNode][] = [
    [
      t.cases.office,
      `${c.handlingOffice.name}${c.outlet && c.outlet.id !== c.handlingOffice.id ? ` · ${c.outlet.name}` : ''}`,
    ],
    [
      t.cases.number,
      <span className="odmv-mono" key="n">
        {c.number}
      </span>,
    ],
    [t.cases.item, `${pick(c.itemName)}（${c.itemCode}）`],
    [t.cases.applicant, `${maskName(c.applicantName)}  ${c.applicantIdNumber}`],
    [t.cases.subject, c.subjectLabel],
    [t.cases.submittedAt, formatDateTime(c.submittedAt)],
    [
      t.cases.slipReceived,
      received.length === 0 && shared.length === 0 ? (
        t.cases.slipNone
      ) : (
        <ol style={{ margin: 0, paddingInlineStart: 18 }} key="m">
          {received.map((m) => (
            <li key={m.code} data-testid="slip-material">
              {pick(m.name)}
            </li>
          ))}
          {shared.map((m) => (
            <li key={m.code}>
              {pick(m.name)}（{labels.materialState(m.state, m.supplier)}）
            </li>
          ))}
        </ol>
      ),
    ],
    [t.cases.fee, c.feeFen === 0 ? t.guide.free : formatFen(c.feeFen)],
    [t.cases.delivery, `${labels.delivery(c.delivery)}${c.deliveryAddress ? ` · ${c.deliveryAddress}` : ''}`],
    [
      t.cases.slipPromised,
      <strong key="d" data-testid="slip-promised">
        {formatDate(c.dueDate)}
      </strong>,
    ],
  ];
  return (
    <div>
      <Space className="odmv-no-print" style={{ marginBottom: 16 }}>
        <Link to={`${base}/cases/${c.id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t.common.back}</Button>
        </Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="slip-print"
        >
          {t.cases.doPrint}
        </Button>
      </Space>
      <article className="odmv-slip" data-testid="acceptance-slip">
        <header>
          <div className="odmv-slip-office">{c.handlingOffice.name}</div>
          <Typography.Title level={3} style={{ margin: '4px 0 0' }}>
            {t.cases.slipTitle}
          </Typography.Title>
        </header>
        <table>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="odmv-slip-hint">{t.cases.slipHint}</p>
        <footer>
          {t.cases.slipPrintedAt} {formatDateTime(new Date().toISOString())}
        </footer>
      </article>
    </div>
  );
}
