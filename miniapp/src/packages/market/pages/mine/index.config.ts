export default definePageConfig({ navigationBarTitleText: '我的供需', enablePullDownRefresh: true });
