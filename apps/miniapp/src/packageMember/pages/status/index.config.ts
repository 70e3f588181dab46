export default definePageConfig({ navigationBarTitleText: '我的报到', enablePullDownRefresh: true });
