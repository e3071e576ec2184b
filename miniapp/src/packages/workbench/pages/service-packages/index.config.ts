export default definePageConfig({ navigationBarTitleText: '服务包管理', enablePullDownRefresh: true });
