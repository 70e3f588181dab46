export default definePageConfig({ navigationBarTitleText: '党员报回记录', enablePullDownRefresh: true });
