import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler } from './app/api/query-client.ts';
import { Providers } from './app/providers.tsx';
import { installSessionGuard, router } from './app/router.tsx';
import './app/styles.css';
import './app/services.css';

setUnauthenticatedHandler(installSessionGuard());

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
