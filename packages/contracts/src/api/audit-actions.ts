import type { Label } from '../registry/vehicle.ts';

/**
 * Display labels of the audit-log actions (`audit_log.action`) the API writes. The log keeps the
 * code; screens show the label and fall back to the code for an action not listed here. A test on
 * the API side checks that every action found in the log after typical operations has a label.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, Label>> = {
  'auth.login': { zh: '登录', en: 'Sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Sign-out' },
  'access.denied': { zh: '越权访问被拒绝', en: 'Access denied' },
  'person.create': { zh: '新建人员档案', en: 'Person record created' },
  'person.reveal': { zh: '查看完整身份信息', en: 'Full ID number and phone shown' },
  'violation.record': { zh: '录入交通违法', en: 'Violation recorded' },
  'violation.decide': { zh: '违法处理（处罚决定）', en: 'Violation decided (penalty decision)' },
  'violation.pay': { zh: '缴纳罚款', en: 'Fine paid' },
  'office.create': { zh: '新建机构', en: 'Office created' },
  'staff.create': { zh: '新建工作人员账号', en: 'Staff account created' },
  'staff.unlock': { zh: '解除账号锁定', en: 'Staff account unlocked' },
  'staff.disable': { zh: '停用工作人员账号', en: 'Staff account disabled' },
  'staff.enable': { zh: '启用工作人员账号', en: 'Staff account re-enabled' },
  'api-token.create': { zh: '新建接口令牌', en: 'API token created' },
  'api-token.revoke': { zh: '吊销接口令牌', en: 'API token revoked' },
  'audit.verify': { zh: '校验审计链', en: 'Audit chain verified' },
  'demo.seed': { zh: '加载演示数据', en: 'Demo data loaded' },
  'catalog.create': { zh: '新建办事事项', en: 'Business item created' },
  'catalog.revise': { zh: '修订办事事项（新版本）', en: 'Business item revised (new version)' },
  'case.submit': { zh: '提交申请', en: 'Application submitted' },
  'case.auto-check': { zh: '自动核验', en: 'Automatic check' },
  'case.recheck': { zh: '重新核验（收到共享数据）', en: 'Re-checked (partner data arrived)' },
  'case.instant-approve': { zh: '即时审批（按规则）', en: 'Approved by rule on the spot' },
  'case.accept': { zh: '受理', en: 'Accepted' },
  'case.request-correction': { zh: '要求补正', en: 'Correction requested' },
  'case.answer-correction': { zh: '提交补正', en: 'Correction answered' },
  'case.review': { zh: '审核', en: 'Reviewed' },
  'case.approve': { zh: '审批通过', en: 'Approved' },
  'case.reject': { zh: '不予许可', en: 'Refused' },
  'case.deem-approve': { zh: '逾期视为批准', en: 'Deemed approved (time limit passed)' },
  'case.escalate': { zh: '超时督办', en: 'Escalated (time limit passed)' },
  'case.produce': { zh: '制证', en: 'Produced' },
  'case.deliver': { zh: '寄递送达', en: 'Delivered by post' },
  'case.collect': { zh: '窗口领取', en: 'Collected' },
  'case.complete': { zh: '办结', en: 'Completed' },
  'case.document-upload': { zh: '上传办事材料', en: 'Material document uploaded' },
  'case.withdraw': { zh: '撤回申请', en: 'Withdrawn' },
  'authorization.grant': { zh: '出具电子委托书', en: 'Authorization granted to an agent' },
  'authorization.revoke': { zh: '撤销电子委托书', en: 'Authorization revoked' },
  'partner.ingest': { zh: '接收共享数据', en: 'Partner data received' },
  'partner.refuse': { zh: '拒收共享数据', en: 'Partner data refused' },
  'notification.preferences': { zh: '修改消息接收设置', en: 'Message preferences changed' },
  'licence.verified': { zh: '电子驾驶证二维码核验', en: 'E-licence QR verified' },
  'share-code.create': { zh: '生成驾驶证分享码', en: 'Licence share code created' },
  'share-code.use': { zh: '分享码查验驾驶证', en: 'Licence checked with a share code' },
  'share-code.refuse': { zh: '分享码查验被拒绝', en: 'Share-code check refused' },
  'share-code.revoke': { zh: '撤销驾驶证分享码', en: 'Licence share code revoked' },
  'document.verified': { zh: '文书核验（扫码查验）', en: 'Document verified (QR check)' },
  'payment.create': { zh: '生成缴款订单', en: 'Payment order created' },
  'payment.settle': { zh: '缴款到账', en: 'Payment received' },
  'payment.expire': { zh: '缴款订单过期', en: 'Payment order expired' },
  'payment.cancel': { zh: '缴款订单取消', en: 'Payment order cancelled' },
  'payment.refund': { zh: '申请退款', en: 'Refund requested' },
  'payment.refund-settle': { zh: '退款到账', en: 'Refund completed' },
  'payment.reconcile': { zh: '支付渠道对账', en: 'Payments reconciled with a provider' },
  'payment.notification-unmatched': {
    zh: '支付通知无法匹配订单',
    en: 'Payment notification matched no order',
  },
};

/** The label of an audit action, or undefined for a code not in the table (show the code then). */
export const auditActionLabel = (action: string): Label | undefined =>
  Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action] : undefined;
