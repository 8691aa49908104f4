import { appSettings } from '../../config/settings.js';

/** Skykit's variables (docs/configuration.md); its credential is read with the others (config/load.ts). */
export const skykitSettings = appSettings('skykit', {
  url: { kind: 'url', variable: 'SKYKIT_URL', default: 'https://skykit-provisioning.appspot.com', doc: 'Skykit base URL' },
});
