export default definePageConfig({ navigationBarTitleText: '管家管理', enablePullDownRefresh: true });
