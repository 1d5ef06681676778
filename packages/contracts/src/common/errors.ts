import { z } from 'zod';

/** Every error code the API answers with. One shape for all errors. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'CSRF_INVALID',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'NOT_ELIGIBLE',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldErrorSchema = z.object({
  field: z.string().meta({
    description: 'Dotted path of the offending field, prefixed by its location',
    example: 'body.username',
  }),
  message: z.string(),
});

export const errorBodySchema = z
  .object({
    code: errorCodeSchema,
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
    requestId: z.string().optional(),
  })
  .meta({
    id: 'Error',
    example: {
      code: 'VALIDATION_FAILED',
      message: '请求参数有误',
      fields: [{ field: 'body.username', message: '必填' }],
    },
  });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  NOT_ELIGIBLE: 422,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UPSTREAM_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const ERROR_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = {
  VALIDATION_FAILED: { zh: '请求参数有误', en: 'The request is invalid' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  TOTP_REQUIRED: { zh: '请输入动态验证码', en: 'A one-time code is required' },
  TOTP_INVALID: { zh: '动态验证码错误', en: 'The one-time code is wrong' },
  ACCOUNT_LOCKED: {
    zh: '登录失败次数过多，账号已临时锁定',
    en: 'Too many failed sign-ins; the account is locked for now',
  },
  ACCOUNT_DISABLED: { zh: '账号已停用', en: 'The account is disabled' },
  CSRF_INVALID: { zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'You are not allowed to do this' },
  OUT_OF_SCOPE: { zh: '该数据不在您的管辖范围内', en: 'This record is outside your office’s scope' },
  NOT_FOUND: { zh: '未找到', en: 'Not found' },
  CONFLICT: { zh: '数据冲突', en: 'Conflict with existing data' },
  ILLEGAL_TRANSITION: { zh: '当前状态不允许此操作', en: 'This action is not allowed in the current state' },
  NOT_ELIGIBLE: {
    zh: '不符合办理条件',
    en: 'The conditions for this service are not met',
  },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { zh: '请求内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  UPSTREAM_UNAVAILABLE: {
    zh: '支付或短信服务暂时无法连接，请稍后再试',
    en: 'The payment or message service cannot be reached; try again shortly',
  },
  INTERNAL: { zh: '系统繁忙，请稍后再试', en: 'Something went wrong on our side' },
};

export type Locale = 'zh-CN' | 'en';
