import type { CaseDetail } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

/** Files for the applicant's materials: uploaded online, scanned at the window, checked for what they are. */
let t: TestApp;
let citizen: Agent;
let officer: Agent;
let c: CaseDetail;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const PDF = Buffer.from('%PDF-1.4\n% test\n');
const upload = (material: string, data: Buffer, contentType = 'image/png') => ({
  materialCode: material,
  fileName: '损毁的驾驶证.png',
  contentType,
  dataBase64: data.toString('base64'),
});

beforeAll(async () => {
  t = await startTestApp();
  [citizen, officer] = await Promise.all([t.login('citizen5'), t.login('officer1')]);
  const res = await citizen.post('/api/v1/me/cases', {
    itemCode: 'DL-DAMAGED',
    subject: {},
    form: {},
    delivery: 'collect',
  });
  expect(res.statusCode, res.body).toBe(201);
  c = res.json() as CaseDetail;
});
afterAll(() => t?.close());

describe('material documents', () => {
  it('an applicant material starts as to-provide; the uploaded file makes it provided', async () => {
    expect(c.check.materials.find((m) => m.code === 'damaged-licence')?.state).toBe('to-provide');
    const res = await citizen.post(`/api/v1/me/cases/${c.id}/documents`, upload('damaged-licence', PNG));
    expect(res.statusCode, res.body).toBe(201);
    const after = res.json() as CaseDetail;
    expect(after.check.materials.find((m) => m.code === 'damaged-licence')?.state).toBe('provided');
    expect(after.documents).toHaveLength(1);
    expect(after.documents[0]).toMatchObject({
      materialCode: 'damaged-licence',
      size: PNG.length,
      uploadedByRole: 'citizen',
    });
  });

  it('the officer and the applicant download the same bytes; nobody else can', async () => {
    const detail = (await officer.get(`/api/v1/cases/${c.id}`)).json() as CaseDetail;
    const doc = detail.documents[0]!;
    for (const [agent, base] of [
      [officer, '/api/v1/cases'],
      [citizen, '/api/v1/me/cases'],
    ] as const) {
      const res = await agent.get(`${base}/${c.id}/documents/${doc.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.rawPayload.equals(PNG)).toBe(true);
    }
    const other = await t.login('citizen1');
    expect((await other.get(`/api/v1/me/cases/${c.id}/documents/${doc.id}`)).statusCode).toBe(404);
    expect(
      (await other.post(`/api/v1/me/cases/${c.id}/documents`, upload('damaged-licence', PNG))).statusCode,
    ).toBe(404);
  });

  it('a file that is not what it claims, a material nobody uploads, or a file too large is refused', async () => {
    const wrongType = await citizen.post(
      `/api/v1/me/cases/${c.id}/documents`,
      upload('damaged-licence', PNG, 'application/pdf'),
    );
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.body).toContain('body.dataBase64');
    const notApplicant = await citizen.post(
      `/api/v1/me/cases/${c.id}/documents`,
      upload('id-card', PDF, 'application/pdf'),
    );
    expect(notApplicant.statusCode).toBe(400);
    expect(notApplicant.body).toContain('body.materialCode');
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 + 1)]);
    expect(
      (await citizen.post(`/api/v1/me/cases/${c.id}/documents`, upload('damaged-licence', big))).statusCode,
    ).toBe(400);
    const detail = (await citizen.get(`/api/v1/me/cases/${c.id}`)).json() as CaseDetail;
    expect(detail.documents).toHaveLength(1);
  });

  it('the window scans a paper, and a closed case takes no more files', async () => {
    const scanned = await officer.post(
      `/api/v1/cases/${c.id}/documents`,
      upload('damaged-licence', PDF, 'application/pdf'),
    );
    expect(scanned.statusCode, scanned.body).toBe(201);
    expect((scanned.json() as CaseDetail).documents.map((d) => d.uploadedByRole)).toEqual([
      'citizen',
      'officer',
    ]);
    expect((await citizen.post(`/api/v1/me/cases/${c.id}/actions`, { action: 'withdraw' })).statusCode).toBe(
      200,
    );
    expect(
      (await citizen.post(`/api/v1/me/cases/${c.id}/documents`, upload('damaged-licence', PNG))).statusCode,
    ).toBe(409);
  });
});
