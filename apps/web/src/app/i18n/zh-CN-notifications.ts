/** zh-CN texts of the notifications screens. */
export const notificationsZhCN = {
  notifications: {
    entry: '消息',
  },
};
