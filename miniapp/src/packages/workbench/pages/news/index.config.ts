export default definePageConfig({ navigationBarTitleText: '动态管理', enablePullDownRefresh: true });
