/** The verifiable e-licence (电子驾驶证): signed QR, public verification, single-use share codes. */
export { signingKeyOf } from './keys.ts';
export { credentialsRoutes } from './routes.ts';
