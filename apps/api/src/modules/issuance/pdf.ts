import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { formatYuan, type PaymentProvider, PROVIDER_INFO } from '@opendmv/contracts';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
  asDecision,
  asReceipt,
  beijingTime,
  type DecisionContent,
  FEE_SUBJECT,
  FINE_SUBJECT,
  type ReceiptContent,
  TITLES,
} from './content.ts';
import type { IssuedDocumentRow } from './service.ts';

/**
 * PDF rendering of an issued document, from the content it was issued with: A4, Chinese text in Noto Sans
 * (Simplified Chinese, embedded as a subset), bilingual headings, a QR code to the public verification
 * page, the SHA-256 of the content, and a VOID (作废) mark across a voided document.
 */

const FONT = 'sc';
const BOLD = 'sc-bold';
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/** The font files are read once per process (≈ 8 MB each; pdfkit embeds only the glyphs used). */
function fontBuffers(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const dir = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')),
      '../fonts',
    );
    fonts = {
      regular: fs.readFileSync(path.join(dir, 'NotoSansHans-Regular.otf')),
      bold: fs.readFileSync(path.join(dir, 'NotoSansHans-Bold.otf')),
    };
  }
  return fonts;
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const INK = '#1f2937';
const MUTED = '#6b7280';
const LINE = '#d1d5db';
const ACCENT = '#1d4ed8';
const RED = '#dc2626';

export interface PdfOptions {
  /** The site's origin, for the QR code: `<origin>/verify/<id>`. */
  origin: string;
  /** The issuing office, printed in the header. */
  issuer: { zh: string; en: string };
}

const CHANNELS: Record<string, string> = {
  online: '网上 Online',
  window: '窗口 Window',
  kiosk: '自助终端 Kiosk',
  agency: '代办机构 Agency',
  'partner-outlet': '合作网点 Partner outlet',
};
const DECIDED_BY: Record<DecisionContent['decidedBy'], string> = {
  rule: '按规则自动审批（马上办）  Approved by rule on the spot',
  officer: '民警审批  Decided by an officer',
  supervisor: '上级审批  Decided by a supervisor',
  deemed: '逾期视为批准  Deemed approved (time limit passed)',
};

type Doc = PDFKit.PDFDocument;
type Row = [label: string, labelEn: string, value: string];

function header(doc: Doc, row: IssuedDocumentRow, opts: PdfOptions, title: { zh: string; en: string }) {
  const { margin, width } = PAGE;
  doc.rect(0, 0, width, 8).fill(ACCENT);
  doc.fillColor(MUTED).font(FONT).fontSize(10).text(opts.issuer.zh, margin, 36);
  doc.fontSize(8).text(opts.issuer.en, margin, 50);
  doc
    .fillColor(INK)
    .font(BOLD)
    .fontSize(24)
    .text(title.zh, margin, 82, { width: width - 2 * margin - 110 });
  doc.font(FONT).fontSize(11).fillColor(MUTED).text(title.en, margin, 116);
  doc.fontSize(9).fillColor(INK);
  doc.text(`文书编号 No.  ${row.number}`, margin, 142);
  doc.text(`签发时间 Issued  ${beijingTime(row.issuedAt)}（北京时间 Beijing time）`, margin, 156);
  doc
    .moveTo(margin, 180)
    .lineTo(width - margin, 180)
    .lineWidth(1)
    .strokeColor(LINE)
    .stroke();
}

async function qr(doc: Doc, url: string) {
  const png = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' });
  const size = 96;
  const x = PAGE.width - PAGE.margin - size;
  doc.image(png, x, 34, { width: size, height: size });
  doc
    .font(FONT)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text('扫码核验 Scan to verify', x - 10, 134, { width: size + 20, align: 'center' });
}

/** Label (zh above en) in the left column, the value on the right; returns the new y. */
function rows(doc: Doc, items: Row[], y: number): number {
  const { margin, width } = PAGE;
  const labelW = 150;
  const valueW = width - 2 * margin - labelW;
  for (const [zh, en, value] of items) {
    doc.font(FONT).fontSize(10);
    const h = Math.max(27, doc.heightOfString(value || '—', { width: valueW }) + 10);
    doc
      .fillColor(INK)
      .font(FONT)
      .fontSize(10)
      .text(zh, margin, y + 3, { width: labelW });
    doc
      .fillColor(MUTED)
      .fontSize(7)
      .text(en, margin, y + 16, { width: labelW });
    doc
      .fillColor(INK)
      .fontSize(10)
      .text(value || '—', margin + labelW, y + 4, { width: valueW });
    y += h;
    doc
      .moveTo(margin, y)
      .lineTo(width - margin, y)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
  }
  return y;
}

function section(doc: Doc, zh: string, en: string, y: number): number {
  doc
    .font(BOLD)
    .fontSize(12)
    .fillColor(ACCENT)
    .text(`${zh}  `, PAGE.margin, y, { continued: true })
    .font(FONT)
    .fontSize(9)
    .fillColor(MUTED)
    .text(en);
  return y + 22;
}

/** The hash, the verification address and the note: at the foot of the page, or below a long body. */
function footer(doc: Doc, row: IssuedDocumentRow, url: string, note: string, bodyEnd: number) {
  const { margin, width, height } = PAGE;
  const w = width - 2 * margin;
  let y = Math.max(bodyEnd + 14, height - 120);
  if (y + 72 > height) {
    doc.addPage();
    y = margin;
  }
  doc
    .moveTo(margin, y)
    .lineTo(width - margin, y)
    .lineWidth(0.5)
    .strokeColor(LINE)
    .stroke();
  doc
    .font(FONT)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text('内容摘要 SHA-256  ', margin, y + 8, { continued: true })
    .fillColor(INK)
    .text(row.sha256);
  doc
    .fillColor(MUTED)
    .text('核验地址 Verify at  ', margin, y + 22, { continued: true })
    .fillColor(ACCENT)
    .text(url, { link: url });
  doc.fillColor(MUTED).text(note, margin, y + 38, { width: w, lineGap: 2 });
}

/** A voided document: VOID across the page, and a box with when and why below the body; returns the new y. */
function voidMark(doc: Doc, row: IssuedDocumentRow, bodyEnd: number): number {
  if (!row.voidedAt) return bodyEnd;
  const { width, height, margin } = PAGE;
  doc.save();
  doc.rotate(-30, { origin: [width / 2, height / 2] });
  doc
    .font(BOLD)
    .fontSize(110)
    .fillColor(RED)
    .fillOpacity(0.18)
    .text('作废 VOID', -100, height / 2 - 70, { width: width + 200, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
  const y = bodyEnd + 14;
  doc
    .rect(margin, y, width - 2 * margin, 40)
    .lineWidth(1.5)
    .strokeColor(RED)
    .stroke();
  doc
    .font(BOLD)
    .fontSize(11)
    .fillColor(RED)
    .text(`本文书已作废 VOID  ${beijingTime(row.voidedAt)}`, margin + 10, y + 6, {
      width: width - 2 * margin - 20,
    });
  doc
    .font(FONT)
    .fontSize(9)
    .text(`原因 Reason: ${row.voidReason ?? '—'}`, margin + 10, y + 22, { width: width - 2 * margin - 20 });
  return y + 40;
}

const providerName = (p: string) => {
  const info = PROVIDER_INFO[p as PaymentProvider];
  return info ? `${info.name.zh}  ${info.name.en}` : p;
};

function receiptBody(doc: Doc, c: ReceiptContent): number {
  const subject = c.orderKind === 'fine' ? FINE_SUBJECT : FEE_SUBJECT;
  let y = section(doc, '缴款信息', 'Payment', 196);
  y = rows(
    doc,
    [
      ['缴款人', 'Payer', c.payerName],
      ['缴款项目', 'Paid for', `${subject.zh} ${subject.en}`],
      ['缴款事由', 'Subject', c.subjectLabel],
      ...(c.caseNumber ? [['办件编号', 'Case number', c.caseNumber] as Row] : []),
      ['缴款单号', 'Order number', c.orderNumber],
      ['支付方式', 'Paid with', providerName(c.provider)],
      ['交易流水号', 'Transaction id', c.transactionId],
      ['缴款渠道', 'Channel', CHANNELS[c.channel] ?? c.channel],
      ['缴款时间', 'Paid at (Beijing time)', beijingTime(c.paidAt)],
    ],
    y,
  );
  y = section(doc, '金额明细', 'Amount (yuan)', y + 16);
  const b = c.breakdown;
  const lines: Row[] = [];
  if (b.fineFen !== undefined) lines.push(['罚款', 'Fine', `¥ ${formatYuan(b.fineFen)}`]);
  if (b.surchargeFen !== undefined && b.surchargeFen > 0)
    lines.push([
      '加处罚款',
      b.daysLate ? `Late surcharge (${b.daysLate} days)` : 'Late surcharge',
      `¥ ${formatYuan(b.surchargeFen)}${b.daysLate ? `（逾期 ${b.daysLate} 日）` : ''}`,
    ]);
  if (b.feeFen !== undefined) lines.push(['工本费', 'Fee', `¥ ${formatYuan(b.feeFen)}`]);
  y = rows(doc, lines, y);
  doc.rect(PAGE.margin, y + 6, PAGE.width - 2 * PAGE.margin, 34).fill('#eff6ff');
  doc
    .fillColor(INK)
    .font(BOLD)
    .fontSize(12)
    .text('合计 Total', PAGE.margin + 10, y + 15);
  doc
    .fontSize(14)
    .fillColor(ACCENT)
    .text(`¥ ${formatYuan(c.amountFen)}`, PAGE.margin, y + 13, {
      width: PAGE.width - 2 * PAGE.margin - 10,
      align: 'right',
    });
  return y + 40;
}

function decisionBody(doc: Doc, c: DecisionContent): number {
  let y = section(doc, '申请信息', 'Application', 196);
  y = rows(
    doc,
    [
      ['办件编号', 'Case number', c.caseNumber],
      ['办理事项', 'Business item', `${c.itemName.zh}\n${c.itemName.en}`],
      ['申请人', 'Applicant', c.applicantName],
      ['身份证件号码', 'ID number', c.applicantIdNumber],
      ['办理对象', 'Subject', c.subjectLabel],
      ['申请渠道', 'Channel', CHANNELS[c.channel] ?? c.channel],
      ['申请时间', 'Submitted (Beijing time)', beijingTime(c.submittedAt)],
    ],
    y,
  );
  y = section(doc, '决定', 'Decision', y + 16);
  const approved = c.decision === 'approved';
  doc.rect(PAGE.margin, y, PAGE.width - 2 * PAGE.margin, 30).fill(approved ? '#ecfdf5' : '#fef2f2');
  doc
    .font(BOLD)
    .fontSize(13)
    .fillColor(approved ? '#047857' : RED)
    .text(approved ? '准予许可  Approved' : '不予许可  Refused', PAGE.margin + 10, y + 7);
  y += 36;
  y = rows(
    doc,
    [
      ['理由', 'Reason', c.reason ?? (approved ? '申请符合法定条件，准予办理。' : '—')],
      ['决定方式', 'Decided by', DECIDED_BY[c.decidedBy]],
      ...(c.decidedByName ? [['承办人', 'Officer', c.decidedByName] as Row] : []),
      ['决定时间', 'Decided (Beijing time)', beijingTime(c.decidedAt)],
      ...(c.ruleSet ? [['规则版本', 'Rule set', shortRuleSet(c.ruleSet)] as Row] : []),
      ['法律依据', 'Legal basis', c.legalBasis.map((s) => s.title).join('\n')],
    ],
    y,
  );
  if (approved) return y;
  doc
    .font(FONT)
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。' +
        '\nIf you disagree, you may apply for administrative reconsideration within 60 days, or bring an administrative lawsuit within 6 months.',
      PAGE.margin,
      y + 10,
      { width: PAGE.width - 2 * PAGE.margin, lineGap: 2 },
    );
  return doc.y;
}

/** 'DL-RENEW@3:<64 hex>' → 'DL-RENEW@3:3f2a9c0d1e7b…' (the full fingerprint is in the content hash). */
const shortRuleSet = (r: string) => r.replace(/:([0-9a-f]{16})[0-9a-f]{48}$/, ':$1…');

/** The PDF of an issued document, as bytes. */
export async function renderDocumentPdf(row: IssuedDocumentRow, opts: PdfOptions): Promise<Buffer> {
  const f = fontBuffers();
  const doc = new PDFDocument({
    size: 'A4',
    // The footer sits below the usual bottom margin: nothing may spill onto a second page.
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 16 },
    info: {
      Title: `${TITLES[row.kind].zh} ${row.number}`,
      Author: opts.issuer.zh,
      Subject: TITLES[row.kind].en,
      Creator: 'OpenDMV',
    },
    autoFirstPage: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT, f.regular);
  doc.registerFont(BOLD, f.bold);
  const url = `${opts.origin}/verify/${row.id}`;
  const title =
    row.kind === 'decision' && asDecision(row.content).decision === 'rejected'
      ? { zh: '不予行政许可决定书', en: 'Decision refusing the application' }
      : TITLES[row.kind];
  header(doc, row, opts, title);
  await qr(doc, url);
  let y =
    row.kind === 'receipt'
      ? receiptBody(doc, asReceipt(row.content))
      : decisionBody(doc, asDecision(row.content));
  y = voidMark(doc, row, y);
  footer(
    doc,
    row,
    url,
    row.kind === 'receipt'
      ? `本凭证由${opts.issuer.zh}电子签发，与纸质凭证具有同等效力；扫描二维码或访问上述地址可核验真伪及是否作废。\nIssued electronically; scan the QR code or open the address above to check that it is genuine and still valid.`
      : `本决定书由${opts.issuer.zh}电子签发；扫描二维码或访问上述地址可核验真伪。\nIssued electronically; scan the QR code or open the address above to check that it is genuine.`,
    y,
  );
  doc.end();
  return done;
}
