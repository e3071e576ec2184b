export default definePageConfig({ navigationBarTitleText: '对接详情', enablePullDownRefresh: true });
