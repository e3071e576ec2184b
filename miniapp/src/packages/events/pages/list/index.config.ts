export default definePageConfig({
  navigationBarTitleText: '潭商讲堂',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
