/** zh-CN texts of the credentials screens. */
export const credentialsZhCN = {
  credentials: {
    entry: '电子驾驶证',
  },
};
