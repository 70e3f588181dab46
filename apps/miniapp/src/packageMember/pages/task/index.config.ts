export default definePageConfig({
  navigationBarTitleText: '任务详情',
  enablePullDownRefresh: true,
  // 转发: useTaskShare (the card opens this task)
  enableShareAppMessage: true,
});
