/** zh-CN texts of the notifications screens. */
export const notificationsZhCN = {
  notifications: {
    entry: '消息',
    title: '我的消息',
    unread: (n: number) => `${n} 条未读`,
    allRead: '全部已读',
    readAll: '全部标为已读',
    empty: '暂无消息。办件进度、缴费结果和到期提醒会在这里通知您。',
    more: '加载更多',
    unreadMark: '未读',
    open: '查看',
    kinds: { case: '办件', payment: '缴费', reminder: '提醒', other: '通知' },
    sms: { sent: '已短信通知', pending: '短信发送中', sending: '短信发送中', failed: '短信未送达' },
    prefsTitle: '接收设置',
    prefs: {
      sms: '短信通知',
      smsHint: '发送到您登记的手机号码',
      inApp: '站内消息',
      inAppHint: '在本应用“消息”中提醒您',
      reminders: '到期提醒',
      remindersHint: '驾驶证到期、车辆年检、罚款即将加处、补正待提交',
    },
    oneChannel: '至少保留一种接收方式（短信或站内消息）',
    saved: '接收设置已保存',
  },
};
