import crypto from 'node:crypto';
import type {
  CaseDetail,
  CaseTrackingDto,
  DocumentVerification,
  IssuedDocumentDto,
  IssuedDocumentList,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, issueDocument, voidDocument } from '../../src/modules/issuance/index.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { deliveryRecord, trackingNumberOf } from '../../src/simulators/post.ts';
import {
  drive,
  idNumberOf,
  partnerSecret,
  personIdOf,
  postMedicalResult,
  transferableVehicle,
} from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

let t: TestApp;
let citizen1: Agent;
let citizen2: Agent;
let officer: Agent;

beforeAll(async () => {
  t = await startTestApp();
  [citizen1, citizen2, officer] = await Promise.all([
    t.login('citizen1'),
    t.login('citizen2'),
    t.login('officer1'),
  ]);
});
afterAll(() => t?.close());

const renew = { itemCode: 'DL-RENEW', subject: {}, form: {} };
const ADDRESS = '示范市东湖区湖滨路1号3栋501';

const auditCount = async (action: string, entityId: string) =>
  (
    await queryRows<{ n: number }>(
      t.app.ctx.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}`,
    )
  )[0]!.n;

describe('decision documents (决定书), issued on first request', () => {
  let approved: CaseDetail;
  let decision: IssuedDocumentDto;

  it('a case approved by rule gets one decision document, however often it is asked for', async () => {
    await postMedicalResult(t, await idNumberOf(t, 'citizen1'), t.clock.today());
    const res = await citizen1.post('/api/v1/me/cases', {
      ...renew,
      delivery: 'post',
      deliveryAddress: ADDRESS,
    });
    expect(res.statusCode, res.body).toBe(201);
    approved = res.json() as CaseDetail;
    expect(approved.status).toBe('approved');

    const first = await citizen1.get(`/api/v1/me/cases/${approved.id}/decision`);
    expect(first.statusCode, first.body).toBe(200);
    decision = first.json() as IssuedDocumentDto;
    expect(decision).toMatchObject({
      kind: 'decision',
      sourceKind: 'case',
      sourceId: approved.id,
      reference: approved.number,
      status: 'valid',
      pdfUrl: `/api/v1/documents/${decision.id}/pdf`,
      verifyPath: `/verify/${decision.id}`,
    });
    expect(decision.number).toMatch(/^D20261121\d{6}$/);
    const again = (
      await citizen1.get(`/api/v1/me/cases/${approved.id}/decision`)
    ).json() as IssuedDocumentDto;
    const byOfficer = (
      await officer.get(`/api/v1/cases/${approved.id}/decision`)
    ).json() as IssuedDocumentDto;
    expect(again.id).toBe(decision.id);
    expect(byOfficer.id).toBe(decision.id);
    const rows = await queryRows<{ n: number }>(
      t.app.ctx.db,
      sql`SELECT count(*)::int AS n FROM issued_documents WHERE source_id = ${approved.id}`,
    );
    expect(rows[0]!.n).toBe(1);

    const mine = (await citizen1.get('/api/v1/me/documents')).json() as IssuedDocumentList;
    expect(mine.items.map((d) => d.id)).toContain(decision.id);
    const theirs = (await citizen2.get('/api/v1/me/documents')).json() as IssuedDocumentList;
    expect(theirs.items.map((d) => d.id)).not.toContain(decision.id);
  });

  it('its content is a snapshot of the decision: masked applicant, rule set, the item’s legal basis', async () => {
    const [row] = await queryRows<{ content: Record<string, unknown>; sha256: string }>(
      t.app.ctx.db,
      sql`SELECT content, sha256 FROM issued_documents WHERE id = ${decision.id}`,
    );
    const c = row!.content;
    expect(c).toMatchObject({
      caseNumber: approved.number,
      itemCode: 'DL-RENEW',
      decision: 'approved',
      decidedBy: 'rule',
      applicantName: '张*',
    });
    expect(c.applicantIdNumber).toMatch(/^\d{3}\*+[\dX]{4}$/);
    expect(c.ruleSet).toBe(approved.ruleSet);
    expect((c.legalBasis as { title: string }[])[0]!.title).toContain('机动车驾驶证申领和使用规定');
    expect(row!.sha256).toBe(crypto.createHash('sha256').update(canonicalJson(c)).digest('hex'));
  });

  it('the PDF opens for the applicant and staff in scope, with the Chinese font embedded; others get 404', async () => {
    const res = await citizen1.get(decision.pdfUrl);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${decision.number}.pdf`);
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The subset of Noto Sans SC (思源黑体) is embedded, so the Chinese text renders anywhere.
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(bytes.toString('latin1')).toContain('/FontFile3');
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.length).toBeLessThan(400_000);

    expect((await officer.get(decision.pdfUrl)).statusCode).toBe(200);
    const other = await citizen2.get(decision.pdfUrl);
    expect(other.statusCode).toBe(404);
    expect((await (await t.login('admin1')).get(decision.pdfUrl)).statusCode).toBe(404);
    expect((await t.anonymous().get(decision.pdfUrl)).statusCode).toBe(401);
    expect((await citizen2.get(`/api/v1/me/cases/${approved.id}/decision`)).statusCode).toBe(404);
  });

  it('the public verification shows a masked summary, the hash and the status, and is audited', async () => {
    const res = await t.anonymous().get(`/api/v1/public/documents/${decision.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as DocumentVerification;
    expect(v).toMatchObject({
      id: decision.id,
      kind: 'decision',
      number: decision.number,
      status: 'valid',
      voidedAt: null,
      sha256: decision.sha256,
      summary: { holder: '张*', decision: 'approved', amountFen: null },
    });
    expect(v.summary.subject.zh).toBe('驾驶证期满换证');
    expect(v.summary.reference).toMatch(/^C202\*+\d{4}$/);
    expect(v.issuer.zh).toMatch(/车辆管理所/);
    // Nothing that identifies the person beyond the masked name.
    expect(res.body).not.toContain(approved.number);
    expect(res.body).not.toMatch(/\d{3}\*{11}[\dX]{4}/);
    expect(await auditCount('document.verified', decision.id)).toBe(1);

    const forged = crypto.randomUUID();
    const unknown = await t.anonymous().get(`/api/v1/public/documents/${forged}`);
    expect(unknown.statusCode).toBe(404);
    // A check of a document never issued is audited as a failure.
    expect(await auditCount('document.verified', forged)).toBe(1);
  });

  it('bad ids are refused with 400', async () => {
    for (const url of [
      '/api/v1/public/documents/not-a-uuid',
      '/api/v1/documents/123/pdf',
      '/api/v1/me/cases/xyz/decision',
      '/api/v1/cases/xyz/tracking',
      '/api/v1/me/cases/xyz/tracking',
    ]) {
      const agent = url.startsWith('/api/v1/cases')
        ? officer
        : url.includes('public')
          ? t.anonymous()
          : citizen1;
      const res = await agent.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('a refusal’s document says so, with the officer’s reason', async () => {
    const filed = await officer.post('/api/v1/cases', {
      applicantIdNumber: await idNumberOf(t, 'citizen2'),
      itemCode: 'TRANSFER',
      subject: { plate: await transferableVehicle(t, await personIdOf(t, 'citizen2')) },
      form: { sellerName: '原车主', transferDate: '2026-11-15' },
      delivery: 'collect',
      provided: ['ownership-transfer-proof'],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = (filed.json() as CaseDetail).id;
    const early = await officer.get(`/api/v1/cases/${id}/decision`);
    expect(early.statusCode).toBe(409);
    await drive(officer, id, ['reject']);
    const doc = (await citizen2.get(`/api/v1/me/cases/${id}/decision`)).json() as IssuedDocumentDto;
    expect(doc.title.zh).toBe('不予行政许可决定书');
    const v = (await t.anonymous().get(`/api/v1/public/documents/${doc.id}`)).json() as DocumentVerification;
    expect(v.summary.decision).toBe('rejected');
    const [row] = await queryRows<{ content: { reason: string; decidedBy: string } }>(
      t.app.ctx.db,
      sql`SELECT content FROM issued_documents WHERE id = ${doc.id}`,
    );
    expect(row!.content).toMatchObject({ reason: '请补充材料', decidedBy: 'officer' });
    const pdf = await officer.get(doc.pdfUrl);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('a case with no decision yet', () => {
  let waiting: CaseDetail;

  it('has no decision document: 409 with the reason, in the caller’s language', async () => {
    const res = await citizen2.post('/api/v1/me/cases', { ...renew, delivery: 'collect' });
    expect(res.statusCode, res.body).toBe(201);
    waiting = res.json() as CaseDetail;
    expect(waiting.status).toBe('auto-checked');
    const zh = await citizen2.get(`/api/v1/me/cases/${waiting.id}/decision`);
    expect(zh.statusCode).toBe(409);
    expect(zh.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(zh.json().fields[0].message).toContain('尚未作出决定');
    const en = await citizen2.get(`/api/v1/me/cases/${waiting.id}/decision`, { 'accept-language': 'en' });
    expect(en.json().fields[0].message).toMatch(/no decision yet/);
    const tracking = (
      await citizen2.get(`/api/v1/me/cases/${waiting.id}/tracking`)
    ).json() as CaseTrackingDto;
    expect(tracking).toMatchObject({ delivery: 'collect', current: 'not-decided', events: [] });
  });

  it('once approved (the hospital’s result arrives), it is to be collected at the office', async () => {
    await postMedicalResult(t, await idNumberOf(t, 'citizen2'), t.clock.today());
    const tracking = (
      await citizen2.get(`/api/v1/me/cases/${waiting.id}/tracking`)
    ).json() as CaseTrackingDto;
    expect(tracking.current).toBe('preparing');
    expect(tracking.outlet?.name).toMatch(/车辆管理所/);
    expect(tracking.address).toBeNull();
    await drive(officer, waiting.id, ['produce']);
    const ready = (await citizen2.get(`/api/v1/me/cases/${waiting.id}/tracking`)).json() as CaseTrackingDto;
    expect(ready.current).toBe('ready-for-collection');
  });
});

describe('receipts (issued by payments) and voiding', () => {
  let receiptId: string;

  it('a receipt opens as PDF for its payer and verifies with its amount; once voided, it shows void', async () => {
    const personId = await personIdOf(t, 'citizen1');
    const orderId = crypto.randomUUID();
    const row = await t.app.ctx.db.transaction((tx) =>
      issueDocument(t.app.ctx, tx, {
        kind: 'receipt',
        sourceKind: 'payment-order',
        sourceId: orderId,
        personId,
        content: {
          orderNumber: 'P20261121000077',
          orderKind: 'fine',
          subjectLabel: '示A12345 人民路与解放路口 违反禁止标线指示',
          payerName: '张*',
          amountFen: 23000,
          breakdown: { fineFen: 20000, surchargeFen: 3000, daysLate: 15 },
          provider: 'wechat',
          transactionId: 'WX20261121103000000077',
          paidAt: '2026-11-21T02:00:00.000Z',
          channel: 'online',
        },
      }),
    );
    receiptId = row.id;
    expect(row.number).toMatch(/^R20261121\d{6}$/);
    const pdf = await citizen1.get(`/api/v1/documents/${receiptId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // No order in anyone's scope (the payment is not there): staff do not see it; nor does another citizen.
    expect((await officer.get(`/api/v1/documents/${receiptId}/pdf`)).statusCode).toBe(404);
    expect((await citizen2.get(`/api/v1/documents/${receiptId}/pdf`)).statusCode).toBe(404);

    const valid = (
      await t.anonymous().get(`/api/v1/public/documents/${receiptId}`)
    ).json() as DocumentVerification;
    expect(valid).toMatchObject({
      kind: 'receipt',
      status: 'valid',
      summary: { holder: '张*', amountFen: 23000, decision: null, subject: { zh: '交通违法罚款' } },
    });
    expect(valid.title.zh).toBe('电子缴款凭证');

    await t.app.ctx.db.transaction((tx) =>
      voidDocument(t.app.ctx, tx, 'receipt', 'payment-order', orderId, '已退款：重复缴纳'),
    );
    const res = await t.anonymous().get(`/api/v1/public/documents/${receiptId}`);
    const voided = res.json() as DocumentVerification;
    expect(voided).toMatchObject({ status: 'void', voidReason: '已退款：重复缴纳' });
    expect(voided.voidedAt).toBeTruthy();
    expect(await auditCount('document.verified', receiptId)).toBe(2);
    const mine = (await citizen1.get('/api/v1/me/documents')).json() as IssuedDocumentList;
    expect(mine.items.find((d) => d.id === receiptId)).toMatchObject({ status: 'void', kind: 'receipt' });
    const again = await citizen1.get(`/api/v1/documents/${receiptId}/pdf`);
    expect(again.statusCode).toBe(200);
    expect(again.rawPayload.length).toBeGreaterThan(pdf.rawPayload.length);
  });
});

describe('postal delivery tracking (邮寄)', () => {
  it('follows the post’s events to the door, in the order they happened', async () => {
    const mine = (await citizen1.get('/api/v1/me/cases?itemCode=DL-RENEW')).json() as {
      items: CaseDetail[];
    };
    const c = mine.items.find((x) => x.status === 'approved')!;
    const before = (await citizen1.get(`/api/v1/me/cases/${c.id}/tracking`)).json() as CaseTrackingDto;
    expect(before).toMatchObject({
      delivery: 'post',
      current: 'preparing',
      trackingNumber: null,
      events: [],
    });
    expect(before.address).toBe('示范市东湖区***');
    await drive(officer, c.id, ['produce']);
    const produced = (await citizen1.get(`/api/v1/me/cases/${c.id}/tracking`)).json() as CaseTrackingDto;
    expect(produced.current).toBe('awaiting-post');

    const post = t.bearer(partnerSecret(t, 'post-delivery'));
    const start = t.clock.now().getTime();
    const course = ['accepted', 'in-transit', 'out-for-delivery', 'delivered'] as const;
    const records = course.map((event, i) =>
      deliveryRecord({ caseNumber: c.number, event, at: new Date(start - (4 - i) * 3_600_000) }),
    );
    // The first two arrive, then the rest in one batch, out of order.
    const first = await post.post('/api/v1/partner/delivery-events', { records: records.slice(0, 2) });
    expect(first.statusCode, first.body).toBe(200);
    const moving = (await citizen1.get(`/api/v1/me/cases/${c.id}/tracking`)).json() as CaseTrackingDto;
    expect(moving.current).toBe('in-transit');
    expect(moving.trackingNumber).toBe(trackingNumberOf(c.number));
    const rest = await post.post('/api/v1/partner/delivery-events', {
      records: [records[3], records[2]],
    });
    expect(rest.statusCode, rest.body).toBe(200);

    const done = (await citizen1.get(`/api/v1/me/cases/${c.id}/tracking`)).json() as CaseTrackingDto;
    expect(done.events.map((e) => e.event)).toEqual([...course]);
    expect(done.events.map((e) => e.at)).toEqual(records.map((r) => new Date(r.at).toISOString()));
    expect(done.events.at(-1)!.place).toBe('收件人本人签收');
    expect(done.current).toBe('delivered');
    expect(JSON.stringify(done)).not.toContain('湖滨路');
    const staff = (await officer.get(`/api/v1/cases/${c.id}/tracking`)).json() as CaseTrackingDto;
    expect(staff.events).toEqual(done.events);
    const detail = (await citizen1.get(`/api/v1/me/cases/${c.id}`)).json() as CaseDetail;
    expect(detail.status).toBe('delivered');
    // Someone else's case is not found.
    expect((await citizen2.get(`/api/v1/me/cases/${c.id}/tracking`)).statusCode).toBe(404);
  });
});
