import {
  type CaseAction,
  type CaseState,
  type Channel,
  type DataSource,
  type DeliveryOption,
  type ItemCategory,
  type MaterialState,
  ROLES,
  type Role,
  roleLabels,
  type SubjectKind,
  type WorkflowRole,
} from '@opendmv/contracts';
import { Tag } from 'antd';
import { useI18n } from './i18n/i18n-provider.tsx';

type L = { zh: string; en: string };

/**
 * Labels of the catalog and case enums (one table, zh and en side by side). The enums themselves come
 * from `@opendmv/contracts`; a `Record` over each union makes a new value a compile error here.
 */
export const CASE_STATE_LABELS: Record<CaseState, L> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  'auto-checked': { zh: '已自动核验', en: 'Checked' },
  accepted: { zh: '已受理', en: 'Accepted' },
  reviewed: { zh: '已审核', en: 'Reviewed' },
  'correction-requested': { zh: '待补正', en: 'Correction requested' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '不予许可', en: 'Rejected' },
  produced: { zh: '已制证', en: 'Produced' },
  delivered: { zh: '已寄递', en: 'Posted' },
  collected: { zh: '已领取', en: 'Collected' },
  completed: { zh: '已办结', en: 'Completed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const CASE_STATE_COLOURS: Record<CaseState, string> = {
  submitted: 'default',
  'auto-checked': 'processing',
  accepted: 'blue',
  reviewed: 'geekblue',
  'correction-requested': 'warning',
  approved: 'success',
  rejected: 'error',
  produced: 'cyan',
  delivered: 'cyan',
  collected: 'cyan',
  completed: 'green',
  withdrawn: 'default',
};

export const CASE_ACTION_LABELS: Record<CaseAction, L> = {
  submit: { zh: '提交申请', en: 'Submit' },
  'auto-check': { zh: '自动核验', en: 'Automatic check' },
  recheck: { zh: '重新核验', en: 'Re-check' },
  'instant-approve': { zh: '按规则即时办结', en: 'Approved by rule' },
  accept: { zh: '受理', en: 'Accept' },
  'request-correction': { zh: '要求补正', en: 'Request correction' },
  'answer-correction': { zh: '提交补正', en: 'Answer correction' },
  review: { zh: '审核', en: 'Review' },
  approve: { zh: '批准', en: 'Approve' },
  reject: { zh: '不予许可', en: 'Reject' },
  'deem-approve': { zh: '视为批准', en: 'Deemed approval' },
  escalate: { zh: '超期督办', en: 'Escalate' },
  produce: { zh: '制证', en: 'Produce' },
  deliver: { zh: '寄出', en: 'Post' },
  collect: { zh: '已领取', en: 'Mark collected' },
  complete: { zh: '办结', en: 'Complete' },
  withdraw: { zh: '撤回申请', en: 'Withdraw' },
};

export const CHANNEL_LABELS: Record<Channel, L> = {
  online: { zh: '网上办', en: 'Online' },
  kiosk: { zh: '自助终端', en: 'Kiosk' },
  window: { zh: '窗口办', en: 'Window' },
  agency: { zh: '代办', en: 'Agency' },
  'partner-outlet': { zh: '合作网点', en: 'Partner outlet' },
};

/** Who holds the data that replaces a paper material; `short` reads "supplied by …". */
export const DATA_SOURCE_LABELS: Record<DataSource, L & { shortZh: string; shortEn: string }> = {
  registry: { zh: '车驾管档案', en: 'Registry record', shortZh: '档案系统', shortEn: 'the registry' },
  'hospital-medical': {
    zh: '医院体检结果',
    en: 'Hospital medical result',
    shortZh: '医院',
    shortEn: 'the hospital',
  },
  'insurer-policy': {
    zh: '保险公司保单',
    en: 'Insurer policy',
    shortZh: '保险公司',
    shortEn: 'the insurer',
  },
  'inspection-result': {
    zh: '检验机构检验结果',
    en: 'Inspection result',
    shortZh: '检验机构',
    shortEn: 'the inspection station',
  },
  'tax-payment': { zh: '税务完税信息', en: 'Tax payment', shortZh: '税务部门', shortEn: 'the tax bureau' },
  'dealer-sale': { zh: '销售企业发票', en: 'Dealer sale', shortZh: '销售企业', shortEn: 'the dealer' },
  'study-exam': {
    zh: '学习考试平台',
    en: 'Study & exam platform',
    shortZh: '学习考试平台',
    shortEn: 'the study platform',
  },
};

export const DELIVERY_LABELS: Record<DeliveryOption, L> = {
  post: { zh: '邮寄到家', en: 'By post' },
  collect: { zh: '窗口领取', en: 'Collect at the window' },
  electronic: { zh: '电子证照', en: 'Electronic' },
};

export const CATEGORY_LABELS: Record<ItemCategory, L> = {
  licence: { zh: '驾驶证业务', en: 'Driving licence' },
  vehicle: { zh: '机动车业务', en: 'Vehicles' },
  violation: { zh: '违法处理', en: 'Violations' },
  inspection: { zh: '机动车检验', en: 'Inspection' },
  plate: { zh: '号牌业务', en: 'Plates' },
  filing: { zh: '信息备案', en: 'Filings' },
};

export const SUBJECT_KIND_LABELS: Record<SubjectKind, L> = {
  licence: { zh: '本人驾驶证', en: 'Own driving licence' },
  vehicle: { zh: '名下机动车', en: 'A registered vehicle' },
  violation: { zh: '交通违法', en: 'A traffic violation' },
  'new-vehicle': { zh: '新车（车辆识别代号）', en: 'New vehicle (VIN)' },
  person: { zh: '本人', en: 'The applicant' },
};

export const MATERIAL_STATE_COLOURS: Record<MaterialState, string> = {
  supplied: 'success',
  'awaiting-partner': 'warning',
  'to-provide': 'processing',
  provided: 'success',
  'not-needed': 'default',
};

export const WORKFLOW_ROLE_LABELS: Record<WorkflowRole, L> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  officer: { zh: '民警', en: 'Officer' },
  supervisor: { zh: '督察', en: 'Supervisor' },
  system: { zh: '系统', en: 'System' },
  partner: { zh: '合作单位', en: 'Partner' },
};

const isSource = (s: string): s is DataSource => s in DATA_SOURCE_LABELS;

/** The case and catalog labels in the UI language. */
export function useCaseLabels() {
  const { pick, locale } = useI18n();
  const en = locale === 'en';
  return {
    state: (s: CaseState) => pick(CASE_STATE_LABELS[s]),
    action: (a: CaseAction) => pick(CASE_ACTION_LABELS[a]),
    channel: (c: Channel) => pick(CHANNEL_LABELS[c]),
    delivery: (d: DeliveryOption) => pick(DELIVERY_LABELS[d]),
    category: (c: ItemCategory) => pick(CATEGORY_LABELS[c]),
    subjectKind: (k: SubjectKind) => pick(SUBJECT_KIND_LABELS[k]),
    source: (s: string) => (isSource(s) ? pick(DATA_SOURCE_LABELS[s]) : s),
    role: (r: string) =>
      r in WORKFLOW_ROLE_LABELS
        ? pick(WORKFLOW_ROLE_LABELS[r as WorkflowRole])
        : (ROLES as readonly string[]).includes(r)
          ? pick(roleLabels[r as Role])
          : r,
    /** "由医院共享，无需提交" / "申请人提交" for a material's supplier. */
    supplier: (supplier: string) => {
      if (supplier === 'applicant') return en ? 'Provided by the applicant' : '申请人提交';
      if (!isSource(supplier)) return supplier;
      const l = DATA_SOURCE_LABELS[supplier];
      return en ? `Shared by ${l.shortEn}; nothing to hand in` : `由${l.shortZh}共享，无需提交`;
    },
    /** A material's state in one application. */
    materialState: (state: MaterialState, supplier: string) => {
      const l = isSource(supplier) ? DATA_SOURCE_LABELS[supplier] : null;
      switch (state) {
        case 'supplied':
          return l ? (en ? `Supplied by ${l.shortEn}` : `已由${l.shortZh}共享`) : en ? 'Supplied' : '已共享';
        case 'awaiting-partner':
          return l
            ? en
              ? `Awaiting ${l.shortEn}`
              : `等待${l.shortZh}推送`
            : en
              ? 'Awaiting data'
              : '等待数据';
        case 'to-provide':
          return en ? 'To provide' : '需申请人提交';
        case 'provided':
          return en ? 'Handed in' : '已提交';
        case 'not-needed':
          return en ? 'Not needed' : '本次无需';
      }
    },
    decidedBy: (d: 'rule' | 'officer' | 'supervisor' | 'deemed') =>
      ({
        rule: en ? 'Approved by rule' : '按规则即时办结',
        officer: en ? 'Decided by an officer' : '民警审批',
        supervisor: en ? 'Decided by a supervisor' : '督察审批',
        deemed: en ? 'Deemed approved' : '视为批准',
      })[d],
  };
}

export function CaseStatusTag({ status }: { status: CaseState }) {
  const labels = useCaseLabels();
  return (
    <Tag color={CASE_STATE_COLOURS[status]} data-testid="case-status" data-status={status}>
      {labels.state(status)}
    </Tag>
  );
}
