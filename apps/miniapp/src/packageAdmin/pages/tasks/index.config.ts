export default definePageConfig({ navigationBarTitleText: '任务管理', enablePullDownRefresh: true });
