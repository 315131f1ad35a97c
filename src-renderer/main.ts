import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { apiClientKey } from './api/api-client-injection';
import { createApiClient } from './api/client';
import App from './App.vue';
import './styles/theme.css';
import './styles/base.css';

const app = createApp(App);
app.provide(apiClientKey, createApiClient());
app.use(createPinia());
app.mount('#app');
