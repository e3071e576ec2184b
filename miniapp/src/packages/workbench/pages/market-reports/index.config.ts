export default definePageConfig({ navigationBarTitleText: '商圈管理', enablePullDownRefresh: true });
