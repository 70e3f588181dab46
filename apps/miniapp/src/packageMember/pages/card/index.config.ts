export default definePageConfig({ navigationBarTitleText: '亮身份', navigationBarBackgroundColor: '#c8161d' });
