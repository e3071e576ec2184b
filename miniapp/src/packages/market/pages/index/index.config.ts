export default definePageConfig({ navigationBarTitleText: '企业商圈', enablePullDownRefresh: true });
