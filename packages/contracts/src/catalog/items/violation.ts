/** Violation and points items: handling a recorded violation, point reduction by study (学法减分). */
import { VIOLATION_POINTS_SOURCE } from '../../registry/violation-codes.ts';
import type { ItemDefinition } from '../item.ts';
import {
  any,
  defineItem,
  is,
  licenceNotBlocked,
  MATERIALS,
  material,
  p,
  RULES,
  rule,
  SRC,
  t,
  workflow,
} from './common.ts';

const decidedByRule = workflow({ production: false, instant: true });

export const VIOLATION_HANDLE = defineItem({
  code: 'VIOLATION-HANDLE',
  name: t('交通违法处理', 'Handling a traffic violation'),
  summary: t(
    '机动车所有人或当事驾驶人对电子监控记录的违法行为确认处理，生成处罚决定书；罚款另行缴纳（15日内）。处理后将满12分的须到窗口办理。',
    'The owner or the recorded driver accepts a camera-recorded violation and receives the penalty decision; the fine is paid separately (within 15 days). A violation that would bring the licence to 12 points is handled at a window.',
  ),
  category: 'violation',
  subject: 'violation',
  legalBasis: [SRC.violationHandling, VIOLATION_POINTS_SOURCE],
  effectiveFrom: '2022-04-01',
  channels: ['online', 'kiosk', 'window', 'agency'],
  officeKinds: ['office', 'branch', 'outlet', 'kiosk'],
  eligibility: [
    rule(
      'violation-on-record',
      is('violation.exists', true),
      'refuse',
      {
        condition: t('系统中有该违法记录', 'The violation is on record'),
        message: t('未查询到该违法记录', 'The violation is not on record'),
      },
      SRC.violationHandling,
    ),
    rule(
      'violation-unhandled',
      is('violation.status', 'unhandled'),
      'refuse',
      {
        condition: t('违法行为尚未处理', 'The violation has not been handled yet'),
        message: t('该违法已处理', 'This violation has already been handled'),
      },
      SRC.violationHandling,
    ),
    rule(
      'owner-or-driver',
      any(is('vehicle.ownedByApplicant', true), is('violation.applicantIsDriver', true)),
      'refuse',
      {
        condition: t('申请人为机动车所有人或当事驾驶人', 'You are the vehicle owner or the recorded driver'),
        message: t(
          '只有机动车所有人或当事驾驶人可以处理',
          'Only the vehicle owner or the recorded driver can handle it',
        ),
      },
      SRC.violationHandling,
    ),
    rule(
      'licence-for-points',
      is('licence.exists', true),
      'refuse',
      {
        condition: t(
          '违法行为记分的，申请人持有机动车驾驶证',
          'If the violation carries points, you hold a driving licence',
        ),
        message: t(
          '记分违法须由持有驾驶证的驾驶人处理',
          'A violation with points must be handled by a licensed driver',
        ),
      },
      VIOLATION_POINTS_SOURCE,
      p('violation.points', 'gt', 0),
    ),
    {
      ...licenceNotBlocked(SRC.violationHandling),
      when: p('violation.points', 'gt', 0),
      condition: t(
        '违法行为记分的，驾驶证未被扣押、扣留、暂扣或吊销',
        'If the violation carries points, your licence is not seized, detained, suspended or revoked',
      ),
    },
    rule(
      'not-reaching-full-score',
      is('violation.wouldReachFullScore', false),
      'review',
      {
        condition: t('处理后累积记分不满12分', 'Handling it leaves you below 12 points'),
        message: t(
          '处理后累积记分将达到12分，由民警在窗口处理',
          'It would bring your points to 12: an officer handles it',
        ),
      },
      VIOLATION_POINTS_SOURCE,
    ),
  ],
  materials: [
    MATERIALS.idCard,
    material('violation-record', t('违法记录（电子监控）', 'Violation record (camera)'), 'registry'),
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic'],
  instantApproval: true,
  workflow: decidedByRule,
});

export const POINT_REDUCE = defineItem({
  code: 'POINT-REDUCE',
  name: t('学法减分', 'Point reduction by study'),
  summary: t(
    '网上学习（3日内累计30分钟）并考试合格减1分，现场学习1小时并考试合格减2分；只减本记分周期已记的分，每周期最多6分，不能预存、不减罚款。满12分、近三个周期有饮酒驾驶等严重违法的不能申请。学习、考试须实人认证。',
    'Online study (30 min within 3 days) plus a passed exam removes 1 point, 1 h on-site study plus exam removes 2; only points of the current cycle, at most 6 per cycle, no storing in advance, fines unchanged. Not for drivers at 12 points or with a serious offence (drink-driving…) in the last three cycles. Study and exam need live face verification.',
  ),
  category: 'violation',
  subject: 'licence',
  legalBasis: [SRC.pointReduction, VIOLATION_POINTS_SOURCE],
  effectiveFrom: '2022-04-01',
  channels: ['online', 'window', 'kiosk'],
  officeKinds: ['office', 'branch', 'outlet', 'kiosk'],
  eligibility: [
    RULES.licenceHeld,
    rule(
      'has-points',
      p('licence.points', 'gt', 0),
      'refuse',
      {
        condition: t('本记分周期内已有记分', 'You have points in the current scoring cycle'),
        message: t(
          '本记分周期没有记分，不能减分（不能预存）',
          'No points in the current cycle: reduction cannot be stored in advance',
        ),
      },
      SRC.pointReduction,
    ),
    rule(
      'not-full-score',
      is('licence.fullScore', false),
      'refuse',
      {
        condition: t('累积记分未满12分', 'You have fewer than 12 points'),
        message: t(
          '已记满12分，须参加满分学习和考试',
          'At 12 points: full-score study and re-examination apply instead',
        ),
      },
      SRC.pointReduction,
    ),
    rule(
      'no-serious-offence',
      is('points.seriousOffenceRecent', false),
      'refuse',
      {
        condition: t(
          '近三个记分周期内无记12分的严重违法行为（饮酒驾驶、肇事逃逸、使用伪造号牌证件、买分卖分等）',
          'No 12-point offence (drink-driving, hit-and-run, forged plates or papers, points trading…) in the last three scoring cycles',
        ),
        message: t(
          '近三个记分周期内有记12分的严重违法（饮酒驾驶、肇事逃逸、使用伪造号牌证件、买分卖分等），不能学法减分',
          'A 12-point offence (drink-driving, hit-and-run, forged plates or papers, points trading…) in the last three cycles excludes point reduction',
        ),
      },
      {
        ...SRC.pointReduction,
        title: `${SRC.pointReduction.title} — exclusion list approximated as any 12-point offence`,
      },
    ),
    rule(
      'cycle-cap',
      p('points.allowanceLeft', 'gt', 0),
      'refuse',
      {
        condition: t('本记分周期减分未达上限（6分）', 'You are below the cap of 6 points reduced per cycle'),
        message: t('本记分周期减分已达上限（6分）', 'The cap of 6 points per cycle has been reached'),
      },
      SRC.pointReduction,
    ),
    rule(
      'real-person',
      is('applicant.realNameLevel', 'face'),
      'refuse',
      {
        condition: t(
          '通过互联网或自助终端办理的，申请人已完成人脸实人认证',
          'When applying online or at a kiosk, you have passed live face verification',
        ),
        message: t('学法减分须完成人脸实人认证', 'Point reduction requires live face verification'),
      },
      SRC.pointReduction,
      p('case.channel', 'in', ['online', 'kiosk']),
    ),
    RULES.noOpenCase,
  ],
  materials: [
    MATERIALS.idCard,
    material('study-exam', t('学法考试合格记录', 'Passed study exam'), 'study-exam', {
      note: t(
        '由学习平台共享本周期内的考试结果',
        'Shared by the study platform: an exam passed in the current cycle',
      ),
    }),
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic'],
  instantApproval: true,
  workflow: decidedByRule,
});

export const VIOLATION_ITEMS: readonly ItemDefinition[] = [VIOLATION_HANDLE, POINT_REDUCE];
