export default definePageConfig({ navigationBarTitleText: '回访整改', enablePullDownRefresh: true });
