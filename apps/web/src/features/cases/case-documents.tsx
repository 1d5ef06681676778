import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  type CaseDetail,
  type CaseDocument,
  can,
  DOCUMENT_CONTENT_TYPES,
  isFinalState,
  MAX_DOCUMENT_BYTES,
} from '@opendmv/contracts';
import { Alert, App, Button, Card, Space, Table, type TableColumnsType, Typography, Upload } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { useCurrentUser } from '../../app/auth/require-role.tsx';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { formatBytes, formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import type { Material } from './auto-check-panel.tsx';
import { type CaseScope, documentUrl, useUploadDocument } from './cases-api.ts';

type ContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

const MAX_MB = MAX_DOCUMENT_BYTES / 1024 / 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png';
const BY_EXTENSION: Record<string, ContentType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The file's content type, from the browser's guess or else its extension; null when not accepted. */
function contentTypeOf(file: File): ContentType | null {
  if ((DOCUMENT_CONTENT_TYPES as readonly string[]).includes(file.type)) return file.type as ContentType;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? null;
}

/** At most 120 characters (the contract's limit), keeping the extension. */
function shortName(name: string): string {
  const trimmed = name.trim() || 'file';
  if (trimmed.length <= 120) return trimmed;
  const dot = trimmed.lastIndexOf('.');
  const ext = dot > 0 && trimmed.length - dot <= 10 ? trimmed.slice(dot) : '';
  return trimmed.slice(0, 120 - ext.length) + ext;
}

/** The file's bytes as base64 (the `data:` URL without its prefix). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Applicant materials still to hand in, while the case is open. */
export const materialsToUpload = (c: CaseDetail): Material[] =>
  isFinalState(c.status)
    ? []
    : c.check.materials.filter((m) => m.supplier === 'applicant' && m.state === 'to-provide');

/**
 * An upload control for one material (`material-upload-<code>`): PDF, JPG or PNG up to 2 MiB, checked here
 * first, then sent as base64; the case query refreshes with the material provided.
 */
export function MaterialUpload({
  scope,
  caseId,
  material,
  label,
}: {
  scope: CaseScope;
  caseId: string;
  material: Material;
  label?: string;
}) {
  const { t, pick } = useI18n();
  const d = t.cases.documents;
  const { message } = App.useApp();
  const upload = useUploadDocument(scope, caseId);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const send = async (file: File) => {
    setError(null);
    const contentType = contentTypeOf(file);
    if (!contentType) return setError(d.badType(file.name));
    if (file.size > MAX_DOCUMENT_BYTES) return setError(d.tooLarge(file.name, MAX_MB));
    let dataBase64: string;
    setReading(true);
    try {
      dataBase64 = await readAsBase64(file);
    } catch {
      return setError(d.readFailed);
    } finally {
      setReading(false);
    }
    const fileName = shortName(file.name);
    upload.mutate(
      { materialCode: material.code, fileName, contentType, dataBase64 },
      {
        onSuccess: () => void message.success(d.uploaded(fileName)),
        onError: (e) =>
          setError(
            isApiError(e)
              ? e.fields.length > 0
                ? e.fields.map((f) => f.message).join('；')
                : e.message
              : t.common.networkError,
          ),
      },
    );
  };

  const busy = reading || upload.isPending;
  return (
    <div className="odmv-upload" data-testid={`material-upload-${material.code}`} data-code={material.code}>
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        multiple={false}
        disabled={busy}
        beforeUpload={(file) => {
          void send(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button
          size="small"
          icon={<UploadOutlined />}
          loading={busy}
          aria-label={`${label ?? d.upload}: ${pick(material.name)}`}
        >
          {busy ? d.uploading : (label ?? d.upload)}
        </Button>
      </Upload>
      <Typography.Text type="secondary" className="odmv-upload-hint">
        {d.hint(MAX_MB)}
      </Typography.Text>
      {error && <Alert type="error" showIcon title={error} role="alert" className="odmv-upload-error" />}
    </div>
  );
}

/** A download link to one document: a plain link, the session cookie goes with it. */
export function DocumentLink({
  scope,
  caseId,
  doc,
}: {
  scope: CaseScope;
  caseId: string;
  doc: CaseDocument;
}) {
  const { t } = useI18n();
  return (
    <a
      href={documentUrl(scope, caseId, doc.id)}
      download={doc.fileName}
      data-testid="document-download"
      title={`${t.cases.documents.download} ${doc.fileName}`}
      className="odmv-doc-link"
    >
      <PaperClipOutlined aria-hidden /> {doc.fileName}
    </a>
  );
}

/** The files handed in for one material, each with its size and a download link (under the material). */
export function MaterialDocuments({
  scope,
  caseId,
  documents,
}: {
  scope: CaseScope;
  caseId: string;
  documents: readonly CaseDocument[];
}) {
  if (documents.length === 0) return null;
  return (
    <ul className="odmv-doc-list">
      {documents.map((doc) => (
        <li
          key={doc.id}
          className="odmv-doc-item"
          data-testid="case-document"
          data-material={doc.materialCode}
        >
          <DocumentLink scope={scope} caseId={caseId} doc={doc} />
          <Typography.Text type="secondary" className="odmv-doc-meta">
            {formatBytes(doc.size)} · {formatDateTime(doc.uploadedAt)}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/**
 * The office's view of the files (`/officer/cases/:id`): material, file, size, when and by whom, with a
 * download link; below, a scan-and-upload control per material the applicant still has to provide.
 */
export function CaseDocumentsCard({ c }: { c: CaseDetail }) {
  const { t, pick } = useI18n();
  const d = t.cases.documents;
  const labels = useCaseLabels();
  const me = useCurrentUser();
  const names = new Map(c.check.materials.map((m) => [m.code, m.name]));
  const toUpload = can(me.role, 'case:handle') ? materialsToUpload(c) : [];
  const columns: TableColumnsType<CaseDocument> = [
    {
      title: d.material,
      key: 'material',
      render: (_, doc) => {
        const name = names.get(doc.materialCode);
        return name ? pick(name) : doc.materialCode;
      },
    },
    {
      title: d.fileName,
      key: 'file',
      render: (_, doc) => <DocumentLink scope="office" caseId={c.id} doc={doc} />,
    },
    { title: d.size, key: 'size', render: (_, doc) => formatBytes(doc.size), width: 90 },
    {
      title: d.uploadedAt,
      key: 'at',
      render: (_, doc) => formatDateTime(doc.uploadedAt),
      width: 150,
    },
    { title: d.uploadedBy, key: 'by', render: (_, doc) => labels.role(doc.uploadedByRole), width: 100 },
  ];
  return (
    <Card title={d.title} data-testid="case-documents">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Table<CaseDocument>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={c.documents}
          pagination={false}
          locale={{ emptyText: d.none }}
          onRow={(doc) =>
            ({
              'data-testid': 'case-document',
              'data-material': doc.materialCode,
            }) as HTMLAttributes<HTMLElement>
          }
          scroll={{ x: 'max-content' }}
        />
        {toUpload.length > 0 && (
          <>
            <Typography.Text type="secondary">{d.toScan}</Typography.Text>
            <ul className="odmv-check-list">
              {toUpload.map((m) => (
                <li key={m.code} className="odmv-check-row">
                  <span className="odmv-check-body">
                    <Typography.Text>{pick(m.name)}</Typography.Text>
                    <MaterialUpload scope="office" caseId={c.id} material={m} label={d.scan} />
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Space>
    </Card>
  );
}
