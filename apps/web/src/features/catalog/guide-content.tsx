import { EnvironmentOutlined, LinkOutlined } from '@ant-design/icons';
import type { ServiceGuide } from '@opendmv/contracts';
import { Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';

type Definition = ServiceGuide['definition'];

/** Fee, limits, channels, presence and delivery of an item, as a description list. */
export function GuideFacts({ def }: { def: Definition }) {
  const { t } = useI18n();
  const labels = useCaseLabels();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'subject', label: t.guide.subject, children: labels.subjectKind(def.subject) },
        {
          key: 'fee',
          label: t.guide.fee,
          children: (
            <span data-testid="guide-fee" className="odmv-money">
              {def.feeFen === 0 ? t.guide.free : formatFen(def.feeFen)}
            </span>
          ),
        },
        {
          key: 'statutory',
          label: t.guide.statutory,
          children: <span data-testid="guide-statutory-days">{t.guide.workingDays(def.statutoryDays)}</span>,
        },
        {
          key: 'promised',
          label: t.guide.promised,
          children: <span data-testid="guide-promised-days">{t.guide.workingDays(def.promisedDays)}</span>,
        },
        {
          key: 'channels',
          label: t.guide.channels,
          children: (
            <Space size={[4, 4]} wrap data-testid="guide-channels">
              {def.channels.map((c) => (
                <Tag key={c} color="blue" style={{ marginInlineEnd: 0 }}>
                  {labels.channel(c)}
                </Tag>
              ))}
            </Space>
          ),
        },
        {
          key: 'presence',
          label: t.guide.presence,
          children: (
            <span data-testid="guide-presence" data-required={String(def.presenceRequired)}>
              {def.presenceRequired ? t.guide.presenceYes : t.guide.presenceNo}
            </span>
          ),
        },
        {
          key: 'delivery',
          label: t.guide.delivery,
          children: (
            <span data-testid="guide-delivery">
              {def.delivery.map((d) => labels.delivery(d)).join(' / ')}
            </span>
          ),
        },
      ]}
    />
  );
}

/** The materials of an item and who supplies each ("由医院共享，无需提交" vs "申请人提交"). */
export function GuideMaterials({ def }: { def: Definition }) {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  if (def.materials.length === 0)
    return <Empty description={t.guide.noMaterials} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <ol className="odmv-guide-list" data-testid="guide-materials">
      {def.materials.map((m) => (
        <li key={m.code} data-testid="guide-material" data-supplier={m.supplier}>
          <Typography.Text strong>{pick(m.name)}</Typography.Text>{' '}
          <Tag color={m.supplier === 'applicant' ? 'blue' : 'green'}>{labels.supplier(m.supplier)}</Tag>
          {m.when && <Tag>{t.guide.conditional}</Tag>}
          {m.note && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
              {pick(m.note)}
            </Typography.Paragraph>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * The full 办事指南 of one item: conditions (each rule's `condition`, phrased as what must hold), materials,
 * fee, limits, channels, outlets, legal basis.
 */
export function GuideContent({ guide }: { guide: ServiceGuide }) {
  const { t, pick } = useI18n();
  const def = guide.definition;
  return (
    <>
      <Card title={t.guide.conditions} size="small" data-testid="guide-conditions">
        {def.eligibility.length === 0 ? (
          <Typography.Text type="secondary">{t.guide.noConditions}</Typography.Text>
        ) : (
          <ol className="odmv-guide-list">
            {def.eligibility.map((r) => (
              <li key={r.id} data-testid="guide-rule" data-rule-id={r.id}>
                {pick(r.condition)}{' '}
                {r.severity === 'review' && <Tag color="warning">{t.guide.reviewTag}</Tag>}
                <span className="odmv-check-source">
                  {t.guide.basis}:{' '}
                  {r.source.url ? (
                    <a href={r.source.url} target="_blank" rel="noreferrer">
                      {r.source.title}
                    </a>
                  ) : (
                    r.source.title
                  )}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card title={t.guide.materials} size="small">
        <GuideMaterials def={def} />
      </Card>
      <Card title={t.guide.facts} size="small" data-testid="guide-time-limits">
        <GuideFacts def={def} />
      </Card>
      <Card title={t.guide.outlets} size="small" data-testid="guide-outlets">
        {guide.outlets.length === 0 ? (
          <Typography.Text type="secondary">{t.guide.noOutlets}</Typography.Text>
        ) : (
          <ul className="odmv-guide-list odmv-guide-plain">
            {guide.outlets.map((o) => (
              <li key={o.id} data-testid="guide-outlet">
                <EnvironmentOutlined aria-hidden style={{ color: '#1d4ed8' }} />{' '}
                <Typography.Text strong>{pick({ zh: o.name, en: o.nameEn })}</Typography.Text>
                {o.address && (
                  <Typography.Text
                    type="secondary"
                    style={{ display: 'block', fontSize: 13, paddingLeft: 20 }}
                  >
                    {o.address}
                  </Typography.Text>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t.guide.legalBasis} size="small" data-testid="guide-legal-basis">
        <ul className="odmv-guide-list odmv-guide-plain">
          {def.legalBasis.map((s) => (
            <li key={s.title} data-testid="guide-legal-source">
              {s.url ? (
                <a href={s.url} target="_blank" rel="noreferrer">
                  <LinkOutlined aria-hidden /> {s.title}
                </a>
              ) : (
                s.title
              )}{' '}
              <Tag
                color={
                  s.reliability === 'official' ? 'green' : s.reliability === 'secondary' ? 'gold' : 'default'
                }
              >
                {t.guide.reliability[s.reliability]}
              </Tag>
            </li>
          ))}
        </ul>
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="guide-version">
        {t.guide.code} {guide.code} · {t.guide.versionOf(guide.version, def.effectiveFrom)}
        {def.effectiveTo ? ` · ${t.guide.effectiveTo(def.effectiveTo)}` : ''} · {pick(def.name)}
      </Typography.Text>
    </>
  );
}
