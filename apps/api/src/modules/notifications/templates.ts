import type { Locale } from '@opendmv/contracts';

/** The SMS signature (短信签名) every text message carries, as the carriers require. */
export const SMS_SIGNATURE = '【示范市车管所】';

type Text = { zh: string; en: string };

export interface NotificationTemplate {
  kind: 'case' | 'payment' | 'reminder';
  title: Text;
  /** `{name}` is replaced by the param `name`; in English `nameEn` is used first when present. */
  body: Text;
}

/**
 * Every message the platform sends, as data: a title for the inbox and a body that is also the SMS
 * text (in Chinese, after the signature). Params are written with the message, so a text reads the same
 * whenever it is sent.
 */
export const TEMPLATES: Readonly<Record<string, NotificationTemplate>> = {
  'case.correction-requested': {
    kind: 'case',
    title: { zh: '申请需要补正', en: 'Your application needs a correction' },
    body: {
      zh: '您的{item}申请（{number}）需要补正：{note}。请登录办理补正，补正期间办理时限暂停计算。',
      en: 'Your application {number} ({item}) needs a correction: {note}. Sign in to answer it; the time limit is paused meanwhile.',
    },
  },
  'case.approved': {
    kind: 'case',
    title: { zh: '申请已批准', en: 'Application approved' },
    body: {
      zh: '您的{item}申请（{number}）已审批通过。',
      en: 'Your application {number} ({item}) has been approved.',
    },
  },
  'case.rejected': {
    kind: 'case',
    title: { zh: '申请未予许可', en: 'Application refused' },
    body: {
      zh: '您的{item}申请（{number}）未予许可：{note}。如有异议，可依法申请行政复议或提起行政诉讼。',
      en: 'Your application {number} ({item}) was refused: {note}. You may appeal by administrative review or litigation.',
    },
  },
  'case.produced': {
    kind: 'case',
    title: { zh: '证件已制作完成', en: 'Documents produced' },
    body: {
      zh: '您的{item}申请（{number}）证件已制作完成，将按您选择的方式交付。',
      en: 'The documents of your application {number} ({item}) are ready and will be handed over as you chose.',
    },
  },
  'case.delivered': {
    kind: 'case',
    title: { zh: '证件已寄出', en: 'Documents sent by post' },
    body: {
      zh: '您的{item}申请（{number}）证件已交邮寄递，请注意查收，收到后可在线确认。',
      en: 'The documents of your application {number} ({item}) are on their way by post; confirm receipt online when they arrive.',
    },
  },
  'case.completed': {
    kind: 'case',
    title: { zh: '业务已办结', en: 'Case completed' },
    body: {
      zh: '您的{item}申请（{number}）已办结，欢迎对本次服务进行评价。',
      en: 'Your application {number} ({item}) is completed. Please rate our service.',
    },
  },
  'appointment.confirmed': {
    kind: 'reminder',
    title: { zh: '预约成功', en: 'Appointment confirmed' },
    body: {
      zh: '您已预约{office}{category}，时间{time}，预约码{code}。请凭身份证和预约码按时到场，迟到超过15分钟将转为现场排队。',
      en: 'Your appointment at {office} for {category} on {time} is confirmed (code {code}). Bring your ID card; more than 15 minutes late and you join the walk-in queue.',
    },
  },
  'appointment.cancelled': {
    kind: 'reminder',
    title: { zh: '预约已取消', en: 'Appointment cancelled' },
    body: {
      zh: '因{reason}，您在{office}{time}的{category}预约（{code}）已取消，不计爽约，请重新预约。',
      en: 'Your appointment at {office} on {time} for {category} ({code}) is cancelled: {reason}. It does not count as a no-show; please book again.',
    },
  },
  'payment.settled': {
    kind: 'payment',
    title: { zh: '缴费成功', en: 'Payment received' },
    body: {
      zh: '您已成功缴纳{subject}{amountYuan}元（订单{orderNumber}），电子票据可在线查看。',
      en: 'We received your payment of ¥{amountYuan} for {subject} (order {orderNumber}); the e-receipt is online.',
    },
  },
  'payment.refunded': {
    kind: 'payment',
    title: { zh: '款项已退回', en: 'Payment refunded' },
    body: {
      zh: '订单{orderNumber}的{amountYuan}元已原路退回，原因：{reason}。',
      en: '¥{amountYuan} of order {orderNumber} has been refunded to where it came from. Reason: {reason}.',
    },
  },
  'reminder.licence-expiring': {
    kind: 'reminder',
    title: { zh: '驾驶证即将到期', en: 'Driving licence expiring soon' },
    body: {
      zh: '您的驾驶证有效期至{validUntil}，还有{days}天到期。可在线申请期满换证，无需到窗口。',
      en: 'Your driving licence is valid until {validUntil} ({days} days left). You can renew it online without a visit.',
    },
  },
  'reminder.inspection-due': {
    kind: 'reminder',
    title: { zh: '车辆该年检了', en: 'Vehicle inspection due' },
    body: {
      zh: '您的车辆{plate}检验有效期至{validUntil}，已可申请检验，请在到期前办理。',
      en: 'The inspection of your vehicle {plate} is valid until {validUntil}; you can apply now — please do so before it runs out.',
    },
  },
  'reminder.fine-surcharge': {
    kind: 'reminder',
    title: { zh: '罚款即将加处', en: 'Fine surcharge starts soon' },
    body: {
      zh: '您的车辆{plate}的交通违法罚款{fineYuan}元，请于{deadline}前缴纳，逾期每日按罚款数额的3%加处罚款。',
      en: 'Please pay the ¥{fineYuan} fine for {plate} by {deadline}; after that a surcharge of 3 % of the fine is added each day.',
    },
  },
  'reminder.correction-waiting': {
    kind: 'reminder',
    title: { zh: '补正材料待提交', en: 'Your correction is still awaited' },
    body: {
      zh: '您的{item}申请（{number}）仍在等待补正：{note}。请尽快登录提交。',
      en: 'Your application {number} ({item}) is still waiting for your correction: {note}. Please answer it soon.',
    },
  },
  'allocation.won': {
    kind: 'reminder',
    title: { zh: '预约摇号/排序结果：已中签', en: 'Allocation result: you have a place' },
    body: {
      zh: '您申请的{startsAt}号源已分配给您，预约码{code}，请按时到场。结果及种子已公示，可自行复核。',
      en: 'You have a place for {startsAtEn}; appointment code {code}. Please come on time. The draw and its seed are published for anyone to check.',
    },
  },
  'allocation.lost': {
    kind: 'reminder',
    title: { zh: '预约摇号/排序结果：未中签', en: 'Allocation result: no place this time' },
    body: {
      zh: '您申请的{startsAt}号源本次未中签（{places}个名额，{requests}人申请）。结果及种子已公示，可自行复核；欢迎申请下一批号源。',
      en: 'No place this time for {startsAtEn} ({places} places, {requests} requests). The draw and its seed are published for anyone to check; you may request the next release.',
    },
  },
  'hall.three-ahead': {
    kind: 'reminder',
    title: { zh: '即将叫到您的号', en: 'Your number is coming up' },
    body: {
      zh: '您在{office}的排队号{number}前面还有{ahead}位，请到大厅等候叫号，过号需重新取号。',
      en: 'At {office}, {ahead} people are ahead of your number {number}. Please wait in the hall; a missed call means a new ticket.',
    },
  },
};

const FALLBACK: NotificationTemplate = {
  kind: 'case',
  title: { zh: '通知', en: 'Notice' },
  body: { zh: '您有一条新消息。', en: 'You have a new message.' },
};

export const templateOf = (code: string): NotificationTemplate =>
  Object.hasOwn(TEMPLATES, code) ? TEMPLATES[code]! : FALLBACK;

export type Params = Record<string, unknown>;

function fill(text: string, params: Params, locale: Locale): string {
  return text.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = (locale === 'en' ? (params[`${key}En`] ?? params[key]) : params[key]) ?? '';
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  });
}

/** Title and body of a message in the reader's language. */
export function renderMessage(
  code: string,
  params: Params,
  locale: Locale,
): { kind: NotificationTemplate['kind'] | 'other'; title: string; body: string } {
  const t = templateOf(code);
  const l = locale === 'en' ? 'en' : 'zh';
  return {
    kind: Object.hasOwn(TEMPLATES, code) ? t.kind : 'other',
    title: fill(t.title[l], params, locale),
    body: fill(t.body[l], params, locale),
  };
}

/** The text message: the signature, then the Chinese body (SMS goes out in Chinese). */
export const smsText = (code: string, params: Params): string => {
  const text = `${SMS_SIGNATURE}${fill(templateOf(code).body.zh, params, 'zh-CN')}`;
  // A long officer's note would make the message too long for the gateway: the app holds the whole text.
  return text.length > SMS_MAX_CHARS ? `${text.slice(0, SMS_MAX_CHARS - 12)}…详见交管App消息` : text;
};

/** Longest text message sent (the gateway takes up to 500; carriers split past 70 per part). */
export const SMS_MAX_CHARS = 300;
