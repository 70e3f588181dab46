export default definePageConfig({ navigationBarTitleText: '任务与核验', enablePullDownRefresh: true });
