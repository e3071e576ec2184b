export default definePageConfig({ navigationBarTitleText: '企业分配', enablePullDownRefresh: true });
