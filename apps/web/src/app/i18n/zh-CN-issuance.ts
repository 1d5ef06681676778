/** zh-CN texts of the issuance screens. */
export const issuanceZhCN = {
  issuance: {
    entry: '文书',
  },
};
