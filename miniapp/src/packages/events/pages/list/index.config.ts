export default definePageConfig({ navigationBarTitleText: '潭商讲堂' });
