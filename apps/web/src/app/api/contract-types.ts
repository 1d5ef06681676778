import type {
  apiTokenSchema,
  auditEventPageSchema,
  auditEventsQuerySchema,
  caseListQuerySchema,
  caseListSchema,
  createApiTokenBodySchema,
  createCatalogItemSchema,
  createdApiTokenSchema,
  createdStaffSchema,
  createOfficeBodySchema,
  createStaffBodySchema,
  licenceDetailSchema,
  pageOf,
  precheckResultSchema,
  publicProgressSchema,
  reviseCatalogItemSchema,
  roleInfoSchema,
  staffSchema,
  submitCaseSchema,
  uploadDocumentSchema,
  windowSubmitCaseSchema,
} from '@opendmv/contracts';

/**
 * Types of the contract schemas the package exports without a named type. Derived from the zod schemas
 * (`_output` = what the API sends, `_input` = what a request body may hold), so they follow the contract.
 */
type Out<S extends { _output: unknown }> = S['_output'];
type In<S extends { _input: unknown }> = S['_input'];

export type ApiTokenDto = Out<typeof apiTokenSchema>;
export type CreatedApiToken = Out<typeof createdApiTokenSchema>;
export type CreateApiTokenBody = In<typeof createApiTokenBodySchema>;
export type CreatedStaff = Out<typeof createdStaffSchema>;
export type CreateStaffBody = In<typeof createStaffBodySchema>;
export type CreateOfficeBody = In<typeof createOfficeBodySchema>;
export type RoleInfo = Out<typeof roleInfoSchema>;
export type LicenceDetail = Out<typeof licenceDetailSchema>;
export type AuditEventPage = Out<typeof auditEventPageSchema>;
export type AuditEventsQuery = In<typeof auditEventsQuerySchema>;
export type StaffPage = Out<ReturnType<typeof pageOf<typeof staffSchema>>>;
export type ApiTokenPage = Out<ReturnType<typeof pageOf<typeof apiTokenSchema>>>;

export type PrecheckResult = Out<typeof precheckResultSchema>;
export type CaseList = Out<typeof caseListSchema>;
export type CaseListQuery = In<typeof caseListQuerySchema>;
export type PublicProgress = Out<typeof publicProgressSchema>;
export type SubmitCaseBody = In<typeof submitCaseSchema>;
export type WindowSubmitCaseBody = In<typeof windowSubmitCaseSchema>;
export type CreateCatalogItemBody = In<typeof createCatalogItemSchema>;
export type ReviseCatalogItemBody = In<typeof reviseCatalogItemSchema>;
export type UploadDocumentBody = In<typeof uploadDocumentSchema>;
