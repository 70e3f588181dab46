export default definePageConfig({ navigationBarTitleText: '社区报到海报' });
