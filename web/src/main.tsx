import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FIRST_SCREEN_ID } from '@shared/plan-heading';
import { App, firstRender } from './App';
import { initialLang } from './i18n/i18n';
import './styles.css';

// the server's first screen is in Vietnamese: a page set to English shows the app's own as before
if (initialLang() !== 'vi') document.getElementById(FIRST_SCREEN_ID)?.remove();

void firstRender.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
