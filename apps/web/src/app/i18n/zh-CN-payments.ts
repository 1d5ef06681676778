/** zh-CN texts of the payments screens. */
export const paymentsZhCN = {
  payments: {
    entry: '缴费',
  },
};
